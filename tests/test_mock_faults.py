"""MockInbox fault injection: statuses, body kinds, Retry-After, delays, dropped connections."""

from __future__ import annotations

import contextlib
import json
import time

import httpx
import pytest

from test_mock_support import CONTACT, HTTP, api, app_code, checked, text_message, wix_error
from wix_inbox.testing import MockInbox


@pytest.fixture
def conversation_id(mock: MockInbox) -> str:
    conversation_id = mock.create_conversation(contact_id=CONTACT)["id"]
    assert isinstance(conversation_id, str)
    return conversation_id


def _get(client: httpx.Client, conversation_id: str) -> httpx.Response:
    return client.get(f"/inbox/v2/conversations/{conversation_id}")


def test_status_with_code_message_and_retry_after(
    mock: MockInbox, client: httpx.Client, conversation_id: str
) -> None:
    fault = mock.inject(
        "getConversation", status=503, code="UNAVAILABLE", message="try later", retry_after=7
    )
    response = _get(client, conversation_id)
    body = wix_error(response, 503)
    assert body["message"] == "try later"
    assert body["details"]["applicationError"]["code"] == "UNAVAILABLE"
    assert response.headers["Retry-After"] == "7"
    assert (fault.remaining, fault.triggered) == (0, 1)
    checked(_get(client, conversation_id), "getConversation")  # times=1: used up


def test_times_and_order_of_faults(
    mock: MockInbox, client: httpx.Client, conversation_id: str
) -> None:
    mock.inject("getConversation", status=500, times=2)
    mock.inject("getConversation", status=429, retry_after_ms=1500)
    mock.inject("listMessages", status=504)  # another route is not affected
    statuses = [_get(client, conversation_id).status_code for _ in range(4)]
    assert statuses == [500, 500, 429, 200]
    assert [r.status for r in mock.requests] == statuses


def test_code_alone_picks_its_status(client: httpx.Client, mock: MockInbox) -> None:
    mock.inject("listMessages", code="NOT_JOINED_CHATROOM")
    mock.inject("listMessages", code="INBOX_INSTANCE_NOT_FOUND")
    params = {"conversationId": CONTACT, "visibility": "BUSINESS"}
    assert app_code(client.get("/inbox/v2/messages", params=params), 403) == "NOT_JOINED_CHATROOM"
    not_found = client.get("/inbox/v2/messages", params=params)
    assert app_code(not_found, 404) == "INBOX_INSTANCE_NOT_FOUND"


def test_retry_after_forms(mock: MockInbox, client: httpx.Client, conversation_id: str) -> None:
    date = "Wed, 21 Oct 2015 07:28:00 GMT"
    mock.inject("getConversation", status=429, retry_after=date, retry_after_ms=250)
    response = _get(client, conversation_id)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == date
    assert response.headers["retry-after-ms"] == "250"


def test_html_page_of_a_proxy(mock: MockInbox, client: httpx.Client, conversation_id: str) -> None:
    mock.inject("getConversation", body="html")
    mock.inject("getConversation", body="html", status=503)
    first, second = _get(client, conversation_id), _get(client, conversation_id)
    assert first.status_code == 502 and second.status_code == 503
    assert first.headers["content-type"].startswith("text/html")
    assert "<h1>502 Bad Gateway</h1>" in first.text
    with pytest.raises(json.JSONDecodeError):
        second.json()


def test_empty_body(mock: MockInbox, client: httpx.Client, conversation_id: str) -> None:
    mock.inject("getConversation", body="empty", status=500)
    response = _get(client, conversation_id)
    assert response.status_code == 500 and response.content == b""
    assert response.headers["x-wix-request-id"]


def test_truncated_json(mock: MockInbox, client: httpx.Client, conversation_id: str) -> None:
    whole = _get(client, conversation_id).content
    mock.inject("getConversation", body="truncated", after_processing=True)
    mock.inject("getConversation", body="truncated", status=503)
    cut = _get(client, conversation_id)
    assert cut.status_code == 200
    assert cut.headers["content-type"] == "application/json"
    assert int(cut.headers["content-length"]) == len(cut.content) < len(whole)
    assert whole.startswith(cut.content)
    with pytest.raises(json.JSONDecodeError):
        cut.json()
    cut_error = _get(client, conversation_id)
    assert cut_error.status_code == 503
    with pytest.raises(json.JSONDecodeError):
        cut_error.json()


def test_delay_before_processing(
    mock: MockInbox, client: httpx.Client, conversation_id: str
) -> None:
    mock.inject("getConversation", delay=0.3)
    started = time.monotonic()
    checked(_get(client, conversation_id), "getConversation")
    assert time.monotonic() - started >= 0.3
    # a client that gives up during the delay: the request is never applied
    mock.inject("sendMessage", delay=0.5)
    with pytest.raises(httpx.ReadTimeout):
        client.post("/inbox/v2/messages", json=text_message(conversation_id), timeout=0.2)
    deadline = time.monotonic() + 5
    while len(mock.requests) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)  # the server notices the client leaving
    assert mock.requests[-1].route == "sendMessage" and mock.requests[-1].status is None
    time.sleep(0.4)  # past the delay: still nothing applied
    assert mock.messages(conversation_id) == []


def test_disconnect_without_response(
    mock: MockInbox, client: httpx.Client, conversation_id: str
) -> None:
    mock.inject("sendMessage", disconnect=True)
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        client.post("/inbox/v2/messages", json=text_message(conversation_id))
    assert mock.messages(conversation_id) == []
    assert mock.requests[-1].route == "sendMessage" and mock.requests[-1].status is None
    # the same client recovers on a new connection
    checked(client.post("/inbox/v2/messages", json=text_message(conversation_id)), "sendMessage")
    assert len(mock.messages(conversation_id)) == 1


@pytest.mark.parametrize(
    ("fault", "status"),
    [
        ({"status": 503}, 503),
        ({"status": 500, "body": "empty"}, 500),
        ({"body": "html"}, 502),
        ({"body": "truncated"}, 200),
        ({"disconnect": True}, None),
    ],
    ids=["503", "empty-500", "html-502", "truncated-200", "disconnect"],
)
def test_after_processing_the_message_is_stored_but_not_returned(
    mock: MockInbox,
    client: httpx.Client,
    conversation_id: str,
    fault: dict[str, object],
    status: int | None,
) -> None:
    mock.inject("sendMessage", after_processing=True, **fault)  # type: ignore[arg-type]
    try:
        response = client.post("/inbox/v2/messages", json=text_message(conversation_id, "once"))
    except (httpx.RemoteProtocolError, httpx.ReadError):
        assert status is None
    else:
        assert response.status_code == status
        assert not _is_a_message(response)  # the client cannot tell the message was stored
    stored = mock.messages(conversation_id)
    assert [m["content"]["basic"]["items"][0]["text"] for m in stored] == ["once"]
    assert mock.requests[-1].status == status


def _is_a_message(response: httpx.Response) -> bool:
    try:
        body = response.json()
    except json.JSONDecodeError:
        return False
    return isinstance(body, dict) and isinstance(body.get("message"), dict)


def test_after_processing_with_delay_past_the_client_timeout(
    mock: MockInbox, client: httpx.Client, conversation_id: str
) -> None:
    mock.inject("sendMessage", after_processing=True, delay=1.0)
    with pytest.raises(httpx.ReadTimeout):
        client.post("/inbox/v2/messages", json=text_message(conversation_id), timeout=0.2)
    assert len(mock.messages(conversation_id)) == 1


def test_token_route_faults(mock: MockInbox) -> None:
    mock.inject("token", status=503, body="empty")
    body = {
        "grant_type": "client_credentials",
        "client_id": mock.app_id,
        "client_secret": mock.app_secret,
        "instance_id": mock.instance_id,
    }
    assert HTTP.post(f"{mock.url}/oauth2/token", json=body).status_code == 503
    assert HTTP.post(f"{mock.url}/oauth2/token", json=body).status_code == 200


def test_clear_and_cancel(mock: MockInbox, client: httpx.Client, conversation_id: str) -> None:
    kept = mock.inject("getConversation", status=500, times=5)
    kept.cancel()
    assert kept.remaining == 0
    checked(_get(client, conversation_id), "getConversation")
    mock.inject("getConversation", status=500, times=3)
    mock.inject("sendMessage", disconnect=True)
    mock.clear_faults()
    checked(_get(client, conversation_id), "getConversation")
    checked(client.post("/inbox/v2/messages", json=text_message(conversation_id)), "sendMessage")


def test_stop_is_quick_while_a_delay_is_pending() -> None:
    mock = MockInbox().start()
    conversation_id = mock.create_conversation()["id"]
    mock.inject("getConversation", delay=30.0)
    with api(mock) as client:
        with contextlib.suppress(httpx.ReadTimeout):
            client.get(f"/inbox/v2/conversations/{conversation_id}", timeout=0.2)
        started = time.monotonic()
        mock.stop()
        assert time.monotonic() - started < 5.0
    assert not mock.running


@pytest.mark.parametrize(
    "kwargs",
    [
        {"route": "deleteEverything"},
        {"route": "sendMessage", "times": 0},
        {"route": "sendMessage", "status": 999},
        {"route": "sendMessage", "body": "xml"},
        {"route": "sendMessage", "delay": -1.0},
    ],
)
def test_inject_checks_its_arguments(mock: MockInbox, kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        mock.inject(**kwargs)  # type: ignore[arg-type]
