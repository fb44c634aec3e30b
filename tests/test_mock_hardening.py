"""Issue 8: the mock never falls over and never corrupts its state.

Bad input of every kind gets a Wix-shaped 4xx (never a 500, never text/plain); a call that
fails leaves no trace; request bodies are capped (413 in Wix's error shape).
"""

from __future__ import annotations

import base64
import json
import socket
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from test_mock_support import text_message, wix_error
from wix_inbox.testing import MockInbox

NEST = 100_000
DIGITS = "9" * 5000


def _r(request: Any) -> str:
    raw = request if isinstance(request, bytes) else json.dumps(request).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _queries(cid: str) -> dict[str, str]:
    base = f"conversationId={cid}&visibility=BUSINESS"
    good = {"conversationId": cid, "visibility": "BUSINESS"}
    return {
        "paging-scalar": f"{base}&paging=5",
        "sorting-scalar": f"{base}&sorting=x",
        "paging-repeated": f"{base}&paging=5&paging=6",
        "limit-5000-digits": f"{base}&paging.limit={DIGITS}",
        "limit-float-5000-digits": f"{base}&paging.limit=1{'0' * 5000}.5",
        "limit-inf": f"{base}&paging.limit=inf",
        "cursor-5000-digits": f"{base}&paging.cursor={DIGITS}",
        ".r-paging-scalar": ".r=" + _r({**good, "paging": 5}),
        ".r-sorting-list": ".r=" + _r({**good, "sorting": [1, 2]}),
        ".r-paging-null-limit-object": ".r=" + _r({**good, "paging": {"limit": {"a": 1}}}),
        ".r-sorting-order-object": ".r=" + _r({**good, "sorting": {"order": {"x": 1}}}),
        ".r-limit-5000-digits": ".r="
        + _r(
            b'{"conversationId":"%s","visibility":"BUSINESS","paging":{"limit":%s}}'
            % (cid.encode(), DIGITS.encode())
        ),
        ".r-limit-1e999": ".r="
        + _r(
            b'{"conversationId":"%s","visibility":"BUSINESS","paging":{"limit":1e999}}'
            % cid.encode()
        ),
        ".r-nested-deep": ".r=" + _r(b"[" * 15000 + b"]" * 15000),
        ".r-nested-in-field": ".r="
        + _r(
            b'{"conversationId":"%s","visibility":"BUSINESS","paging":%s}'
            % (cid.encode(), b'{"a":' * 900 + b"1" + b"}" * 900)
        ),
        ".r-not-object": ".r=" + _r([1, 2]),
        ".r-lone-surrogate": ".r="
        + _r(
            b'{"conversationId":"%s","visibility":"BUSINESS","paging":{"cursor":"\\udc00"}}'
            % cid.encode()
        ),
        "visibility-object-dotted": f"conversationId={cid}&visibility.x=1",
        "conversation-id-dotted": "conversationId.a=1&visibility=BUSINESS",
    }


QUERY_CASES = list(_queries("c"))


@pytest.mark.parametrize("case", QUERY_CASES)
def test_bad_list_queries_get_a_wix_shaped_4xx(
    mock: MockInbox, client: httpx.Client, case: str
) -> None:
    cid = mock.create_conversation()["id"]
    response = client.get(f"/inbox/v2/messages?{_queries(cid)[case]}")
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:200])
    wix_error(response, response.status_code)


def _deep(open_: bytes, close: bytes, inner: bytes = b"1") -> bytes:
    return open_ * NEST + inner + close * NEST


BODIES: dict[str, bytes] = {
    "array-100000-deep": _deep(b"[", b"]"),
    "object-100000-deep": _deep(b'{"a":', b"}"),
    "field-100000-deep": b'{"conversationId":' + _deep(b"[", b"]") + b"}",
    "field-900-deep": b'{"conversationId":"x","message":'
    + b'{"a":' * 900
    + b"1"
    + b"}" * 900
    + b"}",
    "int-5000-digits": b'{"participantId":{"contactId":' + DIGITS.encode() + b"}}",
    "float-5000-digits": b'{"participantId":{"contactId":1' + b"0" * 5000 + b".5}}",
    "sendas-5000-digits": b'{"conversationId":"x","sendAs":' + DIGITS.encode() + b"}",
    "silent-5000-digits": b'{"conversationId":"x","message":{"silent":' + DIGITS.encode() + b"}}",
    "participant-scalar": b'{"participantId":5}',
    "message-list": b'{"conversationId":"x","message":[1]}',
    "nan": b'{"participantId":{"contactId":NaN}}',
    "not-utf8": b'{"participantId":"\xff\xfe"}',
    "not-json": b"{",
    # Valid JSON whose strings are no Unicode text (json.loads lets them through).
    "lone-surrogate-escape": b'{"conversationId":"\\udc00","participantId":"\\udc00"}',
    "lone-surrogate-bytes": b'{"conversationId":"\xed\xb3\x80","participantId":"\xed\xb3\x80"}',
    "lone-surrogate-key": b'{"\\ud800":1,"grant_type":"client_credentials"}',
    "array": b"[]",
}


@pytest.mark.parametrize("path", ["/inbox/v2/messages", "/inbox/v2/conversations", "/oauth2/token"])
@pytest.mark.parametrize("body", list(BODIES))
def test_bad_bodies_get_a_wix_shaped_4xx(client: httpx.Client, path: str, body: str) -> None:
    response = client.post(path, content=BODIES[body], headers={"content-type": "application/json"})
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:200])
    wix_error(response, response.status_code)


def test_the_mock_still_works_after_bad_input(mock: MockInbox, client: httpx.Client) -> None:
    cid = mock.create_conversation()["id"]
    for body in BODIES.values():
        client.post("/inbox/v2/messages", content=body)
    response = client.post("/inbox/v2/messages", json=text_message(cid))
    assert response.status_code == 200, response.text


def test_a_lone_surrogate_is_refused_before_anything_is_stored(
    mock: MockInbox, client: httpx.Client
) -> None:
    cid = mock.create_conversation()["id"]
    body = json.dumps(text_message(cid)).replace("Hello!", "\\udc00")
    assert "\\udc00" in body
    response = client.post(
        "/inbox/v2/messages", content=body, headers={"content-type": "application/json"}
    )
    error = wix_error(response, 400)
    assert "lone surrogate" in error["message"]
    assert mock.messages(cid) == []
    assert mock.requests[-1].body is None  # recorded, without the string that is no text
    listed = client.get(
        "/inbox/v2/messages", params={"conversationId": cid, "visibility": "BUSINESS"}
    )
    assert listed.status_code == 200 and listed.json()["messages"] == []
    assert client.post("/inbox/v2/messages", json=text_message(cid)).status_code == 200


# -------------------------------------------------------------- a failure leaves no trace


@pytest.mark.parametrize(
    "created",
    [
        datetime.max,
        datetime.max.replace(tzinfo=UTC),
        datetime.min,
        datetime(9999, 12, 31, 13, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=UTC) + timedelta(hours=1),
        datetime(1969, 12, 31, tzinfo=UTC),
        "2024-01-01",
    ],
    ids=str,
)
def test_a_refused_add_message_leaves_no_trace(
    mock: MockInbox, client: httpx.Client, created: Any
) -> None:
    cid = mock.create_conversation()["id"]
    mock.add_message(cid, "before")
    with pytest.raises(ValueError, match="created_date"):
        mock.add_message(cid, "bad date", created_date=created)
    assert [m["content"]["basic"]["items"][0]["text"] for m in mock.messages(cid)] == ["before"]
    other = mock.create_conversation(contact_id="11111111-2222-4333-8444-555555555555")["id"]
    for conversation in (cid, other):
        response = client.post("/inbox/v2/messages", json=text_message(conversation))
        assert response.status_code == 200, response.text
    mock.add_message(cid, "after", created_date=datetime(2024, 1, 1, tzinfo=UTC))
    texts = [m["content"]["basic"]["items"][0]["text"] for m in mock.messages(cid)]
    assert texts == ["before", "Hello!", "after"]
    sequences = [int(m["sequence"]) for m in mock.messages(cid)]
    assert sequences == sorted(sequences)


def test_dates_inside_the_range_are_kept(mock: MockInbox) -> None:
    cid = mock.create_conversation()["id"]
    stored = mock.add_message(cid, "late", created_date=datetime(8999, 1, 1, tzinfo=UTC))
    assert stored["createdDate"].startswith("8999-01-01")
    mock.add_message(cid, "then")  # still storable after it


# ---------------------------------------------------------------------- request body cap


def test_a_body_over_the_cap_is_413_in_wix_shape(client: httpx.Client) -> None:
    big = b'{"conversationId":"' + b"x" * (5 * 1024 * 1024) + b'"}'
    response = client.post("/inbox/v2/messages", content=big)
    body = wix_error(response, 413)
    assert body["details"]["applicationError"]["code"] == "PAYLOAD_TOO_LARGE"

    def chunks() -> Any:
        for _ in range(80):
            yield b"x" * 65536

    response = client.post("/inbox/v2/conversations", content=chunks())  # no Content-Length
    wix_error(response, 413)


def test_an_announced_huge_body_is_refused_without_reading_it(mock: MockInbox) -> None:
    host, port = mock.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(
            b"POST /inbox/v2/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 104857600\r\n\r\n{"
        )
        answer = b""
        for _ in range(100):
            try:
                data = sock.recv(65536)
            except TimeoutError:
                break
            if not data:
                break
            answer += data
            if b"PAYLOAD_TOO_LARGE" in answer:
                break
    assert answer.startswith(b"HTTP/1.1 413"), answer[:100]
    assert b"PAYLOAD_TOO_LARGE" in answer


def test_a_body_just_under_the_cap_is_read(mock: MockInbox, client: httpx.Client) -> None:
    cid = mock.create_conversation()["id"]
    body = text_message(cid)
    body["padding"] = "x" * (3 * 1024 * 1024)  # unknown fields are dropped
    response = client.post("/inbox/v2/messages", json=body)
    assert response.status_code == 200, response.text
