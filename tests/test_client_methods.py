"""Every method of the facade against the mock over real HTTP, with the sync and the async client.

Each test runs twice (``client_mode``): once through ``InboxClient``, once through
``AsyncInboxClient`` (see ``Surface`` in ``test_client_support``).
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from test_client_support import CONTACT, MEMBER, VISITOR, Clients, Surface, routed
from wix_inbox import (
    AsyncMessageIterator,
    Conversation,
    GetOrCreateResult,
    Message,
    MessageContent,
    MessageIterator,
    content,
)
from wix_inbox.testing import MockInbox
from wix_inbox_api.models import MessageDirection, MessageVisibility

# ------------------------------------------------------------------------------ conversations


def test_get_returns_the_stored_conversation(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    conversation = surface.get(conversation_id)

    assert isinstance(conversation, Conversation)
    stored = inbox.conversations()[0]
    assert str(conversation.id) == conversation_id
    assert conversation.to_dict() == stored
    (request,) = routed(inbox, "getConversation")
    assert request.method == "GET"
    assert request.path == f"/inbox/v2/conversations/{conversation_id}"
    assert request.headers["wix-site-id"] == inbox.site_id
    assert request.headers["user-agent"].startswith("wix-inbox-client/")


@pytest.mark.parametrize(
    ("argument", "wire_name", "value"),
    [
        ("contact_id", "contactId", CONTACT),
        ("member_id", "memberId", MEMBER),
        ("anonymous_visitor_id", "anonymousVisitorId", VISITOR),
    ],
)
def test_get_or_create_creates_once_then_finds(
    surface: Surface, inbox: MockInbox, argument: str, wire_name: str, value: str
) -> None:
    first = surface.get_or_create(**{argument: value})
    again = surface.get_or_create(**{argument: value})

    assert isinstance(first, GetOrCreateResult)
    assert first.created is True
    assert again.created is False
    assert again.conversation.id == first.conversation.id
    assert first.conversation.to_dict()["participant"] == {wire_name: value}
    assert [c["id"] for c in inbox.conversations()] == [str(first.conversation.id)]
    bodies = [r.body for r in routed(inbox, "getOrCreateConversation")]
    assert bodies == [{"participantId": {wire_name: value}}] * 2


def test_get_or_create_finds_a_conversation_made_elsewhere(
    surface: Surface, inbox: MockInbox
) -> None:
    existing = inbox.create_conversation(member_id=MEMBER)

    result = surface.get_or_create(member_id=MEMBER)

    assert result.created is False
    assert str(result.conversation.id) == existing["id"]


# ---------------------------------------------------------------------------------- messages


def test_send_text_stores_one_message_and_returns_it(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    message = surface.send(conversation_id, "Hello there")

    assert isinstance(message, Message)
    (stored,) = inbox.messages(conversation_id)
    assert message.id == stored["id"]
    assert message.to_dict() == stored
    assert stored["content"]["basic"]["items"] == [{"text": "Hello there"}]
    assert stored["content"]["previewText"] == "Hello there"
    assert stored["visibility"] == "BUSINESS_AND_PARTICIPANT"
    assert stored["direction"] == "BUSINESS_TO_PARTICIPANT"
    assert stored["sender"] == {"wixUserId": inbox.site.wix_user_id}
    (request,) = routed(inbox, "sendMessage")
    assert request.body["conversationId"] == conversation_id
    assert "sendAs" not in request.body
    assert "sendNotifications" not in request.body


def test_send_options_reach_the_server(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    message = surface.send(
        conversation_id,
        "a note for the team",
        visibility="BUSINESS",
        direction=MessageDirection.PARTICIPANT_TO_BUSINESS,
        send_as="PARTICIPANT",
        send_notifications=False,
        silent=True,
    )

    (request,) = routed(inbox, "sendMessage")
    assert request.body["sendAs"] == "PARTICIPANT"
    assert request.body["sendNotifications"] is False
    assert request.body["message"]["silent"] is True
    (stored,) = inbox.messages(conversation_id)
    assert stored["visibility"] == "BUSINESS"
    assert stored["direction"] == "PARTICIPANT_TO_BUSINESS"
    assert stored["silent"] is True
    conversation = inbox.conversations()[0]
    assert stored["sender"] == conversation["participant"]
    assert message.visibility == MessageVisibility.BUSINESS


def test_an_app_sends_as_itself(clients: Clients, inbox: MockInbox, conversation_id: str) -> None:
    app = clients.app()

    message = app.send(conversation_id, "from the app")

    assert str(message.app_id) == inbox.app_id
    assert inbox.messages(conversation_id)[0]["sender"] == {"appId": inbox.app_id}


BUTTONS = [
    content.button("Track", url="https://example.com/track/1"),
    content.button("Call me", interaction_id="call-me"),
]

CONTENT_CASES: list[tuple[str, MessageContent, dict[str, Any]]] = [
    (
        "text",
        content.text("plain", preview_text="preview"),
        {"previewText": "preview", "basic": {"items": [{"text": "plain"}]}},
    ),
    (
        "image",
        content.image("https://example.com/a.png", filename="a.png", width=10, height=20),
        {
            "basic": {
                "items": [
                    {
                        "image": {
                            "url": "https://example.com/a.png",
                            "filename": "a.png",
                            "width": 10,
                            "height": 20,
                        }
                    }
                ]
            }
        },
    ),
    (
        "file",
        content.file("https://example.com/a.pdf", filename="a.pdf", mime_type="application/pdf"),
        {
            "basic": {
                "items": [
                    {
                        "file": {
                            "url": "https://example.com/a.pdf",
                            "filename": "a.pdf",
                            "mimeType": "application/pdf",
                        }
                    }
                ]
            }
        },
    ),
    (
        "basic",
        content.basic(
            content.text_item("look:"),
            content.image_item("https://example.com/b.jpg"),
            content.file_item("https://example.com/c.txt"),
            preview_text="three items",
        ),
        {
            "previewText": "three items",
            "basic": {
                "items": [
                    {"text": "look:"},
                    {"image": {"url": "https://example.com/b.jpg"}},
                    {"file": {"url": "https://example.com/c.txt"}},
                ]
            },
        },
    ),
    (
        "template",
        content.template(
            title="Order shipped",
            text_lines=["Your order", "is on its way"],
            buttons=BUTTONS,
            image_url="https://example.com/box.png",
            orientation="LANDSCAPE",
        ),
        {
            "previewText": "Order shipped",
            "template": {
                "title": "Order shipped",
                "textLines": ["Your order", "is on its way"],
                "buttons": [
                    {"label": "Track", "launchUrl": "https://example.com/track/1"},
                    {"label": "Call me", "postbackProperties": {"interactionId": "call-me"}},
                ],
                "imageUrl": "https://example.com/box.png",
                "orientation": "LANDSCAPE",
            },
        },
    ),
    (
        "minimal",
        content.minimal("Paid $10", icon_url="https://example.com/i.png", url="https://e.com/r"),
        {
            "previewText": "Paid $10",
            "minimal": {
                "text": "Paid $10",
                "iconUrl": "https://example.com/i.png",
                "url": "https://e.com/r",
            },
        },
    ),
    (
        "form",
        content.form(
            {"Name": "Ada", "Email": "ada@example.com"},
            title="Contact form",
            description="Sent from the site",
            media=[content.image_item("https://example.com/d.png")],
        ),
        {
            "previewText": "Contact form",
            "form": {
                "title": "Contact form",
                "description": "Sent from the site",
                "fields": [
                    {"name": "Name", "value": "Ada"},
                    {"name": "Email", "value": "ada@example.com"},
                ],
                "media": [{"image": {"url": "https://example.com/d.png"}}],
            },
        },
    ),
]


def _contains(actual: Any, expected: Any) -> bool:
    """True when ``expected`` is ``actual`` with some dict keys left out (server defaults)."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            key in actual and _contains(actual[key], value) for key, value in expected.items()
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(_contains(a, e) for a, e in zip(actual, expected, strict=True))
        )
    return bool(actual == expected)


@pytest.mark.parametrize(
    ("kind", "payload", "wire"), CONTENT_CASES, ids=[case[0] for case in CONTENT_CASES]
)
def test_send_every_content_kind(
    surface: Surface,
    inbox: MockInbox,
    conversation_id: str,
    kind: str,
    payload: MessageContent,
    wire: dict[str, Any],
) -> None:
    message = surface.send(conversation_id, payload)

    (request,) = routed(inbox, "sendMessage")
    assert request.body["message"]["content"] == wire
    (stored,) = inbox.messages(conversation_id)
    assert _contains(stored["content"], wire), stored["content"]
    assert message.to_dict()["content"] == stored["content"]


def test_list_page_returns_one_page_with_cursors(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    for number in range(5):
        inbox.add_message(conversation_id, f"m{number}")
    sequences = [m["sequence"] for m in inbox.messages(conversation_id)]

    first = surface.list_page(conversation_id, limit=2, order="ASC")
    second = surface.list_page(conversation_id, limit=2, order="ASC", cursor=first.next_cursor)
    back = surface.list_page(conversation_id, limit=2, order="ASC", cursor=second.prev_cursor)

    assert [m.sequence for m in first.messages] == sequences[:2]
    assert [m.sequence for m in second] == sequences[2:4]
    assert len(second) == 2
    assert first.prev_cursor is None
    assert first.next_cursor and second.next_cursor and second.prev_cursor
    assert [m.sequence for m in back.messages] == sequences[:2]
    query = routed(inbox, "listMessages")[0].query
    assert query == {
        "conversationId": [conversation_id],
        "visibility": ["BUSINESS"],
        "sorting.order": ["ASC"],
        "paging.limit": ["2"],
    }


def test_list_page_defaults_to_the_server_page_size_newest_first(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    for number in range(3):
        inbox.add_message(conversation_id, f"m{number}")

    page = surface.list_page(conversation_id)

    assert [m.to_dict()["content"]["basic"]["items"][0]["text"] for m in page] == [
        "m2",
        "m1",
        "m0",
    ]
    assert page.next_cursor is None and page.prev_cursor is None
    query = routed(inbox, "listMessages")[0].query
    assert "paging.limit" not in query
    assert query["sorting.order"] == ["DESC"]


def test_list_page_of_an_empty_conversation(surface: Surface, conversation_id: str) -> None:
    page = surface.list_page(conversation_id, visibility="BUSINESS_AND_PARTICIPANT")

    assert page.messages == []
    assert page.next_cursor is None


def test_list_is_lazy_and_fetches_page_by_page(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    for number in range(5):
        inbox.add_message(conversation_id, f"m{number}")

    iterator = surface.iterate(conversation_id, page_size=2)
    assert routed(inbox, "listMessages") == []  # making the iterator sends nothing

    newest = surface.first(iterator)
    assert len(routed(inbox, "listMessages")) == 1

    everything = surface.collect(iterator)  # iterating again starts from the first page
    assert newest.sequence == everything[0].sequence
    assert len(everything) == 5
    assert len(routed(inbox, "listMessages")) == 1 + 3


def test_list_filters_by_visibility(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    inbox.add_message(conversation_id, "public")
    inbox.add_message(conversation_id, "internal note", visibility="BUSINESS")

    public = surface.collect(
        surface.iterate(conversation_id, visibility="BUSINESS_AND_PARTICIPANT")
    )
    everything = surface.collect(surface.iterate(conversation_id))

    assert [m.visibility for m in public] == [MessageVisibility.BUSINESS_AND_PARTICIPANT]
    assert len(everything) == 2


def test_content_send_helper_sends_text(surface: Surface, inbox: MockInbox) -> None:
    """The README's flow: get_or_create, send a str, read it back."""
    conversation = surface.get_or_create(contact_id=CONTACT).conversation
    cid = str(conversation.id)

    sent = surface.send(cid, "hello")
    (listed,) = surface.collect(surface.iterate(cid))

    assert listed.id == sent.id
    assert inbox.messages(cid)[0]["content"]["basic"]["items"] == [{"text": "hello"}]


def test_list_returns_the_iterator_of_its_client(surface: Surface, conversation_id: str) -> None:
    iterator = surface.iterate(conversation_id)

    if isinstance(iterator, MessageIterator):
        assert surface.mode == "sync"
        assert inspect.isgenerator(iterator.iter_pages())
    else:
        assert surface.mode == "async"
        assert type(iterator) is AsyncMessageIterator
        pages = iterator.iter_pages()
        assert inspect.isasyncgen(pages)
        surface.runner.run(pages.aclose())  # never started: sends nothing


def test_every_demo_conversation_reads_back_exactly(clients: Clients) -> None:
    """The demo data holds every content kind (and a system message, and a long history): the
    client parses all of it, and what it returns serialises back to what the mock stored."""
    with MockInbox.with_demo_data() as demo:
        surface = clients(api_key=demo.api_key, site_id=demo.site_id, base_url=demo.url)
        conversations = demo.conversations(demo.site_id)
        assert len(conversations) >= 3
        kinds: set[str] = set()
        for wire in conversations:
            conversation = surface.get(wire["id"])
            assert conversation.to_dict() == wire
            stored = demo.messages(wire["id"])
            listed = surface.collect(surface.iterate(wire["id"], order="ASC"))
            assert [m.to_dict() for m in listed] == stored
            public = surface.collect(
                surface.iterate(wire["id"], visibility="BUSINESS_AND_PARTICIPANT")
            )
            assert len(public) == sum(m["visibility"] == "BUSINESS_AND_PARTICIPANT" for m in stored)
            for message in stored:
                kinds.update(k for k in message["content"] if k not in ("previewText", "title"))

    assert {"basic", "template", "minimal", "form"} <= kinds
