"""MockInbox delivers signed webhook events like Wix: triggers, retries, the delivery record."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from test_webhook_support import ScriptedReceiver, serve_asgi
from wix_inbox import InboxClient, content, webhooks
from wix_inbox.testing import MockInbox

FAST = (0.05, 0.05, 0.05)


@pytest.fixture
def receiver() -> ScriptedReceiver:
    return ScriptedReceiver()


@pytest.fixture
def hooked(receiver: ScriptedReceiver) -> Iterator[MockInbox]:
    """A started mock delivering to ``receiver`` with fast retries."""
    with (
        serve_asgi(receiver) as url,
        MockInbox(
            webhook_url=url + "/hooks", webhook_retry_delays=FAST, webhook_timeout=2.0
        ) as mock,
    ):
        yield mock


def _verifier(mock: MockInbox) -> webhooks.WebhookVerifier:
    return webhooks.WebhookVerifier(public_key=mock.webhook_public_key)


def test_participant_message_is_delivered_signed(
    hooked: MockInbox, receiver: ScriptedReceiver
) -> None:
    conversation = hooked.create_conversation(member_id="5a0c4737-a2a0-4c37-a07e-d9fd87027023")
    stored = hooked.add_message(conversation["id"], "Where is my parcel?")
    hooked.add_message(conversation["id"], "Tomorrow", direction="BUSINESS_TO_PARTICIPANT")
    hooked.wait_for_webhooks()
    assert len(receiver.bodies) == 1  # the business's own message makes no event
    assert receiver.methods == ["POST"]
    assert receiver.headers[0]["content-type"].startswith("text/plain")
    event = _verifier(hooked).construct_event(receiver.bodies[0])
    assert isinstance(event, webhooks.MessageSentToBusinessEvent)
    assert str(event.data.conversation_id) == conversation["id"]
    assert event.data.message and event.data.message.id == stored["id"]
    assert str(event.metadata.instance_id) == hooked.instance_id
    assert event.metadata.entity_id == stored["id"]
    assert event.metadata.identity and str(event.metadata.identity.member_id) == (
        "5a0c4737-a2a0-4c37-a07e-d9fd87027023"
    )
    (delivery,) = hooked.webhook_deliveries
    assert (delivery.attempt, delivery.status, delivery.outcome) == (1, 200, "delivered")
    assert delivery.event_id == webhooks.event_id(event) == hooked.webhook_events[0].event_id
    assert delivery.url.endswith("/hooks")


def test_participant_message_sent_over_http_is_delivered(
    hooked: MockInbox, receiver: ScriptedReceiver
) -> None:
    conversation_id = hooked.create_conversation()["id"]
    with InboxClient(api_key=hooked.api_key, site_id=hooked.site_id, base_url=hooked.url) as client:
        client.messages.send(
            conversation_id, "hi", direction="PARTICIPANT_TO_BUSINESS", send_as="PARTICIPANT"
        )
        client.messages.send(conversation_id, "hello back")
    hooked.wait_for_webhooks()
    assert len(receiver.bodies) == 1
    assert hooked.webhook_events[0].event_type == webhooks.MESSAGE_SENT_TO_BUSINESS


def test_failed_deliveries_are_retried_with_the_same_event(
    hooked: MockInbox, receiver: ScriptedReceiver
) -> None:
    receiver.answers = [500, 503]
    hooked.add_message(hooked.create_conversation()["id"], "hello")
    hooked.wait_for_webhooks()
    deliveries = hooked.webhook_deliveries
    assert [(d.attempt, d.status, d.outcome) for d in deliveries] == [
        (1, 500, "failed"),
        (2, 503, "failed"),
        (3, 200, "delivered"),
    ]
    assert len({d.event_id for d in deliveries}) == 1
    assert len(set(receiver.bodies)) == 1  # the very same body on every retry


def test_a_slow_answer_counts_as_failed_and_is_retried(receiver: ScriptedReceiver) -> None:
    receiver.answers = [(200, 1.0)]
    with (
        serve_asgi(receiver) as url,
        MockInbox(webhook_url=url, webhook_retry_delays=FAST, webhook_timeout=0.3) as mock,
    ):
        mock.add_message(mock.create_conversation()["id"], "hello")
        mock.wait_for_webhooks()
        outcomes = [(d.attempt, d.outcome) for d in mock.webhook_deliveries]
    assert outcomes == [(1, "timeout"), (2, "delivered")]


def test_retries_stop_after_the_schedule(receiver: ScriptedReceiver) -> None:
    receiver.answers = [500] * 10
    with (
        serve_asgi(receiver) as url,
        MockInbox(webhook_url=url, webhook_retry_delays=(0.01, 0.01)) as mock,
    ):
        mock.add_message(mock.create_conversation()["id"], "hello")
        mock.wait_for_webhooks()
        assert [d.attempt for d in mock.webhook_deliveries] == [1, 2, 3]


def test_unreachable_receiver_is_recorded_as_an_error() -> None:
    with serve_asgi(ScriptedReceiver()) as url:
        pass  # the port is closed again
    with MockInbox(webhook_url=url, webhook_retry_delays=(0.01,)) as mock:
        mock.add_message(mock.create_conversation()["id"], "hello")
        mock.wait_for_webhooks()
        deliveries = mock.webhook_deliveries
    assert [(d.attempt, d.outcome, d.status) for d in deliveries] == [
        (1, "error", None),
        (2, "error", None),
    ]


def test_injected_late_answer_makes_a_retry(hooked: MockInbox, receiver: ScriptedReceiver) -> None:
    hooked.fail_next_webhook_deliveries(1)
    hooked.add_message(hooked.create_conversation()["id"], "hello")
    hooked.wait_for_webhooks()
    assert [d.outcome for d in hooked.webhook_deliveries] == ["injected_failure", "delivered"]
    assert len(receiver.bodies) == 2 and receiver.bodies[0] == receiver.bodies[1]


def test_click_button_sends_button_interacted(
    hooked: MockInbox, receiver: ScriptedReceiver
) -> None:
    conversation = hooked.create_conversation(member_id="5a0c4737-a2a0-4c37-a07e-d9fd87027023")
    card = content.template(
        title="Your order shipped",
        buttons=[content.button("Talk to us", interaction_id="talk-1001")],
    )
    with InboxClient(api_key=hooked.api_key, site_id=hooked.site_id, base_url=hooked.url) as client:
        sent = client.messages.send(conversation["id"], card)
    event_id = hooked.click_button(conversation["id"], "talk-1001")
    with pytest.raises(ValueError):
        hooked.click_button(conversation["id"], "no-such-button")
    hooked.wait_for_webhooks()
    (body,) = receiver.bodies
    event = _verifier(hooked).construct_event(body)
    assert isinstance(event, webhooks.MessageButtonInteractedEvent)
    assert webhooks.event_id(event) == event_id
    assert event.data.interaction_id == "talk-1001"
    assert str(event.data.conversation_id) == conversation["id"]
    assert event.data.interacted_by and str(event.data.interacted_by.member_id) == (
        "5a0c4737-a2a0-4c37-a07e-d9fd87027023"
    )
    assert event.metadata.entity_id == sent.id


def test_merge_conversations_sends_conversations_merged(
    hooked: MockInbox, receiver: ScriptedReceiver
) -> None:
    old = hooked.create_conversation()["id"]
    target = hooked.create_conversation()["id"]
    hooked.add_message(old, "first, as a visitor")
    hooked.add_message(target, "then, as a contact")
    hooked.merge_conversations(old, target)
    hooked.wait_for_webhooks()
    merged = [
        e
        for e in (_verifier(hooked).construct_event(b) for b in receiver.bodies)
        if isinstance(e, webhooks.ConversationsMergedEvent)
    ]
    assert len(merged) == 1
    assert merged[0].data.old_conversation_ids == [old]
    assert str(merged[0].data.target_conversation_id) == target
    texts = [m["content"]["previewText"] for m in hooked.messages(target)]
    assert texts == ["first, as a visitor", "then, as a contact"]
    assert old not in [c["id"] for c in hooked.conversations()]


def test_no_url_no_events(receiver: ScriptedReceiver) -> None:
    with MockInbox() as mock:
        mock.add_message(mock.create_conversation()["id"], "hello")
        mock.wait_for_webhooks(timeout=1)
        assert mock.webhook_events == [] and mock.webhook_deliveries == []


def test_receiver_calling_the_mock_back_does_not_deadlock() -> None:
    """The receiver replies through the mock's API while the mock waits for its answer."""
    with MockInbox(webhook_retry_delays=FAST) as mock:
        client = InboxClient(api_key=mock.api_key, site_id=mock.site_id, base_url=mock.url)

        def reply(body: bytes) -> None:
            event = webhooks.construct_event(body, public_key=mock.webhook_public_key)
            assert isinstance(event, webhooks.MessageSentToBusinessEvent)
            client.messages.send(str(event.data.conversation_id), "auto reply")

        receiver = ScriptedReceiver(on_body=reply)
        with client, serve_asgi(receiver) as url:
            mock.webhook_url = url
            conversation_id = mock.create_conversation()["id"]
            # Over HTTP too: the event is queued inside the mock's request handler.
            client.messages.send(
                conversation_id, "hi", direction="PARTICIPANT_TO_BUSINESS", send_as="PARTICIPANT"
            )
            mock.wait_for_webhooks(timeout=30)
        texts = [m["content"]["previewText"] for m in mock.messages(conversation_id)]
        assert texts == ["hi", "auto reply"]
        assert [d.outcome for d in mock.webhook_deliveries] == ["delivered"]


def test_process_form_prints_the_public_key() -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wix_inbox.testing",
            "--port",
            "0",
            "--webhook-url",
            "http://127.0.0.1:9/hooks",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: list[str] = []
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "Press Ctrl+C" in line:
                break
    finally:
        process.terminate()
        process.wait(timeout=30)
    text = "".join(lines)
    assert "-----BEGIN PUBLIC KEY-----" in text
    assert "http://127.0.0.1:9/hooks" in text
    one_line = text.split("WIX_WEBHOOK_PUBLIC_KEY:", 1)[1].split()[0]
    webhooks.WebhookVerifier(public_key=one_line)  # the printed one-line form is usable


def test_signed_event_records_are_json_layers(hooked: MockInbox) -> None:
    hooked.add_message(hooked.create_conversation()["id"], "hello")
    hooked.wait_for_webhooks()
    record = hooked.webhook_events[0]
    envelope = _verifier(hooked).verify(record.body)
    assert envelope.account_info == {"accountId": hooked.account_id, "siteId": hooked.site_id}
    assert json.loads(json.dumps(envelope.domain_event))["id"] == record.event_id
