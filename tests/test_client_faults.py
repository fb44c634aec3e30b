"""Every fault the mock can inject, for a read and for ``send``, sync and async.

For each fault: which exception (or success after a retry), how many attempts reached the mock
(from ``mock.requests``), how many retries were slept, and for ``send`` how many messages were
stored: never more than one, whatever happened after the server stored the first.

Retries never sleep here (``sleeps`` records the delays the real default policy asks for).
"""

from __future__ import annotations

import email.utils
import logging
import re
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from test_client_support import (
    CONTACT,
    Canned,
    Clients,
    SleepRecorder,
    Surface,
    routed,
    scripted,
    settled,
)
from wix_inbox import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConversationNotFoundError,
    InternalServerError,
    RateLimitError,
    UnexpectedResponseError,
    WixError,
)
from wix_inbox.testing import MockInbox, Route

SHORT = 0.2  # client timeout for the rows whose fault is a delay
LONG_DELAY = 2.0  # the mock cuts it short as soon as the client hangs up


@dataclass(frozen=True)
class Outcome:
    error: type[WixError] | None  # None: the call succeeds
    attempts: int
    stored: int = 0  # messages stored by send (reads: unused)


@dataclass(frozen=True)
class Row:
    name: str
    fault: dict[str, Any]
    read: Outcome
    send: Outcome
    timeout: float | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@pytest.fixture(scope="module")
def shared_inbox() -> Iterator[MockInbox]:
    with MockInbox() as mock:
        yield mock


@pytest.fixture
def inbox(shared_inbox: MockInbox) -> MockInbox:
    """Overrides conftest's ``inbox``: one mock for the module (starting one per test costs
    more than most of these tests), its faults and request log emptied for each test. Each
    test works in a conversation of its own."""
    shared_inbox.clear_faults()
    shared_inbox.reset_requests()
    return shared_inbox


def _abandons(fault: dict[str, Any]) -> bool:
    """True when the client may hang up before the mock logs the request."""
    return bool(fault.get("delay") or fault.get("disconnect"))


def _attempts(mock: MockInbox, route: str, fault: dict[str, Any], at_least: int) -> int:
    return settled(mock, route, at_least=at_least, quiet=0.03 if _abandons(fault) else 0.0)


OK = None
ROWS: list[Row] = [
    # -- 5xx before Wix did anything ------------------------------------------------------------
    Row("500", {"status": 500}, Outcome(OK, 2), Outcome(InternalServerError, 1, 0)),
    Row(
        "502-html", {"status": 502, "body": "html"}, Outcome(OK, 2), Outcome(InternalServerError, 1)
    ),
    Row(
        "503-empty",
        {"status": 503, "body": "empty"},
        Outcome(OK, 2),
        Outcome(InternalServerError, 1),
    ),
    Row(
        "503-truncated",
        {"status": 503, "body": "truncated"},
        Outcome(OK, 2),
        Outcome(InternalServerError, 1),
    ),
    Row("504", {"status": 504}, Outcome(OK, 2), Outcome(InternalServerError, 1)),
    Row(
        "500x3",
        {"status": 500, "times": 3},
        Outcome(InternalServerError, 3),
        Outcome(InternalServerError, 1),
    ),
    Row("503x2", {"status": 503, "times": 2}, Outcome(OK, 3), Outcome(InternalServerError, 1)),
    # Not in the retryable set: one attempt for everything.
    Row("501", {"status": 501}, Outcome(InternalServerError, 1), Outcome(InternalServerError, 1)),
    Row("520", {"status": 520}, Outcome(InternalServerError, 1), Outcome(InternalServerError, 1)),
    # -- 5xx after Wix stored the message --------------------------------------------------------
    Row(
        "500-after",
        {"status": 500, "after_processing": True},
        Outcome(OK, 2),
        Outcome(InternalServerError, 1, 1),
    ),
    Row(
        "502-html-after",
        {"status": 502, "body": "html", "after_processing": True},
        Outcome(OK, 2),
        Outcome(InternalServerError, 1, 1),
    ),
    Row(
        "503-empty-after",
        {"status": 503, "body": "empty", "after_processing": True},
        Outcome(OK, 2),
        Outcome(InternalServerError, 1, 1),
    ),
    Row(
        "504-after",
        {"status": 504, "after_processing": True},
        Outcome(OK, 2),
        Outcome(InternalServerError, 1, 1),
    ),
    # -- 408 / 429 -------------------------------------------------------------------------------
    Row("408", {"status": 408}, Outcome(OK, 2), Outcome(APIStatusError, 1)),
    Row("429", {"status": 429}, Outcome(OK, 2), Outcome(OK, 2, 1)),
    Row("429-retry-after-1", {"status": 429, "retry_after": 1}, Outcome(OK, 2), Outcome(OK, 2, 1)),
    Row("429x2", {"status": 429, "times": 2}, Outcome(OK, 3), Outcome(OK, 3, 1)),
    # 429s do not use up max_retries (2): a budget of waiting time bounds them instead.
    Row("429x3", {"status": 429, "times": 3}, Outcome(OK, 4), Outcome(OK, 4, 1)),
    Row(
        "429-retry-after-61",
        {"status": 429, "retry_after": 61},
        Outcome(RateLimitError, 1),
        Outcome(RateLimitError, 1, 0),
    ),
    Row(
        "503-retry-after-61",
        {"status": 503, "retry_after": 61},
        Outcome(InternalServerError, 1),
        Outcome(InternalServerError, 1),
    ),
    # -- the connection drops without an answer ------------------------------------------------
    Row("disconnect", {"disconnect": True}, Outcome(OK, 2), Outcome(APIConnectionError, 1, 0)),
    Row(
        "disconnect-after",
        {"disconnect": True, "after_processing": True},
        Outcome(OK, 2),
        Outcome(APIConnectionError, 1, 1),
    ),
    Row(
        "disconnect-x3",
        {"disconnect": True, "times": 3},
        Outcome(APIConnectionError, 3),
        Outcome(APIConnectionError, 1, 0),
    ),
    # -- the answer comes after the client's read timeout ------------------------------------
    Row(
        "delay",
        {"delay": LONG_DELAY},
        Outcome(OK, 2),
        Outcome(APITimeoutError, 1, 0),
        timeout=SHORT,
    ),
    Row(
        "delay-after",
        {"delay": LONG_DELAY, "after_processing": True},
        Outcome(OK, 2),
        Outcome(APITimeoutError, 1, 1),
        timeout=SHORT,
    ),
    Row(
        "delay-x3",
        {"delay": LONG_DELAY, "times": 3},
        Outcome(APITimeoutError, 3),
        Outcome(APITimeoutError, 1, 0),
        timeout=SHORT,
    ),
    Row(
        "delay-then-503-after",
        {"delay": LONG_DELAY, "status": 503, "after_processing": True},
        Outcome(OK, 2),
        Outcome(APITimeoutError, 1, 1),
        timeout=SHORT,
    ),
    # Latency within the timeout is no fault at all.
    Row("slow-but-in-time", {"delay": 0.05}, Outcome(OK, 1), Outcome(OK, 1, 1), timeout=5.0),
    # -- a 200 that is not the documented JSON (never retried) -------------------------------
    Row(
        "200-truncated",
        {"status": 200, "body": "truncated"},
        Outcome(UnexpectedResponseError, 1),
        Outcome(UnexpectedResponseError, 1, 0),
    ),
    Row(
        "200-truncated-after",
        {"body": "truncated", "after_processing": True},
        Outcome(UnexpectedResponseError, 1),
        Outcome(UnexpectedResponseError, 1, 1),
    ),
    Row(
        "200-html",
        {"status": 200, "body": "html"},
        Outcome(UnexpectedResponseError, 1),
        Outcome(UnexpectedResponseError, 1),
    ),
    Row(
        "200-empty-after",
        {"status": 200, "body": "empty", "after_processing": True},
        Outcome(UnexpectedResponseError, 1),
        Outcome(UnexpectedResponseError, 1, 1),
    ),
    # -- client errors (never retried) -----------------------------------------------------------
    Row("400", {"status": 400}, Outcome(BadRequestError, 1), Outcome(BadRequestError, 1)),
    Row("401", {"status": 401}, Outcome(AuthenticationError, 1), Outcome(AuthenticationError, 1)),
    Row(
        "404-code",
        {"code": "CONVERSATION_NOT_FOUND"},
        Outcome(ConversationNotFoundError, 1),
        Outcome(ConversationNotFoundError, 1),
    ),
]
ROW_IDS = [row.name for row in ROWS]


def _options(row: Row) -> dict[str, Any]:
    return {"timeout": row.timeout} if row.timeout is not None else {}


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_fault_on_a_read(
    row: Row, surface: Surface, inbox: MockInbox, conversation_id: str, sleeps: SleepRecorder
) -> None:
    inbox.inject("getConversation", **row.fault)

    if row.read.error is None:
        conversation = surface.get(conversation_id, **_options(row))
        assert str(conversation.id) == conversation_id
    else:
        with pytest.raises(row.read.error) as caught:
            surface.get(conversation_id, **_options(row))
        assert type(caught.value) is row.read.error

    attempts = _attempts(inbox, "getConversation", row.fault, row.read.attempts)
    assert attempts == row.read.attempts
    assert len(sleeps.delays) == row.read.attempts - 1


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_fault_on_send_never_stores_a_message_twice(
    row: Row, surface: Surface, inbox: MockInbox, conversation_id: str, sleeps: SleepRecorder
) -> None:
    inbox.inject("sendMessage", **row.fault)

    if row.send.error is None:
        message = surface.send(conversation_id, "exactly once", **_options(row))
        assert message.id == inbox.messages(conversation_id)[0]["id"]
    else:
        with pytest.raises(row.send.error) as caught:
            surface.send(conversation_id, "exactly once", **_options(row))
        assert type(caught.value) is row.send.error

    attempts = _attempts(inbox, "sendMessage", row.fault, row.send.attempts)
    assert attempts == row.send.attempts
    assert len(sleeps.delays) == row.send.attempts - 1
    stored = inbox.messages(conversation_id)
    assert len(stored) == row.send.stored
    assert len(stored) <= 1, "a message was stored twice"


def test_send_trusts_that_a_429_was_not_processed(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    """429 is the one status after which send is repeated: Wix answers it before doing
    anything. A server breaking that promise (the mock can fake it) gets the message twice;
    this pins the contract the client relies on."""
    inbox.inject("sendMessage", status=429, after_processing=True)

    surface.send(conversation_id, "hi")

    assert len(routed(inbox, "sendMessage")) == 2
    assert len(inbox.messages(conversation_id)) == 2


# ------------------------------------------------------------------------- every read retries

READS = ["get", "get_or_create", "list_page", "list"]
READ_ROUTES: dict[str, Route] = {
    "get": "getConversation",
    "get_or_create": "getOrCreateConversation",
    "list_page": "listMessages",
    "list": "listMessages",
}


def _read(
    surface: Surface, read: str, conversation_id: str, contact: str, **options: Any
) -> object:
    if read == "get":
        return surface.get(conversation_id, **options)
    if read == "get_or_create":
        return surface.get_or_create(contact_id=contact, **options)
    if read == "list_page":
        return surface.list_page(conversation_id, **options)
    return surface.collect(surface.iterate(conversation_id, **options))


@pytest.mark.parametrize(
    ("fault", "timeout"),
    [
        ({"status": 503}, None),
        ({"status": 500, "after_processing": True}, None),
        ({"status": 429}, None),
        ({"status": 408}, None),
        ({"disconnect": True}, None),
        ({"disconnect": True, "after_processing": True}, None),
        ({"delay": LONG_DELAY}, SHORT),
    ],
    ids=["503", "500-after", "429", "408", "disconnect", "disconnect-after", "delay"],
)
@pytest.mark.parametrize("read", READS)
def test_every_read_retries_and_succeeds(
    surface: Surface,
    inbox: MockInbox,
    read: str,
    fault: dict[str, Any],
    timeout: float | None,
) -> None:
    contact = str(uuid.uuid4())
    conversation_id = inbox.create_conversation(contact_id=contact)["id"]
    inbox.add_message(conversation_id, "hello")
    inbox.inject(READ_ROUTES[read], **fault)

    options = {"timeout": timeout} if timeout else {}
    result = _read(surface, read, conversation_id, contact, **options)

    assert result is not None
    assert _attempts(inbox, READ_ROUTES[read], fault, 2) == 2
    # get_or_create repeated finds the conversation instead of making another one
    mine = [c for c in inbox.conversations() if c["participant"] == {"contactId": contact}]
    assert len(mine) == 1


def test_a_fault_in_the_middle_of_paging_is_retried_without_losing_or_repeating(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    for number in range(25):
        inbox.add_message(conversation_id, f"m{number}")
    iterator = surface.iterate(conversation_id, page_size=10)
    first = surface.first(iterator)  # page 1 fetched
    inbox.inject("listMessages", status=503)
    inbox.inject("listMessages", disconnect=True)

    messages = surface.collect(iterator)

    assert messages[0].id == first.id
    assert [m.id for m in messages] == [m["id"] for m in reversed(inbox.messages(conversation_id))]
    # 1 (first) + 1 (503) + 1 (drop) + 3 pages
    assert settled(inbox, "listMessages", at_least=6) == 6


# --------------------------------------------------------------------- no server at all


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.mark.parametrize("operation", ["read", "send"])
def test_connection_refused_is_retried_then_raised(
    clients: Clients, sleeps: SleepRecorder, operation: str
) -> None:
    surface = clients(base_url=f"http://127.0.0.1:{_free_port()}")

    with pytest.raises(APIConnectionError) as caught:
        if operation == "read":
            surface.get(CONTACT)
        else:
            surface.send(CONTACT, "hi")

    assert type(caught.value) is APIConnectionError
    assert len(sleeps.delays) == 2  # a refused connection never reached Wix: send retries too


@pytest.mark.parametrize("operation", ["read", "send"])
def test_a_server_that_comes_up_during_the_backoff_gets_the_call_once(
    clients: Clients, sleeps: SleepRecorder, operation: str
) -> None:
    """Connection refused, then the server starts while the client waits: send is repeated
    (the first try never reached anyone) and the message is stored exactly once."""
    port = _free_port()
    late = MockInbox(port=port)
    conversation_id = late.create_conversation()["id"]

    def start_late(_delay: float) -> None:
        late.start()  # idempotent

    sleeps.on_sleep = start_late
    surface = clients(
        api_key=late.api_key, site_id=late.site_id, base_url=f"http://127.0.0.1:{port}"
    )
    try:
        if operation == "read":
            assert str(surface.get(conversation_id).id) == conversation_id
        else:
            surface.send(conversation_id, "hi")
            assert len(late.messages(conversation_id)) == 1
        assert len(sleeps.delays) == 1
        assert len(late.requests) == 1
    finally:
        late.stop()


# ------------------------------------------------------------------ Retry-After and backoff


def _http_date(seconds_from_now: float) -> str:
    return email.utils.format_datetime(
        datetime.now(UTC) + timedelta(seconds=seconds_from_now), usegmt=True
    )


@pytest.mark.parametrize("operation", ["read", "send"])
@pytest.mark.parametrize(
    ("headers", "low", "high"),
    [
        ({"retry_after": 3}, 3.0, 3.0),
        ({"retry_after": "2.5"}, 2.5, 2.5),
        ({"retry_after": 0}, 0.0, 0.0),
        ({"retry_after": 60}, 60.0, 60.0),
        ({"retry_after_ms": 1500}, 1.5, 1.5),
        ({"retry_after_ms": 60000}, 60.0, 60.0),
        ({"retry_after_ms": 250, "retry_after": 30}, 0.25, 0.25),  # the precise one wins
        ({"retry_after": "DATE+5"}, 3.9, 5.0),  # an HTTP date has whole seconds
        ({"retry_after": "DATE-30"}, 0.0, 0.0),  # already past
    ],
    ids=["3s", "2.5s", "0s", "60s", "1500ms", "60000ms", "ms-wins", "http-date", "past-date"],
)
def test_retry_after_is_honoured(
    surface: Surface,
    inbox: MockInbox,
    conversation_id: str,
    sleeps: SleepRecorder,
    operation: str,
    headers: dict[str, Any],
    low: float,
    high: float,
) -> None:
    value = headers.get("retry_after")
    if isinstance(value, str) and value.startswith("DATE"):
        headers = {**headers, "retry_after": _http_date(float(value[4:]))}
    inbox.inject("getConversation" if operation == "read" else "sendMessage", status=429, **headers)

    if operation == "read":
        surface.get(conversation_id)
    else:
        surface.send(conversation_id, "hi")
        assert len(inbox.messages(conversation_id)) == 1

    (delay,) = sleeps.delays
    # Never earlier than asked; up to a tenth (at most 1 s) later: the 429 pause's jitter.
    jitter = min(1.0, 0.1 * high)
    assert low - 0.01 <= delay <= high + jitter + 0.01


def test_retry_after_on_a_503_is_honoured_for_reads(
    surface: Surface, inbox: MockInbox, conversation_id: str, sleeps: SleepRecorder
) -> None:
    inbox.inject("getConversation", status=503, retry_after=7)

    surface.get(conversation_id)

    assert sleeps.delays == [7.0]


@pytest.mark.parametrize("operation", ["read", "send"])
@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry_after": 61}, 61.0),
        ({"retry_after": 3600}, 3600.0),
        ({"retry_after_ms": 60001}, 60.001),
        ({"retry_after": "DATE+120"}, 120.0),
    ],
    ids=["61s", "1h", "60001ms", "http-date-2min"],
)
def test_retry_after_beyond_60_s_raises_at_once(
    surface: Surface,
    inbox: MockInbox,
    conversation_id: str,
    sleeps: SleepRecorder,
    operation: str,
    headers: dict[str, Any],
    expected: float,
) -> None:
    if headers.get("retry_after") == "DATE+120":
        headers = {"retry_after": _http_date(120)}
    route: Route = "getConversation" if operation == "read" else "sendMessage"
    inbox.inject(route, status=429, **headers)

    with pytest.raises(RateLimitError) as caught:
        if operation == "read":
            surface.get(conversation_id)
        else:
            surface.send(conversation_id, "hi")

    assert caught.value.retry_after is not None
    assert caught.value.retry_after == pytest.approx(expected, abs=2.0)
    assert sleeps.delays == []
    assert len(routed(inbox, route)) == 1
    assert inbox.messages(conversation_id) == []


@pytest.mark.parametrize(
    "headers", [{"retry-after": "nan"}, {"retry-after-ms": "NaN"}, {"retry-after": "-nan"}]
)
def test_a_nan_retry_after_is_ignored_for_the_backoff(
    clients: Clients, sleeps: SleepRecorder, headers: dict[str, str]
) -> None:
    # float("nan") parsed, passed "<= 60" and went to time.sleep, which raised ValueError.
    answers = [Canned(429, b"", headers), Canned(200, {"conversation": {"id": CONTACT}})]
    with scripted(answers) as server:
        surface = clients(base_url=server.url)
        surface.get(CONTACT)

    (delay,) = sleeps.delays
    assert 0.375 <= delay <= 0.55  # backoff, plus the 429 pause's jitter


def test_backoff_doubles_with_jitter_up_to_8_s(
    surface: Surface, inbox: MockInbox, conversation_id: str, sleeps: SleepRecorder
) -> None:
    patient = surface.with_options(max_retries=7)
    inbox.inject("getConversation", status=503, times=8)

    with pytest.raises(InternalServerError):
        patient.get(conversation_id)

    assert len(routed(inbox, "getConversation")) == 8
    bases = [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert len(sleeps.delays) == len(bases)
    for delay, base in zip(sleeps.delays, bases, strict=True):
        assert 0.75 * base <= delay <= base, (delay, base)


def test_jitter_spreads_the_delays(
    clients: Clients, inbox: MockInbox, conversation_id: str, sleeps: SleepRecorder
) -> None:
    surface = clients()
    for _ in range(8):
        inbox.inject("getConversation", status=503)
        surface.get(conversation_id)

    assert len(sleeps.delays) == 8
    assert len(set(sleeps.delays)) > 1


@pytest.mark.parametrize("max_retries", [0, 1, 3])
def test_max_retries_is_the_number_of_retries(
    clients: Clients,
    inbox: MockInbox,
    conversation_id: str,
    sleeps: SleepRecorder,
    max_retries: int,
) -> None:
    surface = clients(max_retries=max_retries)
    inbox.inject("getConversation", status=503, times=10)
    inbox.inject("sendMessage", status=429, times=10)

    with pytest.raises(InternalServerError):
        surface.get(conversation_id)
    surface.send(conversation_id, "hi")  # 429s are not counted: waited out within a budget

    assert len(routed(inbox, "getConversation")) == max_retries + 1
    assert len(routed(inbox, "sendMessage")) == 11
    assert len(sleeps.delays) == max_retries + 10
    assert len(inbox.messages(conversation_id)) == 1


def test_the_mock_rate_limit_is_waited_out(clients: Clients, sleeps: SleepRecorder) -> None:
    """``rate_limit=(3, 0.5 s)``: the 4th call gets 429 with ``Retry-After: 1`` (whole seconds);
    the client asks to wait 1 s (recorded), sleeps 0.6 s for real (enough for the window), and
    the retry goes through. Nothing is lost or doubled."""
    sleeps.real_cap = 0.6
    with MockInbox(rate_limit=(3, 0.5)) as limited:
        conversation_id = limited.create_conversation()["id"]
        surface = clients(api_key=limited.api_key, site_id=limited.site_id, base_url=limited.url)

        for number in range(4):
            surface.send(conversation_id, f"message {number}")
        texts = [
            m["content"]["basic"]["items"][0]["text"] for m in limited.messages(conversation_id)
        ]
        statuses = [r.status for r in routed(limited, "sendMessage")]

    assert texts == [f"message {n}" for n in range(4)]
    assert statuses == [200, 200, 200, 429, 200]
    (delay,) = sleeps.delays
    assert 1.0 <= delay <= 1.1  # Retry-After, plus the pause's jitter


# ------------------------------------------------------------------------------- timeouts


def test_per_call_timeout_overrides_the_client_timeout(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    inbox.inject("getConversation", delay=LONG_DELAY, times=3)

    with pytest.raises(APITimeoutError):
        surface.get(conversation_id, timeout=0.2)

    assert settled(inbox, "getConversation", at_least=3) == 3


def test_with_options_timeout_applies_to_every_call(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    quick = surface.with_options(timeout=0.2, max_retries=0)
    inbox.inject("sendMessage", delay=LONG_DELAY)
    inbox.inject("getConversation", delay=LONG_DELAY)

    with pytest.raises(APITimeoutError):
        quick.send(conversation_id, "hi")
    with pytest.raises(APITimeoutError):
        quick.get(conversation_id)

    assert settled(inbox, "getConversation") == 1
    assert inbox.messages(conversation_id) == []


# ------------------------------------------------------------------------------- logging


def test_each_retry_is_logged_with_its_reason_and_delay(
    surface: Surface,
    inbox: MockInbox,
    conversation_id: str,
    sleeps: SleepRecorder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="wix_inbox")
    inbox.inject("getConversation", status=503)
    inbox.inject("getConversation", disconnect=True)
    inbox.inject("sendMessage", status=429, retry_after_ms=1200)

    surface.get(conversation_id)
    surface.send(conversation_id, "hi")

    retries = [r for r in caplog.records if r.name == "wix_inbox" and "Retrying" in r.getMessage()]
    assert [r.levelno for r in retries] == [logging.WARNING] * 3
    texts = [r.getMessage() for r in retries]
    assert "getConversation" in texts[0] and "status 503" in texts[0]
    assert "getConversation" in texts[1] and "RemoteProtocolError" in texts[1]
    assert "sendMessage" in texts[2] and "status 429" in texts[2] and "1.20 s" in texts[2]
    for text, delay in zip(texts[:2], sleeps.delays, strict=False):
        assert f"in {delay:.2f} s" in text
        assert re.search(r"retry \d of 2", text)
    assert "not counted in max_retries" in texts[2]
