"""Issue 8: the client against hostile servers and careless callers.

Each test states a property (every call ends in bounded time, memory stays bounded, only
WixError escapes, an answer belongs to its question, fork safety, paging terminates, errors
pickle without secrets, a token outage fails fast, the http_client is used as given) and checks
it for several shapes of the hostile case, sync and async (``client_mode``). Servers that no
HTTP library would write are raw sockets (tests/hostile.py).
"""

from __future__ import annotations

import asyncio
import gc
import gzip
import os
import pickle
import signal
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

import wix_inbox
from hostile import Conn, HostileServer, http_response
from test_client_support import (
    CONTACT,
    Canned,
    Clients,
    Seen,
    SleepRecorder,
    page_body,
    scripted,
    wire_message,
)
from wix_inbox import (
    DEFAULT_MAX_RESPONSE_BYTES,
    APITimeoutError,
    AsyncInboxClient,
    ClientClosedError,
    InboxClient,
    InternalServerError,
    InvalidArgumentError,
    UnexpectedResponseError,
    WixError,
)
from wix_inbox.testing import MockInbox

A = "6fd2b962-dd8f-382f-8d27-ae63f188c939"
B = "0d3b1f8a-2c55-4c3e-9b59-9d7d7f0f6a11"
TIMEOUT = 0.5
# Above TIMEOUT: what a loaded 2-core machine may add. Well below the servers' 20 s.
SLACK = 1.5


def conversation(cid: str) -> dict[str, Any]:
    return {"conversation": {"id": cid, "participant": {"contactId": CONTACT}}}


def _timed(call: Callable[[], Any]) -> tuple[float, BaseException | None]:
    start = time.monotonic()
    try:
        call()
    except BaseException as error:
        return time.monotonic() - start, error
    return time.monotonic() - start, None


# ------------------------------------------------------------------ 1. bounded time


def _forever(piece: bytes) -> Iterator[bytes]:
    for _ in range(1000):
        yield piece


def _trickle_status_line(conn: Conn) -> None:
    if conn.read_request():
        conn.trickle(_forever(b"H"), 0.1)


def _trickle_headers(conn: Conn) -> None:
    if conn.read_request():
        conn.send(b"HTTP/1.1 200 OK\r\n")
        conn.trickle(_forever(b"X-Slow: y\r\n"), 0.1)


def _endless_continue(conn: Conn) -> None:
    if conn.read_request():
        conn.trickle(_forever(b"HTTP/1.1 100 Continue\r\n\r\n"), 0.1)


def _trickle_body(conn: Conn) -> None:
    if conn.read_request():
        conn.send(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 900\r\n\r\n"
        )
        conn.trickle(_forever(b" "), 0.1)


def _trickle_chunked(conn: Conn) -> None:
    if conn.read_request():
        conn.send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        conn.trickle(_forever(b"1\r\n \r\n"), 0.1)


TRICKLES = {
    "status-line": _trickle_status_line,
    "headers": _trickle_headers,
    "100-continue": _endless_continue,
    "body": _trickle_body,
    "chunked-body": _trickle_chunked,
}


@pytest.mark.parametrize("pattern", TRICKLES)
def test_a_trickling_server_cannot_hold_a_read_past_its_deadline(
    clients: Clients, pattern: str
) -> None:
    with HostileServer(TRICKLES[pattern]) as server:
        surface = clients(base_url=server.url, timeout=TIMEOUT, max_retries=0)
        elapsed, error = _timed(lambda: surface.get(A))
    assert isinstance(error, APITimeoutError), repr(error)
    assert elapsed < TIMEOUT + SLACK, f"{pattern}: {elapsed:.2f} s"


@pytest.mark.parametrize("pattern", ["headers", "body"])
def test_the_deadline_is_per_attempt_and_follows_the_retry_rules(
    clients: Clients, pattern: str
) -> None:
    with HostileServer(TRICKLES[pattern]) as server:
        surface = clients(base_url=server.url, timeout=TIMEOUT, max_retries=2)
        read_time, read_error = _timed(lambda: surface.get(A))
        reads = server.connections
        send_time, send_error = _timed(lambda: surface.send(A, "once"))
        sends = server.connections - reads
    assert isinstance(read_error, APITimeoutError)
    assert isinstance(send_error, APITimeoutError)
    assert reads == 3  # a read is retried after a timeout
    assert sends == 1  # a send is not: it may have arrived
    assert read_time < 3 * TIMEOUT + SLACK
    assert send_time < TIMEOUT + SLACK


@pytest.mark.parametrize("pattern", ["body", "chunked-body"])
def test_a_users_http_client_gets_the_deadline_on_the_body(clients: Clients, pattern: str) -> None:
    with HostileServer(TRICKLES[pattern]) as server:
        surface = clients(
            base_url=server.url, timeout=TIMEOUT, max_retries=0, http_client=clients.http_client()
        )
        elapsed, error = _timed(lambda: surface.get(A))
    assert isinstance(error, APITimeoutError), repr(error)
    assert elapsed < TIMEOUT + SLACK


def test_a_timeout_without_limit_sets_no_deadline() -> None:
    from wix_inbox._transport import attempt_seconds

    def seconds(timeout: httpx.Timeout) -> float | None:
        return attempt_seconds(
            httpx.Request("GET", "http://x", extensions={"timeout": timeout.as_dict()})
        )

    assert seconds(httpx.Timeout(1.0)) == 1.0
    assert seconds(httpx.Timeout(30.0, connect=5.0)) == 30.0
    assert seconds(httpx.Timeout(2.0, read=7.0)) == 7.0
    assert seconds(httpx.Timeout(5.0, read=None)) is None


# --------------------------------------------------------------- 2. bounded memory


def _body_server(make: Callable[[], tuple[dict[str, str], Iterator[bytes]]], limit: int) -> Any:
    def behaviour(conn: Conn) -> None:
        while conn.read_request():
            headers, pieces = make()
            head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
            if not conn.send((head + "\r\n").encode()):
                return
            conn.stream(pieces, limit)
            return

    return behaviour


def _endless_identity() -> tuple[dict[str, str], Iterator[bytes]]:
    return {"Transfer-Encoding": "chunked"}, (
        b"10000\r\n" + b"[" * 65536 + b"\r\n" for _ in range(10_000)
    )


def _large_identity() -> tuple[dict[str, str], Iterator[bytes]]:
    size = 8 * 1024 * 1024
    return {"Content-Length": str(size)}, (b" " * 65536 for _ in range(size // 65536))


_ZEROS = b"\0" * (64 * 1024 * 1024)
_GZIP_BOMB = gzip.compress(_ZEROS, compresslevel=9)
_DEFLATE_BOMB = zlib.compress(_ZEROS, 9)
_RAW_DEFLATE = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
_RAW_DEFLATE_BOMB = _RAW_DEFLATE.compress(_ZEROS) + _RAW_DEFLATE.flush()
del _ZEROS


def _bomb(encoding: str, data: bytes) -> Callable[[], tuple[dict[str, str], Iterator[bytes]]]:
    def make() -> tuple[dict[str, str], Iterator[bytes]]:
        return (
            {"Content-Encoding": encoding, "Content-Length": str(len(data))},
            (data[i : i + 65536] for i in range(0, len(data), 65536)),
        )

    return make


BODIES = {
    "endless-chunked": _endless_identity,
    "large-content-length": _large_identity,
    "gzip-bomb": _bomb("gzip", _GZIP_BOMB),
    "deflate-bomb": _bomb("deflate", _DEFLATE_BOMB),
    "raw-deflate-bomb": _bomb("deflate", _RAW_DEFLATE_BOMB),
}
CAP = 1024 * 1024


@pytest.mark.parametrize("body", BODIES)
def test_a_body_past_the_cap_is_refused_without_reading_it_whole(
    clients: Clients, body: str
) -> None:
    with HostileServer(_body_server(BODIES[body], 200 * 1024 * 1024)) as server:
        surface = clients(base_url=server.url, max_retries=0, max_response_bytes=CAP)
        tracemalloc.start()
        try:
            _, error = _timed(lambda: surface.get(A))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert isinstance(error, UnexpectedResponseError), repr(error)
    assert "max_response_bytes" in str(error)
    # The cap, plus one decoding step and one network chunk, plus bookkeeping: never the body.
    assert peak < CAP + 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_a_body_within_the_cap_in_each_encoding_is_read(clients: Clients) -> None:
    body = http_response(conversation(A)).split(b"\r\n\r\n", 1)[1]
    encodings = {
        "identity": (body, {}),
        "gzip": (gzip.compress(body), {"Content-Encoding": "gzip"}),
        "deflate": (zlib.compress(body), {"Content-Encoding": "deflate"}),
    }
    for name, (data, headers) in encodings.items():

        def behaviour(conn: Conn, data: bytes = data, headers: dict[str, str] = headers) -> None:
            while conn.read_request():
                conn.send(http_response(data, headers=headers))

        with HostileServer(behaviour) as server:
            surface = clients(base_url=server.url, max_response_bytes=len(body))
            assert str(surface.get(A).id) == A, name


def test_an_encoding_the_client_did_not_ask_for_is_refused(clients: Clients) -> None:
    def behaviour(conn: Conn) -> None:
        while conn.read_request():
            conn.send(http_response(b"xx", headers={"Content-Encoding": "br"}))

    with HostileServer(behaviour) as server, pytest.raises(UnexpectedResponseError):
        clients(base_url=server.url, max_retries=0).get(A)


def test_the_default_cap_is_far_above_a_full_page() -> None:
    assert DEFAULT_MAX_RESPONSE_BYTES >= 32 * 1024 * 1024
    with pytest.raises(InvalidArgumentError):
        InboxClient(api_key="k", site_id=A, max_response_bytes=0)


def test_a_full_page_of_large_messages_is_read_with_the_default_cap(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    for n in range(100):
        inbox.add_message(conversation_id, f"{n} " + "x" * 4000)
    page = clients().list_page(conversation_id, limit=100)
    assert len(page.messages) == 100


# ------------------------------------------------------------ 3. only WixError escapes


@pytest.mark.parametrize("number", [b"NaN", b"Infinity", b"-Infinity", b"1e999999", b"-1e999999"])
def test_numbers_json_cannot_carry_back_are_refused(clients: Clients, number: bytes) -> None:
    body = b'{"conversation": {"id": "%s", "x": %s}}' % (A.encode(), number)
    with (
        scripted([Canned(200, body)]) as server,
        pytest.raises(UnexpectedResponseError, match="not JSON"),
    ):
        clients(base_url=server.url).get(A)


@pytest.mark.parametrize("char", ["a", "é", "\u6f22", "\U0001f600", "/"])
def test_a_cursor_is_checked_on_what_is_sent(
    clients: Clients, inbox: MockInbox, conversation_id: str, char: str
) -> None:
    surface = clients()
    cursor = char * 16000
    try:
        surface.list_page(conversation_id, cursor=cursor)
    except WixError as error:  # a typed refusal up front, or the server's own answer
        assert type(error).__name__ in ("InvalidArgumentError", "BadRequestError"), repr(error)
    sent = [r for r in inbox.requests if r.route == "listMessages"]
    for request in sent:
        assert request.query["paging.cursor"] == [cursor]


HOSTILE_HEADS = {
    "content-length-5000-digits": b"HTTP/1.1 200 OK\r\nContent-Length: " + b"9" * 5000,
    "content-length-superscript": "HTTP/1.1 200 OK\r\nContent-Length: \u00b2".encode(),
    "content-length-negative": b"HTTP/1.1 200 OK\r\nContent-Length: -5",
    "content-length-twice": b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3",
    "encoding-gzip-twice": b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip, gzip\r\nContent-Length: 2",
    "status-not-a-number": b"HTTP/1.1 abc X\r\nContent-Length: 2",
    "header-with-nul": b"HTTP/1.1 200 OK\r\nX-A: \x00\r\nContent-Length: 2",
    "header-200-kb": b"HTTP/1.1 200 OK\r\nX-A: " + b"a" * 200_000 + b"\r\nContent-Length: 2",
    "chunk-size-5000-digits": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    + b"f" * 5000,
}


@pytest.mark.parametrize("head", HOSTILE_HEADS)
def test_hostile_response_heads_are_wix_errors(clients: Clients, head: str) -> None:
    def behaviour(conn: Conn) -> None:
        while conn.read_request():
            conn.send(HOSTILE_HEADS[head] + b"\r\n\r\n{}")

    with HostileServer(behaviour) as server:
        surface = clients(base_url=server.url, timeout=2, max_retries=0)
        _, error = _timed(lambda: surface.get(A))
    assert isinstance(error, WixError), repr(error)


def test_calls_on_a_closed_client_and_its_copies_raise_client_closed(
    clients: Clients, conversation_id: str
) -> None:
    surface = clients()
    copy = surface.with_options(max_retries=0)
    surface.get(conversation_id)
    surface.close()
    for client in (surface, copy, surface.with_options(timeout=3)):
        with pytest.raises(ClientClosedError):
            client.get(conversation_id)
        with pytest.raises(ClientClosedError):
            client.collect(client.iterate(conversation_id))


def test_a_close_racing_a_retry_raises_client_closed(
    clients: Clients, inbox: MockInbox, conversation_id: str, sleeps: SleepRecorder
) -> None:
    surface = clients()
    inbox.inject("getConversation", status=503)
    sleeps.real_cap = 0.3  # the retry's backoff really waits; the close lands in it
    client = surface.client
    if isinstance(client, InboxClient):
        closer = threading.Timer(0.1, client.close)
        closer.start()
        with pytest.raises(ClientClosedError):
            client.conversations.get(conversation_id)
        closer.join()
    else:
        aclient = client

        async def race() -> None:
            async def close_soon() -> None:
                await asyncio.sleep(0.1)
                await aclient.aclose()

            closing = asyncio.ensure_future(close_soon())
            try:
                await aclient.conversations.get(conversation_id)
            finally:
                await closing

        with pytest.raises(ClientClosedError):
            clients.runner.run(race())
    assert len([r for r in inbox.requests if r.route == "getConversation"]) == 1


def test_a_users_http_client_closed_under_the_client_raises_client_closed(
    clients: Clients, conversation_id: str
) -> None:
    http = clients.http_client()
    surface = clients(http_client=http)
    surface.get(conversation_id)
    if isinstance(http, httpx.Client):
        http.close()
    else:
        clients.runner.run(http.aclose())
    with pytest.raises(ClientClosedError):
        surface.get(conversation_id)


def test_an_async_client_works_across_event_loops(inbox: MockInbox, conversation_id: str) -> None:
    client = AsyncInboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url)
    app = AsyncInboxClient.for_app(
        app_id=inbox.app_id,
        app_secret=inbox.app_secret,
        instance_id=inbox.instance_id,
        base_url=inbox.url,
    )

    async def use() -> list[str]:
        got = await asyncio.gather(
            *(c.conversations.get(conversation_id) for c in (client, app, client, app))
        )
        return [str(c.id) for c in got]

    for _ in range(3):  # each asyncio.run makes and closes a loop
        assert asyncio.run(use()) == [conversation_id] * 4

    async def close() -> None:
        await client.aclose()
        await app.aclose()

    asyncio.run(close())
    with pytest.raises(ClientClosedError):
        asyncio.run(client.conversations.get(conversation_id))


def test_a_users_async_http_client_across_event_loops_is_a_wix_error(
    inbox: MockInbox, conversation_id: str
) -> None:
    http = httpx.AsyncClient()
    client = AsyncInboxClient(
        api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url, http_client=http
    )
    assert str(asyncio.run(client.conversations.get(conversation_id)).id) == conversation_id
    try:  # its pooled connection belongs to the first loop, now closed
        asyncio.run(client.conversations.get(conversation_id))
    except WixError as error:
        assert isinstance(error, ClientClosedError | wix_inbox.APIConnectionError), repr(error)


def test_a_value_json_cannot_carry_is_refused_before_sending(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    content = wix_inbox.content.text("hi")
    content.additional_properties["score"] = float("nan")
    with pytest.raises(InvalidArgumentError):
        clients().send(conversation_id, content)
    assert not [r for r in inbox.requests if r.route == "sendMessage"]


# --------------------------------------------------------- 4. answers match questions


_pushed = threading.Event()


def _pushes_an_extra_answer(conn: Conn) -> None:
    while conn.read_request():
        answer = http_response(conversation(A))
        if not _pushed.is_set():  # once: the right answer, and at once one nobody asked for
            _pushed.set()
            answer += http_response(conversation(B))
        conn.send(answer)


def test_an_answer_to_another_question_is_refused_and_its_connection_dropped(
    clients: Clients,
) -> None:
    _pushed.clear()
    with HostileServer(_pushes_an_extra_answer) as server:
        surface = clients(base_url=server.url, max_retries=0)
        results: list[str] = []
        for _ in range(4):
            try:
                results.append(str(surface.get(A).id))
            except UnexpectedResponseError:
                results.append("refused")
        connections = server.connections
    assert results == [A, "refused", A, A]  # never B
    assert connections == 2  # the connection that carried B was not used again


def test_get_or_create_checks_the_participant(clients: Clients) -> None:
    other = "11111111-2222-4333-8444-555555555555"
    body = {
        "conversation": {"id": A, "participant": {"contactId": other}},
        "newConversation": False,
    }
    with (
        scripted([Canned(200, body)]) as server,
        pytest.raises(UnexpectedResponseError, match=r"participant\.contactId"),
    ):
        clients(base_url=server.url).get_or_create(contact_id=CONTACT)


# ----------------------------------------------------------------------- 5. fork


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
@pytest.mark.parametrize("own_http", [False, True])
def test_a_forked_child_never_uses_the_parents_connections(
    inbox: MockInbox, own_http: bool
) -> None:
    ids = [inbox.create_conversation()["id"] for _ in range(2)]
    http = httpx.Client() if own_http else None
    client = InboxClient(
        api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url, http_client=http
    )
    assert str(client.conversations.get(ids[0]).id) == ids[0]  # a pooled connection now
    parent_pool = client._http
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        signal.alarm(60)  # bounded: a child stuck (a lock held at the fork) is ended
        code = "ok"
        try:
            for _ in range(20):
                if str(client.conversations.get(ids[1]).id) != ids[1]:
                    code = "crossed"
            if client._http is parent_pool:
                code = "same pool"
        except ClientClosedError:
            code = "closed"
        except BaseException as error:
            code = repr(error)[:200]
        os.write(write, code.encode())
        os._exit(0)
    os.close(write)
    for _ in range(20):
        assert str(client.conversations.get(ids[0]).id) == ids[0]
    os.waitpid(pid, 0)
    with os.fdopen(read, "rb") as pipe:
        outcome = pipe.read().decode()
    client.close()
    if http is not None:
        http.close()
    # Our own pool is made anew in the child; a pool the user passed in cannot be, so the
    # child is refused with a clear error rather than sharing the parent's sockets.
    assert outcome == ("closed" if own_http else "ok")


# -------------------------------------------------------------------- 6. paging


def _page_script(pages: Callable[[int], tuple[list[dict[str, Any]], str | None]]) -> Any:
    def script(number: int, _seen: Seen) -> Canned:
        messages, cursor = pages(number)
        return Canned(200, page_body(messages, cursor))

    return script


PAGINGS: dict[str, Callable[[int], tuple[list[dict[str, Any]], str | None]]] = {
    # the same messages, a fresh cursor each time
    "same-page": lambda n: ([wire_message(1), wire_message(2)], f"c{n}"),
    # two pages in turn, fresh cursors
    "two-page-cycle": lambda n: ([wire_message(1 + 2 * (n % 2))], f"c{n}"),
    # five pages in turn, fresh cursors, messages without sequences
    "five-page-cycle-no-sequence": lambda n: (
        [{k: v for k, v in wire_message(n % 5).items() if k != "sequence"}],
        f"c{n}",
    ),
    # new ids but sequences going back
    "sequence-back": lambda n: (
        [{**wire_message(n), "id": f"id{n}", "sequence": str(1_700_000_000_000_000 + n % 3)}],
        f"c{n}",
    ),
    # empty pages forever
    "empty-forever": lambda n: ([wire_message(1)] if n == 0 else [], f"c{n}"),
}


@pytest.mark.parametrize("shape", PAGINGS)
def test_paging_stops_when_pages_stop_making_progress(clients: Clients, shape: str) -> None:
    with scripted(_page_script(PAGINGS[shape])) as server:
        surface = clients(base_url=server.url)
        got: list[str] = []
        with pytest.raises(UnexpectedResponseError, match="progress"):
            iterator = surface.iterate(A)
            if isinstance(iterator, wix_inbox.MessageIterator):
                for message in iterator:
                    got.append(str(message.id))
            else:

                async def run() -> None:
                    async for message in iterator:
                        got.append(str(message.id))

                surface.runner.run(run())
        requests = len(server.requests)
    assert requests <= 25
    assert len(got) == len(set(got))  # nothing handed out twice


def test_paging_in_either_order_still_works(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    for n in range(7):
        inbox.add_message(conversation_id, f"m{n}")
    for order in ("ASC", "DESC"):
        messages = clients().collect(clients().iterate(conversation_id, order=order, page_size=2))
        assert len(messages) == 7


# -------------------------------------------------------------------- 7. pickling

SECRETS = ("KEY-abc123-very-secret", "TOKEN-xyz789-very-secret", "APPSECRET-qwe456-very")


def _response(status: int, body: Any, *, echo: str = "") -> httpx.Response:
    request = httpx.Request(
        "POST",
        "https://www.wixapis.com/oauth2/token",
        headers={"Authorization": SECRETS[0], "Cookie": f"s={SECRETS[1]}"},
        json={"client_secret": SECRETS[2]},
    )
    return httpx.Response(
        status, json=body, request=request, headers={"x-wix-request-id": "rid-1", "x-echo": echo}
    )


def _every_error() -> list[WixError]:
    from wix_inbox._exceptions import status_error_from_response

    body = {
        "message": "bad",
        "details": {
            "applicationError": {"code": "CONVERSATION_NOT_FOUND", "description": "d", "data": {}},
            "validationError": {
                "fieldViolations": [{"field": "a.b", "description": "must", "violatedRule": "MAX"}]
            },
        },
    }
    errors: list[WixError] = []
    for name in wix_inbox.__all__:
        cls = getattr(wix_inbox, name)
        if not (isinstance(cls, type) and issubclass(cls, WixError)):
            continue
        if issubclass(cls, wix_inbox.APIStatusError):
            status = {"RateLimitError": 429, "InternalServerError": 503}.get(cls.__name__, 404)
            errors.append(cls("bad", response=_response(status, body), body=body))
        elif issubclass(cls, wix_inbox.APIConnectionError):
            errors.append(cls("failed", request=_response(200, {}).request))
        elif cls is UnexpectedResponseError:
            errors.append(cls("odd", response=_response(200, {})))
        else:
            errors.append(cls("plain"))
    for status in (400, 401, 403, 404, 409, 428, 429, 500, 418):
        errors.append(status_error_from_response(_response(status, body)))
    return errors


def test_every_error_class_is_covered() -> None:
    classes = {type(e) for e in _every_error()}
    exported = {
        getattr(wix_inbox, n)
        for n in wix_inbox.__all__
        if isinstance(getattr(wix_inbox, n), type) and issubclass(getattr(wix_inbox, n), WixError)
    }
    assert exported <= classes
    assert len(exported) >= 17


@pytest.mark.parametrize("error", _every_error(), ids=lambda e: type(e).__name__)
def test_every_error_pickles_with_its_data_and_without_credentials(error: WixError) -> None:
    data = pickle.dumps(error)
    for secret in SECRETS:
        assert secret.encode() not in data
    back = pickle.loads(data)
    assert type(back) is type(error)
    assert str(back) == str(error)
    for name in ("status_code", "code", "message", "request_id", "field_violations", "retry_after"):
        assert getattr(back, name, None) == getattr(error, name, None), name
    # In the process, too, the error's request carries no credential.
    request = getattr(error, "request", None) or getattr(
        getattr(error, "response", None), "request", None
    )
    if request is not None:
        shown = repr(dict(request.headers)) + request.content.decode()
        for secret in SECRETS:
            assert secret not in shown


def test_errors_from_real_calls_pickle_without_credentials(
    clients: Clients, inbox: MockInbox
) -> None:
    wrong_secret = "wrong-app-secret-0123456789"
    app = clients.app(app_secret=wrong_secret)
    with pytest.raises(wix_inbox.AuthenticationError) as caught:
        app.get(A)
    data = pickle.dumps(caught.value)
    assert wrong_secret.encode() not in data
    assert inbox.api_key.encode() not in data
    back = pickle.loads(data)
    assert back.status_code == 401 and back.request_id == caught.value.request_id

    surface = clients()
    with pytest.raises(wix_inbox.NotFoundError) as missing:
        surface.get(A)
    data = pickle.dumps(missing.value)
    assert inbox.api_key.encode() not in data
    assert pickle.loads(data).code == missing.value.code


def test_a_server_echoing_the_key_does_not_put_it_in_the_error(clients: Clients) -> None:
    key = "echoed-api-key-0123456789"

    def script(_n: int, seen: Seen) -> Canned:
        echo = seen.headers.get("authorization", "")
        body = {"message": f"bad key {echo}", "details": {"applicationError": {"code": echo}}}
        return Canned(400, body)

    with scripted(script) as server, pytest.raises(wix_inbox.BadRequestError) as caught:
        clients(base_url=server.url, api_key=key).get(A)
    assert key not in str(caught.value) and key not in repr(caught.value.body)
    assert key.encode() not in pickle.dumps(caught.value)


def test_an_error_survives_a_process_pool(inbox: MockInbox) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        future = pool.submit(_get_missing, inbox.url, inbox.api_key, inbox.site_id)
        with pytest.raises(wix_inbox.ConversationNotFoundError) as caught:
            future.result(timeout=30)
    assert caught.value.status_code == 404
    assert caught.value.request_id


def _get_missing(url: str, key: str, site: str) -> None:
    with InboxClient(api_key=key, site_id=site, base_url=url) as client:
        client.conversations.get("00000000-0000-4000-8000-000000000000")


# -------------------------------------------------------------- 8. token outage


def test_a_token_outage_is_shared_by_concurrent_callers(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    inbox.inject("token", status=503, times=1000)
    app = clients.app()
    errors: list[BaseException] = []
    if app.mode == "sync":
        started = threading.Barrier(10)

        def call() -> None:
            started.wait(5)
            try:
                app.get(conversation_id)
            except BaseException as error:
                errors.append(error)

        threads = [threading.Thread(target=call) for _ in range(10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    else:
        client = app.client
        assert isinstance(client, AsyncInboxClient)

        async def run() -> list[BaseException]:
            results = await asyncio.gather(
                *(client.conversations.get(conversation_id) for _ in range(10)),
                return_exceptions=True,
            )
            return [r for r in results if isinstance(r, BaseException)]

        errors = clients.runner.run(run())
    assert len(errors) == 10
    assert all(isinstance(e, InternalServerError) for e in errors)
    token_requests = [r for r in inbox.requests if r.route == "token"]
    # One retrying fetch (1 + 2 retries), not ten; a thread arriving after it ended may start
    # one more.
    assert len(token_requests) <= 6, len(token_requests)
    inbox.clear_faults()
    assert str(app.get(conversation_id).id) == conversation_id  # recovers once Wix is back


# -------------------------------------------------------- 9. the http_client as given


def test_requests_are_built_through_the_users_http_client(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    http: httpx.Client | httpx.AsyncClient
    if clients.mode == "sync":
        http = httpx.Client(headers={"X-Team": "support"}, params={"trace": "1"})
    else:
        http = httpx.AsyncClient(headers={"X-Team": "support"}, params={"trace": "1"})
    clients._http.append(http)
    clients(http_client=http).get(conversation_id)
    (request,) = [r for r in inbox.requests if r.route == "getConversation"]
    assert request.headers["x-team"] == "support"
    assert request.query["trace"] == ["1"]
    assert request.headers["authorization"] == "***"  # ours still win (the log masks it)


def test_a_response_hook_that_reads_the_body_still_works(
    clients: Clients, conversation_id: str
) -> None:
    seen: list[int] = []
    http: httpx.Client | httpx.AsyncClient
    if clients.mode == "sync":

        def hook(response: httpx.Response) -> None:
            seen.append(len(response.read()))

        http = httpx.Client(event_hooks={"response": [hook]})
    else:

        async def ahook(response: httpx.Response) -> None:
            seen.append(len(await response.aread()))

        http = httpx.AsyncClient(event_hooks={"response": [ahook]})
    clients._http.append(http)
    assert str(clients(http_client=http).get(conversation_id).id) == conversation_id
    assert seen and seen[0] > 0
    with pytest.raises(UnexpectedResponseError, match="max_response_bytes"):
        clients(http_client=http, max_response_bytes=10).get(conversation_id)


def _cookie_monster(conn: Conn) -> None:
    body = http_response(conversation(A)).split(b"\r\n", 1)[1]
    for n in range(1000):
        if not conn.read_request():
            return
        # 500 new cookies per answer: a jar that keeps them grows by ~100 kB each time.
        head = "".join(f"Set-Cookie: c{n}x{i}={'v' * 40}; Path=/\r\n" for i in range(500))
        if not conn.send(b"HTTP/1.1 200 OK\r\n" + head.encode() + body):
            return


def test_cookies_are_not_kept_and_memory_stays_flat(clients: Clients) -> None:
    with HostileServer(_cookie_monster) as server:
        surface = clients(base_url=server.url)
        for _ in range(3):  # warm up
            surface.get(A)
        gc.collect()
        tracemalloc.start()
        try:
            before, _ = tracemalloc.get_traced_memory()
            for _ in range(30):
                surface.get(A)
            gc.collect()
            after, _ = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert len(surface.http.cookies.jar) == 0
        assert "cookie" not in {k.lower() for k in surface.http.headers}
    # A keeping jar would hold 15,000 cookies here (several MB).
    assert after - before < 1024 * 1024, f"grew {(after - before) / 1e6:.1f} MB"
