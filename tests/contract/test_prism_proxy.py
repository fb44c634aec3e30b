"""Contract test through Stoplight Prism's validation proxy (``nox -s contract_prism``).

Prism (``prism proxy spec/openapi.yaml <mock> --errors=false``) forwards every request to the
mock and checks both the request and the mock's response against ``spec/openapi.yaml``; what
does not conform is listed in the ``sl-violations`` response header. Here the generated client
(``wix_inbox_api``) and the facade (``InboxClient``) call all four operations through Prism, and
every response must come back without that header. A deliberately bad request shows that Prism
does report violations, so a silent header cannot mean "not checked".

The module is skipped unless ``WIX_INBOX_PRISM_URL`` is set (``tests/contract/with_mock.py``
sets it); the nox session also sets ``WIX_INBOX_CONTRACT_REQUIRED=1``, which turns that skip
into an error.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from with_mock import prism_proxy

from wix_inbox import InboxClient
from wix_inbox.content import text
from wix_inbox.testing import MockInbox
from wix_inbox_api import AuthenticatedClient
from wix_inbox_api.api.conversations import get_conversation, get_or_create_conversation
from wix_inbox_api.api.messages import list_messages, send_message
from wix_inbox_api.models import (
    GetConversationResponse,
    GetOrCreateConversationRequest,
    GetOrCreateConversationResponse,
    ListMessagesResponse,
    ListMessagesVisibility,
    Message,
    MessageDirection,
    MessageVisibility,
    ParticipantId,
    SendMessageRequest,
    SendMessageResponse,
    SortOrder,
)
from wix_inbox_api.types import Response

PRISM_URL = os.environ.get("WIX_INBOX_PRISM_URL", "")
if not PRISM_URL:
    if os.environ.get("WIX_INBOX_CONTRACT_REQUIRED"):
        raise RuntimeError(
            "WIX_INBOX_PRISM_URL is not set: run through tests/contract/with_mock.py"
        )
    pytest.skip(
        "needs a Prism proxy in front of the mock: nox -s contract_prism", allow_module_level=True
    )
API_KEY = os.environ.get("WIX_INBOX_MOCK_API_KEY", "")
SITE_ID = os.environ.get("WIX_INBOX_MOCK_SITE_ID", "")
VIOLATIONS = "sl-violations"


class ViolationLog:
    """Every response seen through Prism, and the violations Prism reported for it."""

    def __init__(self) -> None:
        self.responses: list[str] = []
        self.violations: list[tuple[str, list[dict[str, Any]]]] = []

    def hook(self, response: httpx.Response) -> None:
        request = response.request
        where = f"{request.method} {request.url.path} -> {response.status_code}"
        self.responses.append(where)
        raw = response.headers.get(VIOLATIONS)
        if raw is not None:
            found = json.loads(raw)
            print(f"{VIOLATIONS} on {where}: {json.dumps(found, indent=2)}")
            self.violations.append((where, found))

    def assert_clean(self, calls: int) -> None:
        assert len(self.responses) >= calls, self.responses
        assert not self.violations, "Prism reported contract violations:\n" + "\n".join(
            f"{where}: {json.dumps(found)}" for where, found in self.violations
        )


@pytest.fixture
def log() -> ViolationLog:
    return ViolationLog()


@pytest.fixture
def api(log: ViolationLog) -> Iterator[AuthenticatedClient]:
    """The generated client, pointed at Prism, with the mock's credentials."""
    client = AuthenticatedClient(
        base_url=PRISM_URL,
        token=API_KEY,
        prefix="",  # Wix sends the bare key: "Authorization: <api key>"
        headers={"wix-site-id": SITE_ID},
        raise_on_unexpected_status=True,
        httpx_args={"event_hooks": {"response": [log.hook]}},
    )
    with client:
        yield client


@pytest.fixture
def inbox(log: ViolationLog) -> Iterator[InboxClient]:
    """The facade, pointed at Prism, with the mock's credentials."""
    http = httpx.Client(event_hooks={"response": [log.hook]}, timeout=30)
    with (
        http,
        InboxClient(api_key=API_KEY, site_id=SITE_ID, base_url=PRISM_URL, http_client=http) as c,
    ):
        yield c


def _parsed(response: Response[Any], kind: type[Any]) -> Any:
    assert response.status_code == 200, (response.status_code, response.content[:500])
    assert isinstance(response.parsed, kind), response.parsed
    return response.parsed


def test_generated_client_all_operations(api: AuthenticatedClient, log: ViolationLog) -> None:
    contact = str(uuid.uuid4())
    request = GetOrCreateConversationRequest(
        participant_id=ParticipantId(contact_id=uuid.UUID(contact))
    )
    created = _parsed(
        get_or_create_conversation.sync_detailed(client=api, body=request),
        GetOrCreateConversationResponse,
    )
    assert created.new_conversation is True
    conversation_id = created.conversation.id
    again = _parsed(
        get_or_create_conversation.sync_detailed(client=api, body=request),
        GetOrCreateConversationResponse,
    )
    assert again.new_conversation is False
    fetched = _parsed(
        get_conversation.sync_detailed(conversation_id, client=api), GetConversationResponse
    )
    assert fetched.conversation.id == conversation_id

    sent_ids = []
    for index in range(3):
        body = SendMessageRequest(
            conversation_id=conversation_id,
            message=Message(
                content=text(f"message {index}"),
                visibility=MessageVisibility.BUSINESS_AND_PARTICIPANT,
                direction=MessageDirection.BUSINESS_TO_PARTICIPANT,
            ),
        )
        sent = _parsed(send_message.sync_detailed(client=api, body=body), SendMessageResponse)
        sent_ids.append(sent.message.id)

    first = _parsed(
        list_messages.sync_detailed(
            client=api,
            conversation_id=conversation_id,
            visibility=ListMessagesVisibility.BUSINESS,
            paging_limit=2,
            sorting_order=SortOrder.ASC,
        ),
        ListMessagesResponse,
    )
    cursor = first.paging_metadata.cursors.next_
    assert isinstance(cursor, str)
    second = _parsed(
        list_messages.sync_detailed(
            client=api,
            conversation_id=conversation_id,
            visibility=ListMessagesVisibility.BUSINESS,
            paging_limit=2,
            paging_cursor=cursor,
            sorting_order=SortOrder.ASC,
        ),
        ListMessagesResponse,
    )
    assert [m.id for m in [*first.messages, *second.messages]] == sent_ids

    # A documented error response must conform too.
    missing = get_conversation.sync_detailed(uuid.uuid4(), client=api)
    assert missing.status_code == 404

    log.assert_clean(calls=9)


def test_facade_all_operations(inbox: InboxClient, log: ViolationLog) -> None:
    created = inbox.conversations.get_or_create(anonymous_visitor_id=str(uuid.uuid4()))
    assert created.created is True
    conversation_id = str(created.conversation.id)
    assert str(inbox.conversations.get(conversation_id).id) == conversation_id
    sent = [inbox.messages.send(conversation_id, f"hello {i}") for i in range(3)]
    page = inbox.messages.list_page(conversation_id, limit=2, order="ASC")
    assert page.next_cursor is not None
    rest = inbox.messages.list_page(conversation_id, limit=2, order="ASC", cursor=page.next_cursor)
    assert [m.id for m in [*page.messages, *rest.messages]] == [m.id for m in sent]
    assert [m.id for m in inbox.messages.list(conversation_id, page_size=2)] == [
        m.id for m in reversed(sent)
    ]
    log.assert_clean(calls=9)


def test_prism_reports_a_bad_request() -> None:
    """Proof that the check can fail, request side: Prism flags a request that breaks the spec."""
    headers = {"Authorization": API_KEY, "wix-site-id": SITE_ID}
    with httpx.Client(base_url=PRISM_URL, headers=headers, timeout=30) as client:
        bad_body = client.post(
            "/inbox/v2/conversations", json={"participantId": {"contactId": "not-a-guid"}}
        )
        no_credentials = client.get(
            f"/inbox/v2/conversations/{uuid.uuid4()}", headers={"Authorization": ""}
        )
    for response in (bad_body, no_credentials):
        print(f"{response.request.method} {response.request.url.path} -> {response.status_code}")
        print(f"  {VIOLATIONS}: {response.headers.get(VIOLATIONS)}")
    assert bad_body.status_code == 400
    violations = json.loads(bad_body.headers[VIOLATIONS])
    assert any(
        v["location"] == ["request", "body", "participantId", "contactId"] and v["code"] == "format"
        for v in violations
    ), violations
    assert no_credentials.status_code == 401
    assert json.loads(no_credentials.headers[VIOLATIONS])[0]["location"] == ["request"]


def test_prism_reports_a_bad_response(tmp_path: Path) -> None:
    """Proof that the check can fail, response side: a response that breaks the spec is flagged.

    The shared mock cannot be told to misbehave from this process, so this test serves its own
    MockInbox behind its own Prism and injects a fault: a 503 with an empty body, while the spec
    declares an ``application/json`` ``WixError`` object for 503.
    """
    prism = os.environ.get("WIX_INBOX_PRISM_BIN")
    assert prism, "WIX_INBOX_PRISM_BIN is not set: run through tests/contract/with_mock.py"
    with MockInbox() as mock, prism_proxy(prism, mock.url, tmp_path) as url:
        conversation = mock.create_conversation()
        headers = {"Authorization": mock.api_key, "wix-site-id": mock.site_id}
        path = f"/inbox/v2/conversations/{conversation['id']}"
        with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
            good = client.get(path)
            mock.inject("getConversation", status=503, body="empty")
            bad = client.get(path)
    print(f"GET {path} -> {bad.status_code}\n  {VIOLATIONS}: {bad.headers.get(VIOLATIONS)}")
    assert good.status_code == 200
    assert VIOLATIONS not in good.headers
    assert bad.status_code == 503
    violations = json.loads(bad.headers[VIOLATIONS])
    assert violations, violations
    assert all(v["location"][0] == "response" for v in violations), violations
    assert any(v["severity"] == "Error" for v in violations), violations
