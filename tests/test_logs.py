"""WIX_INBOX_LOG: one log record per HTTP exchange, with no credential in any record."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator

import pytest

from hostile import Conn, HostileServer, http_response
from wix_inbox import APIConnectionError, AsyncInboxClient, InboxClient, WixError, _logs
from wix_inbox.testing import MockInbox

CONTACT = "9e668c08-8bdb-4240-babb-8176935f6f78"


@pytest.fixture
def mock() -> Iterator[MockInbox]:
    with MockInbox() as started:
        yield started


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="wix_inbox")
    return caplog


def _text(caplog: pytest.LogCaptureFixture) -> str:
    """Everything the records would print: messages with their arguments, and the args."""
    parts = []
    for record in caplog.records:
        parts.append(record.getMessage())
        parts.append(repr(record.args))
        parts.append(repr(record.__dict__))
    return "\n".join(parts)


def test_each_request_is_logged_with_method_path_status_request_id_and_time(
    mock: MockInbox, records: pytest.LogCaptureFixture
) -> None:
    with InboxClient(api_key=mock.api_key, site_id=mock.site_id, base_url=mock.url) as client:
        found = client.conversations.get_or_create(contact_id=CONTACT)
        client.messages.send(str(found.conversation.id), "hi")
    infos = [r.getMessage() for r in records.records if r.levelno == logging.INFO]
    request_ids = [r.request_id for r in mock.requests]
    assert len(infos) == 2
    assert re.fullmatch(
        rf"POST /inbox/v2/conversations -> 200 \(request id {re.escape(request_ids[0])}, "
        r"\d+\.\d{3} s\)",
        infos[0],
    )
    assert infos[1].startswith("POST /inbox/v2/messages -> 200 (request id ")


def test_debug_adds_the_query_and_redacted_headers(
    mock: MockInbox, records: pytest.LogCaptureFixture
) -> None:
    conversation = mock.create_conversation()
    with InboxClient(api_key=mock.api_key, site_id=mock.site_id, base_url=mock.url) as client:
        client.messages.list_page(conversation["id"], limit=5)
    (debug,) = [r.getMessage() for r in records.records if r.levelno == logging.DEBUG]
    assert "paging.limit=5" in debug
    assert "'authorization': '<redacted>'" in debug
    assert mock.api_key not in _text(records)


def test_no_secret_in_any_record_of_an_app_client(
    mock: MockInbox, records: pytest.LogCaptureFixture
) -> None:
    with InboxClient.for_app(
        app_id=mock.app_id,
        app_secret=mock.app_secret,
        instance_id=mock.instance_id,
        base_url=mock.url,
    ) as client:
        client.conversations.get_or_create(contact_id=CONTACT)
        mock.expire_tokens()  # the next call gets a 401 and fetches a new token
        client.conversations.get_or_create(contact_id=CONTACT)
        token = client._core.auth.headers()["Authorization"]
    text = _text(records)
    assert "POST /oauth2/token -> 200" in text
    assert "-> 401" in text
    for secret in (mock.app_secret, token, mock.api_key):
        assert secret not in text


async def test_the_async_client_logs_the_same_way(
    mock: MockInbox, records: pytest.LogCaptureFixture
) -> None:
    async with AsyncInboxClient(
        api_key=mock.api_key, site_id=mock.site_id, base_url=mock.url
    ) as client:
        await client.conversations.get_or_create(contact_id=CONTACT)
    infos = [r.getMessage() for r in records.records if r.levelno == logging.INFO]
    assert len(infos) == 1 and infos[0].startswith("POST /inbox/v2/conversations -> 200")


def test_a_request_with_no_response_is_logged(records: pytest.LogCaptureFixture) -> None:
    with (
        InboxClient(
            api_key="key-not-to-log", site_id=CONTACT, base_url="http://127.0.0.1:9", max_retries=0
        ) as client,
        pytest.raises(APIConnectionError),
    ):
        client.conversations.get(CONTACT)
    text = _text(records)
    assert f"GET /inbox/v2/conversations/{CONTACT} -> no response: ConnectError" in text
    assert "key-not-to-log" not in text


def test_configure_sets_the_level_once_and_ignores_unknown_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    logger = logging.getLogger("wix_inbox")
    monkeypatch.setattr(logger, "handlers", [])
    monkeypatch.setattr(logger, "level", logging.NOTSET)
    _logs.configure("debug")
    _logs.configure("DEBUG")
    assert logger.level == logging.DEBUG
    assert len(logger.handlers) == 1
    _logs.configure("info")
    assert logger.level == logging.INFO
    with pytest.warns(RuntimeWarning, match="not one of debug, info"):
        _logs.configure("verbose")
    assert logger.level == logging.INFO
    _logs.configure("")
    assert logger.level == logging.INFO


def test_the_environment_variable_switches_it_on(mock: MockInbox) -> None:
    script = (
        "from wix_inbox import InboxClient\n"
        "with InboxClient() as c:\n"
        "    c.conversations.get_or_create(contact_id='" + CONTACT + "')\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIX_")}
    env.update(
        WIX_INBOX_LOG="info",
        WIX_BASE_URL=mock.url,
        WIX_API_KEY=mock.api_key,
        WIX_SITE_ID=mock.site_id,
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert re.search(
        r"INFO wix_inbox: POST /inbox/v2/conversations -> 200 \(request id \S+, \d+\.\d+ s\)",
        result.stderr,
    )
    assert mock.api_key not in result.stderr


@pytest.mark.parametrize(
    ("echo", "shown"),
    [
        (lambda key: key, "<redacted>"),  # the API key itself
        (lambda key: f"req-{key}-1", "<redacted>"),  # inside a longer id
        (lambda key: key[:12], "<redacted>"),  # a part of it
        (lambda key: "a b\tc" + "x" * 5, "<not shown: not an id>"),  # not id characters
        (lambda key: "x" * 101, "<not shown: not an id>"),  # too long
        (lambda key: "6f1d-req-42", "6f1d-req-42"),  # an ordinary id is shown
    ],
)
def test_a_request_id_echoing_a_credential_is_not_logged(
    records: pytest.LogCaptureFixture, echo: Callable[[str], str], shown: str
) -> None:
    key = "IST.sekrit-api-key-0123456789abcdef"

    def behaviour(conn: Conn) -> None:
        if conn.read_request() is not None:
            conn.send(http_response({}, status="404 X", headers={"x-wix-request-id": echo(key)}))

    with (
        HostileServer(behaviour) as server,
        InboxClient(api_key=key, site_id=CONTACT, base_url=server.url, max_retries=0) as client,
        pytest.raises(WixError),
    ):
        client.conversations.get(CONTACT)
    text = _text(records)
    assert f"-> 404 (request id {shown}," in text
    assert key not in text and key[:12] not in text
