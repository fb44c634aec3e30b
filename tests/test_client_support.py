"""Helpers shared by the ``test_client_*`` modules (this module holds no tests).

* :class:`Surface` drives an :class:`InboxClient` or an :class:`AsyncInboxClient` through the same
  blocking methods (the async one on a persistent event loop, so its connection pool lives
  across calls), so one scenario runs against both clients without being written twice.
* :class:`SleepRecorder` replaces the sleeps of the request loop: retries happen at once (the
  retry policy itself is the real default one) and the delays asked for are kept to assert on.
* :class:`ScriptedServer` is a tiny loopback HTTP server answering canned responses, for what the
  mock cannot produce (a repeated paging cursor, a 302, a 200 of the wrong shape).
* :func:`settled` reads the mock's request log once every attempt has been recorded.
"""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Coroutine, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType
from typing import Any, Literal, TypeVar
from urllib.parse import parse_qs, urlsplit

import httpx

from wix_inbox import (
    AsyncInboxClient,
    AsyncMessageIterator,
    Conversation,
    GetOrCreateResult,
    InboxClient,
    Message,
    MessageContent,
    MessageIterator,
    MessagePage,
)
from wix_inbox.testing import MockInbox, RecordedRequest

T = TypeVar("T")
Mode = Literal["sync", "async"]
MODES: tuple[Mode, ...] = ("sync", "async")

CONTACT = "9e668c08-8bdb-4240-babb-8176935f6f78"
MEMBER = "2f1d6f3c-6b1e-4f0e-9a51-6c1f5d0c4b7a"
VISITOR = "40096143-3643-4cc1-8329-30a7fc2c595e"
UNKNOWN_GUID = "00000000-0000-4000-8000-000000000000"
SITE_GUID = "6fd2b962-dd8f-382f-8d27-ae63f188c939"

# --------------------------------------------------------------------------------- surface


class Surface:
    """One client, sync or async, behind the same blocking methods.

    The async client really does async I/O: each call runs its coroutine to completion on one
    :class:`asyncio.Runner` kept for the whole test.
    """

    def __init__(self, client: InboxClient | AsyncInboxClient, runner: asyncio.Runner) -> None:
        self.client = client
        self.runner = runner

    @property
    def mode(self) -> Mode:
        return "sync" if isinstance(self.client, InboxClient) else "async"

    def _wait(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self.runner.run(coroutine)

    def get(self, conversation_id: str | uuid.UUID, **options: Any) -> Conversation:
        if isinstance(self.client, InboxClient):
            return self.client.conversations.get(conversation_id, **options)
        return self._wait(self.client.conversations.get(conversation_id, **options))

    def get_or_create(self, **options: Any) -> GetOrCreateResult:
        if isinstance(self.client, InboxClient):
            return self.client.conversations.get_or_create(**options)
        return self._wait(self.client.conversations.get_or_create(**options))

    def list_page(self, conversation_id: str | uuid.UUID, **options: Any) -> MessagePage:
        if isinstance(self.client, InboxClient):
            return self.client.messages.list_page(conversation_id, **options)
        return self._wait(self.client.messages.list_page(conversation_id, **options))

    def send(
        self, conversation_id: str | uuid.UUID, content: str | MessageContent, **options: Any
    ) -> Message:
        if isinstance(self.client, InboxClient):
            return self.client.messages.send(conversation_id, content, **options)
        return self._wait(self.client.messages.send(conversation_id, content, **options))

    def iterate(
        self, conversation_id: str | uuid.UUID, **options: Any
    ) -> MessageIterator | AsyncMessageIterator:
        """``client.messages.list(...)`` itself: nothing is fetched yet."""
        return self.client.messages.list(conversation_id, **options)

    def collect(self, iterator: MessageIterator | AsyncMessageIterator) -> list[Message]:
        """Every message of the iterator (``for`` / ``async for``)."""
        if isinstance(iterator, MessageIterator):
            return list(iterator)

        async def run() -> list[Message]:
            return [message async for message in iterator]

        return self._wait(run())

    def pages(self, iterator: MessageIterator | AsyncMessageIterator) -> list[MessagePage]:
        """Every page of the iterator (``iter_pages()``)."""
        if isinstance(iterator, MessageIterator):
            return list(iterator.iter_pages())

        async def run() -> list[MessagePage]:
            return [page async for page in iterator.iter_pages()]

        return self._wait(run())

    def first(self, iterator: MessageIterator | AsyncMessageIterator) -> Message:
        """The first message only (the iteration is abandoned after it)."""
        if isinstance(iterator, MessageIterator):
            return next(iter(iterator))

        async def run() -> Message:
            async for message in iterator:
                return message
            raise AssertionError("no message")

        return self._wait(run())

    def with_options(self, **options: Any) -> Surface:
        return Surface(self.client.with_options(**options), self.runner)

    def close(self) -> None:
        if isinstance(self.client, InboxClient):
            self.client.close()
        else:
            self._wait(self.client.aclose())

    @property
    def http(self) -> httpx.Client | httpx.AsyncClient:
        return self.client._http

    @property
    def http_closed(self) -> bool:
        return self.client._http.is_closed


class Clients:
    """Makes :class:`Surface` objects of one mode; closes them all at the end of the test."""

    def __init__(self, mode: Mode, mock: MockInbox) -> None:
        self.mode = mode
        self.mock = mock
        self.runner = asyncio.Runner()
        self._made: list[Surface] = []
        self._http: list[httpx.Client | httpx.AsyncClient] = []

    @property
    def cls(self) -> type[InboxClient] | type[AsyncInboxClient]:
        return InboxClient if self.mode == "sync" else AsyncInboxClient

    def raw(self, **kwargs: Any) -> Surface:
        """A client made with exactly these arguments."""
        return self._keep(self.cls(**kwargs))

    def __call__(self, **kwargs: Any) -> Surface:
        """A client of the mock's default API key and site (any argument overrides)."""
        defaults: dict[str, Any] = {
            "api_key": self.mock.api_key,
            "site_id": self.mock.site_id,
            "base_url": self.mock.url,
        }
        return self.raw(**{**defaults, **kwargs})

    def app(self, **kwargs: Any) -> Surface:
        """``for_app`` with the mock's default app (any argument overrides)."""
        defaults: dict[str, Any] = {
            "app_id": self.mock.app_id,
            "app_secret": self.mock.app_secret,
            "instance_id": self.mock.instance_id,
            "base_url": self.mock.url,
        }
        return self._keep(self.cls.for_app(**{**defaults, **kwargs}))

    def http_client(
        self, on_request: Callable[[httpx.Request], None] | None = None
    ) -> httpx.Client | httpx.AsyncClient:
        """An httpx client of this mode (for ``http_client=``), optionally watching requests."""
        client: httpx.Client | httpx.AsyncClient
        if self.mode == "sync":
            hooks = {"request": [on_request]} if on_request else {}
            client = httpx.Client(event_hooks=hooks)
        else:

            async def hook(request: httpx.Request) -> None:
                assert on_request is not None
                on_request(request)

            client = httpx.AsyncClient(event_hooks={"request": [hook]} if on_request else {})
        self._http.append(client)
        return client

    def _keep(self, client: InboxClient | AsyncInboxClient) -> Surface:
        surface = Surface(client, self.runner)
        self._made.append(surface)
        return surface

    def close_all(self) -> None:
        try:
            for surface in self._made:
                surface.close()
            for http in self._http:
                if isinstance(http, httpx.Client):
                    http.close()
                else:
                    self.runner.run(http.aclose())
        finally:
            self.runner.close()


# ------------------------------------------------------------------------------ sleeping


class _ModuleProxy:
    """Stands in for a module inside ``wix_inbox._core``, overriding one attribute."""

    def __init__(self, module: ModuleType, **overrides: Any) -> None:
        self._module = module
        self._overrides = overrides

    def __getattr__(self, name: str) -> Any:
        if name in self._overrides:
            return self._overrides[name]
        return getattr(self._module, name)


@dataclass
class SleepRecorder:
    """The delays the request loop asked to sleep, in order.

    Nothing is slept unless ``real_cap`` > 0: then ``min(delay, real_cap)`` is slept for real
    (for a server whose rate window must pass before the retry).
    """

    delays: list[float] = field(default_factory=list)
    real_cap: float = 0.0
    # Called with each delay before it is (not) slept: lets a test change the world meanwhile.
    on_sleep: Callable[[float], None] | None = None

    def sleep(self, seconds: float) -> None:
        self.delays.append(seconds)
        if self.on_sleep is not None:
            self.on_sleep(seconds)
        if self.real_cap > 0:
            time.sleep(min(seconds, self.real_cap))

    async def asleep(self, seconds: float) -> None:
        self.delays.append(seconds)
        if self.on_sleep is not None:
            self.on_sleep(seconds)
        await asyncio.sleep(min(seconds, self.real_cap))

    def proxies(self) -> tuple[_ModuleProxy, _ModuleProxy]:
        """Stand-ins for ``time`` and ``asyncio`` in ``wix_inbox._core``."""
        return _ModuleProxy(time, sleep=self.sleep), _ModuleProxy(asyncio, sleep=self.asleep)


# ------------------------------------------------------------------------- request log


def sigint_as_usual() -> None:
    """``preexec_fn`` of a child process a test interrupts: SIGINT back to its default, so
    the child's Python turns it into KeyboardInterrupt even when this run ignores SIGINT (a
    shell's background job does, and a child inherits that: it would never see the Ctrl-C)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def routed(mock: MockInbox, route: str) -> list[RecordedRequest]:
    return [r for r in mock.requests if r.route == route]


def settled(mock: MockInbox, route: str, *, at_least: int = 1, quiet: float = 0.03) -> int:
    """How many requests of ``route`` the mock received, once its log stopped growing.

    A request the client abandoned (timeout, dropped connection) is logged when the server
    notices, which may be a moment after the client returned: wait for ``at_least`` entries,
    then until the count stays the same for ``quiet`` seconds (at most 3 s in all).
    """
    deadline = time.monotonic() + 3.0
    count = len(routed(mock, route))
    while count < at_least and time.monotonic() < deadline:
        time.sleep(0.005)
        count = len(routed(mock, route))
    while time.monotonic() < deadline:
        time.sleep(quiet)
        again = len(routed(mock, route))
        if again == count:
            break
        count = again
    return count


# ------------------------------------------------------------------------- secrets


def exception_texts(error: BaseException) -> str:
    """Everything an exception shows: str, repr, its args and the formatted chain."""
    parts = [str(error), repr(error), *map(repr, error.args)]
    parts.extend(traceback.format_exception(error))
    return "\n".join(parts)


def assert_hidden(text: str, secrets: Iterable[str]) -> None:
    for secret in secrets:
        assert secret, "an empty secret proves nothing"
        assert secret not in text, f"a secret shows in: {text[:200]!r}"


# ------------------------------------------------------------------- scripted server


@dataclass(frozen=True)
class Canned:
    """A canned answer: status, body (bytes, or JSON-encoded when not bytes) and headers."""

    status: int = 200
    body: Any = b""
    headers: Mapping[str, str] = field(default_factory=dict)

    def encoded(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        return json.dumps(self.body).encode()


@dataclass(frozen=True)
class Seen:
    """A request the scripted server received."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


class ScriptedServer:
    """A loopback HTTP/1.1 server answering ``script(request_number, request)``.

    ``script`` may also be a sequence: the n-th request gets the n-th answer, the last repeats.
    """

    def __init__(self, script: Sequence[Canned] | Callable[[int, Seen], Canned]) -> None:
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        if callable(script):
            self._script = script
        else:
            answers = list(script)
            self._script = lambda n, _seen: answers[min(n, len(answers) - 1)]
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else each answer waits for a delayed ACK

            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                parts = urlsplit(self.path)
                seen = Seen(
                    method=self.command,
                    path=parts.path,
                    query=parse_qs(parts.query, keep_blank_values=True),
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=self.rfile.read(length) if length else b"",
                )
                with server._lock:
                    number = len(server.requests)
                    server.requests.append(seen)
                canned = server._script(number, seen)
                payload = canned.encoded()
                self.send_response(canned.status)
                headers = {"content-type": "application/json", **canned.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        host, port = self._httpd.server_address[:2]
        self.url = f"http://{host!s}:{port}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)


@contextmanager
def scripted(script: Sequence[Canned] | Callable[[int, Seen], Canned]) -> Iterator[ScriptedServer]:
    with ScriptedServer(script) as server:
        yield server


def wire_message(number: int, *, text: str | None = None) -> dict[str, Any]:
    """A message as the API returns it (for scripted pages)."""
    sequence = str(1_700_000_000_000_000 + number)
    body = text or f"message {number}"
    return {
        "id": sequence,
        "content": {"previewText": body, "basic": {"items": [{"text": body}]}},
        "sender": {"wixUserId": "5a0c4737-a2a0-4c37-a07e-d9fd87027023"},
        "visibility": "BUSINESS_AND_PARTICIPANT",
        "sequence": sequence,
        "direction": "BUSINESS_TO_PARTICIPANT",
        "createdDate": "2021-12-30T08:12:43.799Z",
    }


def page_body(messages: Sequence[Mapping[str, Any]], next_cursor: str | None) -> dict[str, Any]:
    return {
        "messages": list(messages),
        "pagingMetadata": {"count": len(messages), "cursors": {"next": next_cursor}},
    }


class RawServer:
    """A loopback TCP server that answers every request with the same raw bytes, then closes
    the connection: for answers that are not even HTTP. ``connections`` counts the requests.

    A well-framed answer must say ``Connection: close``: without it the client may keep the
    connection and send its next request on it before this thread has closed it, and that
    request then fails on the closed socket without reaching ``connections``."""

    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        self.connections = 0
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.05)
        host, port = self._sock.getsockname()[:2]
        self.url = f"http://{host}:{port}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(2.0)
                data = b""
                try:
                    while b"\r\n\r\n" not in data:
                        chunk = conn.recv(65536)
                        if not chunk:
                            break
                        data += chunk
                    self.connections += 1
                    conn.sendall(self.answer)
                except OSError:
                    pass

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        self._sock.close()
