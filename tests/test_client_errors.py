"""Errors: each status and application code maps to its class; odd answers never leak other
exception types; a redirect is an error and is not followed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

import wix_inbox
from test_client_support import (
    CONTACT,
    SITE_GUID,
    UNKNOWN_GUID,
    Canned,
    Clients,
    RawServer,
    Surface,
    routed,
    scripted,
)
from wix_inbox import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ConversationNotFoundError,
    FieldViolation,
    InternalServerError,
    InvalidArgumentError,
    NotFoundError,
    NotOwnedByBusinessError,
    PermissionDeniedError,
    PreconditionRequiredError,
    RateLimitError,
    UnexpectedResponseError,
    WixError,
    content,
)
from wix_inbox.testing import MockInbox, Route


def test_the_exception_hierarchy() -> None:
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(APIConnectionError, WixError)
    assert issubclass(InvalidArgumentError, WixError)
    assert issubclass(InvalidArgumentError, ValueError)
    assert issubclass(UnexpectedResponseError, WixError)
    for cls in (
        BadRequestError,
        AuthenticationError,
        PermissionDeniedError,
        NotFoundError,
        ConflictError,
        PreconditionRequiredError,
        RateLimitError,
        InternalServerError,
    ):
        assert issubclass(cls, APIStatusError)
        assert issubclass(cls, WixError)
    assert issubclass(ConversationNotFoundError, NotFoundError)
    assert issubclass(NotOwnedByBusinessError, NotFoundError)
    for name in wix_inbox.__all__:
        assert hasattr(wix_inbox, name), name


# Statuses that are not retried for reads, so one injected fault is enough.
STATUS_CASES: list[tuple[int, str | None, type[APIStatusError], str]] = [
    (400, None, BadRequestError, "INVALID_ARGUMENT"),
    (401, None, AuthenticationError, "UNAUTHORIZED"),
    (403, None, PermissionDeniedError, "PERMISSION_DENIED"),
    (404, None, NotFoundError, "NOT_FOUND"),
    (404, "CONVERSATION_NOT_FOUND", ConversationNotFoundError, "CONVERSATION_NOT_FOUND"),
    (404, "NOT_OWNED_BY_BUSINESS", NotOwnedByBusinessError, "NOT_OWNED_BY_BUSINESS"),
    (409, None, ConflictError, "ALREADY_EXISTS"),
    (428, None, PreconditionRequiredError, "FAILED_PRECONDITION"),
    (501, None, InternalServerError, "UNIMPLEMENTED"),
    (505, None, InternalServerError, "INTERNAL"),
    (520, None, InternalServerError, "INTERNAL"),  # Cloudflare's "unknown error"
    (599, None, InternalServerError, "INTERNAL"),  # not an IANA status
    (418, None, APIStatusError, "INVALID_ARGUMENT"),
    (499, None, APIStatusError, "INVALID_ARGUMENT"),
    # A code wins only within its status: CONVERSATION_NOT_FOUND on a 400 stays a 400.
    (400, "CONVERSATION_NOT_FOUND", BadRequestError, "CONVERSATION_NOT_FOUND"),
]


@pytest.mark.parametrize(
    ("status", "code", "cls", "wire_code"),
    STATUS_CASES,
    ids=[f"{s}-{c or 'generic'}" for s, c, _, _ in STATUS_CASES],
)
@pytest.mark.parametrize("operation", ["read", "send"])
def test_each_status_and_code_maps_to_its_class(
    surface: Surface,
    inbox: MockInbox,
    conversation_id: str,
    operation: str,
    status: int,
    code: str | None,
    cls: type[APIStatusError],
    wire_code: str,
) -> None:
    route: Route = "getConversation" if operation == "read" else "sendMessage"
    inbox.inject(route, status=status, code=code, message="It went wrong")

    with pytest.raises(APIStatusError) as caught:
        if operation == "read":
            surface.get(conversation_id)
        else:
            surface.send(conversation_id, "hi")

    error = caught.value
    assert type(error) is cls
    assert error.status_code == status
    assert error.code == wire_code
    assert error.description == "It went wrong"
    assert error.message.startswith("It went wrong")
    assert error.data == {}
    assert error.response.status_code == status
    (request,) = routed(inbox, route)  # none of these is retried
    assert error.request_id == request.request_id
    assert request.request_id in str(error)
    assert str(status) in str(error)
    assert inbox.messages(conversation_id) == []


def test_real_not_found_errors_of_the_mock(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    other_site = inbox.add_site(name="Someone else")
    theirs = inbox.create_conversation(site_id=other_site.site_id)["id"]

    with pytest.raises(ConversationNotFoundError) as missing:
        surface.get(UNKNOWN_GUID)
    with pytest.raises(NotOwnedByBusinessError) as not_ours:
        surface.get(theirs)
    with pytest.raises(ConversationNotFoundError):
        surface.send(UNKNOWN_GUID, "hello?")
    with pytest.raises(ConversationNotFoundError):
        surface.list_page(UNKNOWN_GUID)

    assert missing.value.code == "CONVERSATION_NOT_FOUND"
    assert not_ours.value.code == "NOT_OWNED_BY_BUSINESS"
    assert not_ours.value.status_code == 404
    assert inbox.messages(theirs) == []


def test_a_wrong_api_key_is_an_authentication_error(clients: Clients, inbox: MockInbox) -> None:
    surface = clients(api_key="IST.not-a-key-of-this-mock")

    with pytest.raises(AuthenticationError) as caught:
        surface.get_or_create(contact_id=CONTACT)

    assert caught.value.status_code == 401
    assert len(routed(inbox, "getOrCreateConversation")) == 1  # a static key is not refreshed


def test_a_site_of_another_account_is_permission_denied(clients: Clients, inbox: MockInbox) -> None:
    surface = clients(site_id=SITE_GUID)

    with pytest.raises(PermissionDeniedError):
        surface.get_or_create(contact_id=CONTACT)

    assert inbox.conversations() == []


def test_server_side_validation_errors_carry_field_violations(
    surface: Surface, conversation_id: str
) -> None:
    with pytest.raises(BadRequestError) as caught:
        surface.list_page(conversation_id, cursor="bm90IGEgY3Vyc29y")

    error = caught.value
    assert error.code is None  # a validation error has no application error
    assert [v.field for v in error.field_violations] == ["paging.cursor"]
    assert isinstance(error.field_violations[0], FieldViolation)
    assert error.field_violations[0].violated_rule == "VALIDATION"


def test_application_errors_of_send(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    with pytest.raises(BadRequestError) as media:
        surface.send(conversation_id, content.image("ftp://example.com/a.png"))
    with pytest.raises(BadRequestError) as identity:
        surface.send(conversation_id, "hi", send_as="PARTICIPANT")

    assert media.value.code == "INVALID_MEDIA_URL"
    assert identity.value.code == "IDENTITY_DOES_NOT_MATCH"
    assert inbox.messages(conversation_id) == []


# ------------------------------------------------------------------ 200s of the wrong kind


@pytest.mark.parametrize(
    "fault",
    [
        {"status": 200, "body": "truncated"},
        {"status": 200, "body": "html"},
        {"status": 200, "body": "empty"},
    ],
    ids=["truncated", "html", "empty"],
)
@pytest.mark.parametrize(
    "route", ["getConversation", "getOrCreateConversation", "listMessages", "sendMessage"]
)
def test_a_200_that_is_not_the_documented_json_is_unexpected(
    surface: Surface, inbox: MockInbox, conversation_id: str, route: Route, fault: dict[str, Any]
) -> None:
    inbox.inject(route, **fault)
    calls: dict[str, Callable[[], object]] = {
        "getConversation": lambda: surface.get(conversation_id),
        "getOrCreateConversation": lambda: surface.get_or_create(contact_id=CONTACT),
        "listMessages": lambda: surface.collect(surface.iterate(conversation_id)),
        "sendMessage": lambda: surface.send(conversation_id, "hi"),
    }

    with pytest.raises(UnexpectedResponseError) as caught:
        calls[route]()

    error = caught.value
    assert error.response is not None
    assert error.response.status_code == 200
    (request,) = routed(inbox, route)  # not retried
    assert error.request_id == request.request_id
    assert request.request_id in str(error)


CID = "6202c3bb-f263-3c16-8c90-d6387d9ed420"

# Bodies a broken server could send; none is the documented JSON of any route.
NOT_AN_OBJECT: list[bytes] = [b"null", b"[]", b'"a string"', b"42", b"\xff\xfe\x00", b"{"]
# Valid JSON nested deeper than json.loads can go: it raised RecursionError, which escaped.
# (Python 3.13's json.loads goes deeper than 3.11's: 5,000 levels parse there, 100,000 do not.)
TOO_DEEP = b'{"conversation": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def _every_call(surface: Surface) -> dict[str, Callable[[], object]]:
    return {
        "get": lambda: surface.get(CID),
        "get_or_create": lambda: surface.get_or_create(contact_id=CONTACT),
        "list_page": lambda: surface.list_page(CID),
        "list": lambda: surface.collect(surface.iterate(CID)),
        "send": lambda: surface.send(CID, "hi"),
    }


def test_a_body_too_deep_for_the_shape_check_is_unexpected(clients: Clients) -> None:
    # json.loads parses 300 levels, but jsonschema-rs stops with a ValueError ("Recursion
    # limit reached"), which escaped the public API.
    body = b'{"conversation": ' + b"[" * 300 + b"]" * 300 + b"}"
    with scripted([Canned(200, body)]) as server:
        surface = clients(base_url=server.url)
        with pytest.raises(UnexpectedResponseError, match="nested too deeply"):
            surface.get(CID)


@pytest.mark.parametrize("body", [*NOT_AN_OBJECT, TOO_DEEP], ids=lambda b: repr(b[:20]))
def test_a_200_that_is_not_a_json_object_is_unexpected_everywhere(
    clients: Clients, body: bytes
) -> None:
    with scripted([Canned(200, body)]) as server:
        surface = clients(base_url=server.url)
        for name, call in _every_call(surface).items():
            with pytest.raises(UnexpectedResponseError):
                call()
            assert len(server.requests) == 1, name  # never retried
            server.requests.clear()


# A 200 object whose fields have the wrong types: (body, the calls that must refuse it).
WRONGLY_TYPED: list[tuple[bytes, tuple[str, ...]]] = [
    (b'{"conversation": []}', ("get", "get_or_create", "send")),
    (b'{"conversation": {"id": 5}}', ("get", "get_or_create")),
    (b'{"conversation": {"id": "not-a-guid"}}', ("get", "get_or_create")),
    (b'{"message": "sent!"}', ("send",)),
    (b'{"message": {"id": 5, "sequence": 7}}', ("send",)),
    (b'{"message": {"createdDate": "yesterday"}}', ("send",)),
    (b'{"messages": "none"}', ("list_page", "list")),
    (b'{"messages": [1, 2]}', ("list_page", "list")),
    (b'{"messages": [{"id": 5}]}', ("list_page", "list")),
    (b'{"messages": [], "pagingMetadata": []}', ("list_page", "list")),
    (b'{"messages": [], "pagingMetadata": {"cursors": {"next": 7}}}', ("list_page", "list")),
    (b'{"messages": [], "pagingMetadata": {"cursors": {"next": ["a"]}}}', ("list_page", "list")),
    (
        b'{"conversation": {"id": "%s"}, "newConversation": "yes"}' % CID.encode(),
        ("get_or_create",),
    ),
]


@pytest.mark.parametrize(
    ("body", "refusing"), WRONGLY_TYPED, ids=[body.decode()[:48] for body, _ in WRONGLY_TYPED]
)
def test_a_200_with_wrongly_typed_fields_is_unexpected(
    clients: Clients, body: bytes, refusing: tuple[str, ...]
) -> None:
    """Only UnexpectedResponseError may come out (never AttributeError, TypeError...), and the
    calls whose documented answer the body breaks must raise it instead of returning junk."""
    accepted: list[str] = []
    with scripted([Canned(200, body)]) as server:
        surface = clients(base_url=server.url)
        for name, call in _every_call(surface).items():
            try:
                call()
            except UnexpectedResponseError:
                continue
            accepted.append(name)
    assert not set(refusing) & set(accepted), f"returned junk instead of raising: {accepted}"


@pytest.mark.parametrize(
    "canned",
    [
        Canned(400, b"<html>Bad</html>", {"content-type": "text/html"}),
        Canned(404, b'{"details": "nope"}'),
        Canned(404, b'{"details": {"applicationError": "x"}, "message": 5}'),
        Canned(400, b'{"details": {"validationError": {"fieldViolations": [1, {"field": 2}]}}}'),
        Canned(429, b"", {"retry-after": "soon"}),
        Canned(429, b"", {"retry-after": "Wed, 99 Foo 2015 07:28:00 GMT"}),
        Canned(429, b"", {"retry-after-ms": "fast", "retry-after": "-3"}),
        Canned(429, b"", {"retry-after": "nan"}),  # reached time.sleep: ValueError
        Canned(429, b"", {"retry-after-ms": "NaN"}),
        Canned(503, b"\xff"),
        Canned(500, b"[]"),
        Canned(400, TOO_DEEP),
    ],
    ids=lambda c: f"{c.status}-{c.body[:12]!r}",
)
def test_no_other_exception_type_escapes_on_odd_errors(clients: Clients, canned: Canned) -> None:
    with scripted([canned]) as server:
        surface = clients(base_url=server.url)
        with pytest.raises(APIStatusError) as read:
            surface.get(CID)
        with pytest.raises(APIStatusError) as send:
            surface.send(CID, "hi")

    for error in (read.value, send.value):
        assert error.status_code == canned.status
        assert str(error)
        assert isinstance(error.field_violations, list)


def test_field_violations_of_a_wix_400_are_parsed(clients: Clients) -> None:
    body = {
        "message": "message.content.basic.items[0].text: must not be empty",
        "details": {
            "validationError": {
                "fieldViolations": [
                    {
                        "field": "message.content.basic.items[0].text",
                        "description": "must not be empty",
                        "violatedRule": "MIN_LENGTH",
                        "ruleName": "min",
                        "data": {"threshold": 1},
                    }
                ]
            }
        },
    }
    with scripted([Canned(400, body, {"x-wix-request-id": "req-123"})]) as server:
        surface = clients(base_url=server.url)
        with pytest.raises(BadRequestError) as caught:
            surface.send(CID, "hi")

    error = caught.value
    assert error.field_violations == [
        FieldViolation(
            field="message.content.basic.items[0].text",
            description="must not be empty",
            violated_rule="MIN_LENGTH",
            rule_name="min",
            data={"threshold": 1},
        )
    ]
    assert error.request_id == "req-123"
    assert str(error).endswith("[request id: req-123]")
    assert error.message == body["message"]


def test_rate_limit_error_data_and_description(clients: Clients) -> None:
    body = {
        "message": "Too many requests",
        "details": {
            "applicationError": {
                "code": "TOO_MANY_REQUESTS",
                "description": "slow down",
                "data": {"limit": 5},
            }
        },
    }
    with scripted([Canned(429, body, {"retry-after": "120"})]) as server:
        surface = clients(base_url=server.url)
        with pytest.raises(RateLimitError) as caught:
            surface.get(CID)

    error = caught.value
    assert error.retry_after == 120.0
    assert error.code == "TOO_MANY_REQUESTS"
    assert error.description == "slow down"
    assert error.data == {"limit": 5}
    assert len(server.requests) == 1  # 120 s is more than the client waits


# ------------------------------------------------------------------------------- redirects


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("operation", ["read", "send"])
def test_a_redirect_is_an_error_and_is_not_followed(
    clients: Clients, inbox: MockInbox, conversation_id: str, status: int, operation: str
) -> None:
    """The Location (here the real mock, which would accept the call) is never requested, so
    the credentials never travel to another address."""
    target = f"{inbox.url}/inbox/v2/conversations/{conversation_id}"
    with scripted([Canned(status, b"", {"location": target})]) as server:
        surface = clients(base_url=server.url)
        with pytest.raises(APIStatusError) as caught:
            if operation == "read":
                surface.get(conversation_id)
            else:
                surface.send(conversation_id, "hi")

    assert type(caught.value) is APIStatusError
    assert caught.value.status_code == status
    assert len(server.requests) == 1
    assert inbox.requests == []
    assert inbox.messages(conversation_id) == []


# ---------------------------------------------------------------- answers that are not HTTP

RAW_ANSWERS: list[tuple[str, bytes, type[WixError], bool]] = [
    # (name, raw answer, error, whether a read retries it)
    ("garbage", b"garbage\r\n\r\n", APIConnectionError, True),
    ("nothing", b"", APIConnectionError, True),
    (
        "body-cut-short",
        b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"conv',
        APIConnectionError,
        True,
    ),
    (
        "bad-chunks",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
        APIConnectionError,
        True,
    ),
    (
        "bad-gzip",
        b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 5\r\n"
        b"Connection: close\r\n\r\nnotgz",
        APIConnectionError,
        False,
    ),
    (
        "status-999",
        b"HTTP/1.1 999 Weird\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
        InternalServerError,
        False,
    ),
]


@pytest.mark.parametrize(
    ("answer", "error", "read_retries"),
    [case[1:] for case in RAW_ANSWERS],
    ids=[case[0] for case in RAW_ANSWERS],
)
def test_answers_that_are_not_http_become_wix_errors(
    clients: Clients, answer: bytes, error: type[WixError], read_retries: bool
) -> None:
    with RawServer(answer) as server:
        surface = clients(base_url=server.url)
        with pytest.raises(WixError) as read:
            surface.get(CID)
        reads = server.connections
        with pytest.raises(WixError) as send:
            surface.send(CID, "hi")
        sends = server.connections - reads

    assert isinstance(read.value, error), repr(read.value)
    assert isinstance(send.value, error), repr(send.value)
    assert reads == (3 if read_retries else 1)
    assert sends == 1  # the server may have acted on it: never repeated


def test_a_redirect_is_not_followed_even_by_an_http_client_that_follows_redirects(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    target = f"{inbox.url}/inbox/v2/conversations/{conversation_id}"
    if clients.mode == "sync":
        http: httpx.Client | httpx.AsyncClient = httpx.Client(follow_redirects=True)
    else:
        http = httpx.AsyncClient(follow_redirects=True)
    with scripted([Canned(302, b"", {"location": target})]) as server:
        surface = clients(base_url=server.url, http_client=http)
        with pytest.raises(APIStatusError) as caught:
            surface.get(conversation_id)
        surface.close()
        if isinstance(http, httpx.Client):
            http.close()
        else:
            clients.runner.run(http.aclose())

    assert caught.value.status_code == 302
    assert len(server.requests) == 1
    assert inbox.requests == []
