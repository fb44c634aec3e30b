"""Running the mock's ASGI app with uvicorn on a background thread.

* The listening socket is bound before the thread starts (port 0 picks a free port), so the URL
  is known at once and uvicorn only has to wrap the socket.
* uvicorn's polling main loop (a 0.1 s tick) and its shutdown (a fixed 0.1 s sleep plus 0.1 s
  polls) are replaced by event-driven versions, so start and stop take milliseconds.
* The HTTP protocol is uvicorn's h11 implementation, subclassed to put the connection's asyncio
  transport into the ASGI scope's ``state``; the app closes that transport to simulate a
  connection dropped without any response (see ``MockApp._drop``).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from ._app import TRANSPORT_KEY, MockApp

__all__ = ["ServerThread", "bind_socket"]

_SHUTDOWN_GRACE = 2.0
_MAX_REQUEST_HEAD = 1024 * 1024


class _TransportH11Protocol(H11Protocol):
    """uvicorn's h11 protocol that exposes its transport to the app via ``scope["state"]``."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        # uvicorn writes the head and the body of a response separately: without TCP_NODELAY,
        # Nagle's algorithm and the client's delayed ACK add ~40 ms to every response.
        sock = transport.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        # uvicorn copies app_state into scope["state"] for every request of this connection.
        self.app_state = {**self.app_state, TRANSPORT_KEY: transport}


class _Server(uvicorn.Server):
    """uvicorn.Server with event-driven main loop and a quick shutdown."""

    def __init__(self, config: uvicorn.Config, app: MockApp) -> None:
        super().__init__(config)
        self.mock_app = app
        self.ready = threading.Event()
        self.loop: asyncio.AbstractEventLoop | None = None
        self._exit: asyncio.Event | None = None

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        self.loop = asyncio.get_running_loop()
        self._exit = asyncio.Event()
        await super().startup(sockets=sockets)
        self.ready.set()

    async def main_loop(self) -> None:
        assert self._exit is not None
        counter = 0
        # on_tick refreshes the Date header when counter % 10 == 0, and reports should_exit.
        while not await self.on_tick(counter):
            counter = 0
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._exit.wait(), timeout=1.0)

    def request_exit(self) -> None:
        """Ask the server to stop (from any thread)."""
        self.should_exit = True
        loop, event = self.loop, self._exit
        if loop is not None and event is not None:
            with contextlib.suppress(RuntimeError):  # the loop is already closed
                loop.call_soon_threadsafe(self._wake, event)

    def _wake(self, event: asyncio.Event) -> None:
        self.mock_app.begin_shutdown()
        event.set()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        state = self.server_state
        for connection in list(state.connections):
            connection.shutdown()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + _SHUTDOWN_GRACE
        while (state.connections or state.tasks) and loop.time() < deadline:
            await asyncio.sleep(0.002)
        for connection in list(state.connections):
            transport = getattr(connection, "transport", None)
            if transport is not None:
                transport.abort()
        for task in list(state.tasks):
            task.cancel()
        for server in self.servers:
            await server.wait_closed()


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (port 0: a free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


class ServerThread:
    """uvicorn serving one MockApp on a pre-bound socket, in a daemon thread."""

    def __init__(self, app: MockApp, sock: socket.socket) -> None:
        config = uvicorn.Config(
            app,
            http=_TransportH11Protocol,
            ws="none",
            lifespan="off",
            loop="asyncio",
            interface="asgi3",
            log_config=None,
            access_log=False,
            proxy_headers=False,
            server_header=False,
            timeout_keep_alive=30,
            # h11's default (16 KiB) refuses a request head larger than that with a text/plain
            # 400; a spec-valid listMessages URL is far longer at worst (`paging.cursor` takes
            # 16000 characters, up to 12 bytes each once percent-encoded).
            h11_max_incomplete_event_size=_MAX_REQUEST_HEAD,
        )
        self._sock = sock
        self._server = _Server(config, app)
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, name=f"wix-inbox-mock:{sock.getsockname()[1]}", daemon=True
        )

    def _run(self) -> None:
        try:
            self._server.run(sockets=[self._sock])
        except BaseException as error:
            self._error = error
            self._server.ready.set()

    def start(self, timeout: float = 10.0) -> None:
        self._thread.start()
        if not self._server.ready.wait(timeout) or self._error is not None:
            self.stop()
            raise RuntimeError("the mock server did not start") from self._error

    def stop(self, timeout: float = 10.0) -> None:
        self._server.request_exit()
        if self._thread.is_alive():
            self._thread.join(timeout)
        with contextlib.suppress(OSError):
            self._sock.close()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()
