"""Raw-socket servers on 127.0.0.1 that misbehave in ways no HTTP library would (this module
holds no tests).

:class:`HostileServer` accepts connections on a thread each and hands every connection to a
``behaviour(conn)``; :class:`Conn` reads requests and writes raw bytes, slowly if asked. Every
loop is bounded (by a count and by the server's stop event), so a test that fails cannot hang.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["Conn", "HostileServer", "http_response"]

# Upper bound of any slow loop here: long after every test's timeout.
MAX_SECONDS = 20.0


def http_response(
    body: bytes | Any = b"",
    *,
    status: str = "200 OK",
    headers: dict[str, str] | None = None,
    length: bool = True,
) -> bytes:
    """A complete HTTP/1.1 response (a non-bytes body is sent as JSON)."""
    payload = body if isinstance(body, bytes) else json.dumps(body).encode()
    lines = [f"HTTP/1.1 {status}", "Content-Type: application/json"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if length:
        lines.append(f"Content-Length: {len(payload)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


class Conn:
    """One accepted connection."""

    def __init__(self, sock: socket.socket, stop: threading.Event) -> None:
        self.sock = sock
        self.stop = stop
        self._buffer = b""

    def read_request(self) -> bytes | None:
        """The next request (head and Content-Length body), or None at EOF or on stop."""
        deadline = time.monotonic() + MAX_SECONDS
        while b"\r\n\r\n" not in self._buffer:
            if not self._recv(deadline):
                return None
        head, _, rest = self._buffer.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        self._buffer = rest
        while len(self._buffer) < length:
            if not self._recv(deadline):
                return None
        body, self._buffer = self._buffer[:length], self._buffer[length:]
        return head + b"\r\n\r\n" + body

    def _recv(self, deadline: float) -> bool:
        self.sock.settimeout(0.05)
        while not self.stop.is_set() and time.monotonic() < deadline:
            try:
                data = self.sock.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return False
            if not data:
                return False
            self._buffer += data
            return True
        return False

    def send(self, data: bytes) -> bool:
        """Write ``data``; False when the client has gone."""
        try:
            self.sock.sendall(data)
        except OSError:
            return False
        return True

    def trickle(self, pieces: Iterator[bytes] | list[bytes], interval: float) -> int:
        """Send each piece ``interval`` seconds apart until the client goes, the pieces run out,
        or the server stops; returns how many pieces were sent."""
        sent = 0
        deadline = time.monotonic() + MAX_SECONDS
        for piece in pieces:
            if self.stop.wait(interval) or time.monotonic() > deadline:
                break
            if not self.send(piece):
                break
            sent += 1
        return sent

    def stream(self, pieces: Iterator[bytes], max_bytes: int) -> int:
        """Send pieces as fast as the client reads, up to ``max_bytes``; returns bytes sent."""
        sent = 0
        for piece in pieces:
            if self.stop.is_set() or sent >= max_bytes or not self.send(piece):
                break
            sent += len(piece)
        return sent


class HostileServer:
    """Serves each connection with ``behaviour(conn)`` on its own thread."""

    def __init__(self, behaviour: Callable[[Conn], None]) -> None:
        self.behaviour = behaviour
        self.stop = threading.Event()
        self.connections = 0
        self.results: list[Any] = []  # what behaviours chose to report
        self._lock = threading.Lock()
        self._socks: list[socket.socket] = []
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self._listener.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                sock, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self.connections += 1
                self._socks.append(sock)
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    def _serve(self, sock: socket.socket) -> None:
        try:
            self.behaviour(Conn(sock, self.stop))
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sock.close()

    def report(self, value: Any) -> None:
        with self._lock:
            self.results.append(value)

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self._thread.join(5)
        self._listener.close()
        with self._lock:
            for sock in self._socks:
                with contextlib.suppress(OSError):
                    sock.close()
