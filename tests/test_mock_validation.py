"""MockInbox request validation: limits from the spec, one-of groups, nothing invalid stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from test_mock_support import (
    CONTACT,
    checked,
    schema_of,
    text_message,
    violated_fields,
)
from wix_inbox.testing import MockInbox

# Limits are read from the spec, so these tests follow it when it changes.
TEXT_MAX = schema_of("BasicMessageData")["properties"]["text"]["maxLength"]
PREVIEW_MAX = schema_of("MessageContent")["properties"]["previewText"]["maxLength"]
BUTTONS_MAX = schema_of("TemplateMessagePayload")["properties"]["buttons"]["maxItems"]
FIELDS_MAX = schema_of("FormMessagePayload")["properties"]["fields"]["maxItems"]
CHANNEL_ID_MAX = schema_of("Message")["properties"]["targetChannelIds"]["items"]["maxLength"]
BADGES_MAX = schema_of("Message")["properties"]["badges"]["maxItems"]
INTERACTION_MAX = schema_of("PostbackProperties")["properties"]["interactionId"]["maxLength"]


@pytest.fixture
def conversation_id(mock: MockInbox) -> str:
    conversation_id = mock.create_conversation(contact_id=CONTACT)["id"]
    assert isinstance(conversation_id, str)
    return conversation_id


Edit = Callable[[dict[str, Any]], None]


def _content(content: dict[str, Any]) -> Edit:
    def edit(message: dict[str, Any]) -> None:
        message["content"] = content

    return edit


def _form(**form: Any) -> Edit:
    return _content({"form": {"fields": [{"name": "a", "value": "b"}], **form}})


def _template(**template: Any) -> Edit:
    return _content({"template": template})


URL = "https://example.com/a.png"
LONG_ID = "i" * (INTERACTION_MAX + 1)
CASES: dict[str, tuple[Edit, str, str]] = {
    # case: (edit of a valid message, field named, violated rule)
    "text too long": (
        _content({"basic": {"items": [{"text": "x" * (TEXT_MAX + 1)}]}}),
        "message.content.basic.items[0].text",
        "MAX_LENGTH",
    ),
    "empty text": (
        _content({"basic": {"items": [{"text": "ok"}, {"text": ""}]}}),
        "message.content.basic.items[1].text",
        "MIN_LENGTH",
    ),
    "no items": (_content({"basic": {"items": []}}), "message.content.basic.items", "MIN_SIZE"),
    "preview too long": (
        _content({"previewText": "p" * (PREVIEW_MAX + 1), "minimal": {"text": "m"}}),
        "message.content.previewText",
        "MAX_LENGTH",
    ),
    "two content kinds": (
        _content({"minimal": {"text": "m"}, "system": {"text": "s"}}),
        "message.content",
        "ONE_OF_ALIGNMENT",
    ),
    "no content kind": (
        _content({"previewText": "only a preview"}),
        "message.content",
        "REQUIRED_ONE_OF_FIELD",
    ),
    "item of two kinds": (
        _content({"basic": {"items": [{"text": "t", "image": {"url": URL}}]}}),
        "message.content.basic.items[0]",
        "ONE_OF_ALIGNMENT",
    ),
    "empty item": (
        _content({"basic": {"items": [{"text": "t"}, {}]}}),
        "message.content.basic.items[1]",
        "REQUIRED_ONE_OF_FIELD",
    ),
    "media item of no kind": (
        _form(media=[{}]),
        "message.content.form.media[0]",
        "REQUIRED_ONE_OF_FIELD",
    ),
    "too many buttons": (
        _template(buttons=[{"label": str(i)} for i in range(BUTTONS_MAX + 1)]),
        "message.content.template.buttons",
        "MAX_SIZE",
    ),
    "interaction id too long": (
        _template(
            buttons=[
                {"label": "b", "postbackProperties": {"interactionId": "i" * (INTERACTION_MAX + 1)}}
            ]
        ),
        "message.content.template.buttons[0].postbackProperties.interactionId",
        "MAX_LENGTH",
    ),
    "too many form fields": (
        _content({"form": {"fields": [{"name": "n", "value": "v"}] * (FIELDS_MAX + 1)}}),
        "message.content.form.fields",
        "MAX_SIZE",
    ),
    "template image not a URL": (
        _template(imageUrl="not a url"),
        "message.content.template.imageUrl",
        "FORMAT",
    ),
    "bad orientation": (
        _template(orientation="SIDEWAYS"),
        "message.content.template.orientation",
        "INVALID_ENUM_VALUE",
    ),
    "bad direction": (
        lambda m: m.update(direction="SIDEWAYS"),
        "message.direction",
        "INVALID_ENUM_VALUE",
    ),
    "channel id too long": (
        lambda m: m.update(targetChannelIds=["c" * (CHANNEL_ID_MAX + 1)]),
        "message.targetChannelIds[0]",
        "MAX_LENGTH",
    ),
    "too many badges": (
        lambda m: m.update(badges=[{"text": "a"}] * (BADGES_MAX + 1)),
        "message.badges",
        "MAX_SIZE",
    ),
    "image width not an integer": (
        _content({"basic": {"items": [{"image": {"url": URL, "width": "wide"}}]}}),
        "message.content.basic.items[0].image.width",
        "VALIDATION",
    ),
    "no content": (lambda m: m.pop("content"), "message.content", "REQUIRED_FIELD"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_invalid_message_is_refused_and_not_stored(
    mock: MockInbox, client: httpx.Client, conversation_id: str, case: str
) -> None:
    edit, field, rule = CASES[case]
    body = text_message(conversation_id)
    edit(body["message"])
    response = client.post("/inbox/v2/messages", json=body)
    violations = violated_fields(response)
    assert violations.get(field) == rule, violations
    assert response.json()["message"].startswith(next(iter(violations)))
    assert mock.messages(conversation_id) == []


def test_limits_are_inclusive(client: httpx.Client, conversation_id: str) -> None:
    body = text_message(conversation_id, "x" * TEXT_MAX)
    body["message"]["content"]["previewText"] = "p" * PREVIEW_MAX
    checked(client.post("/inbox/v2/messages", json=body), "sendMessage")


def test_request_level_fields(client: httpx.Client, conversation_id: str) -> None:
    no_message = client.post("/inbox/v2/messages", json={"conversationId": conversation_id})
    assert violated_fields(no_message) == {"message": "REQUIRED_FIELD"}
    bad_guid = client.post("/inbox/v2/messages", json=text_message("123"))
    assert violated_fields(bad_guid) == {"conversationId": "FORMAT"}
    bad_send_as = client.post(
        "/inbox/v2/messages", json=text_message(conversation_id, sendAs="ROBOT")
    )
    assert violated_fields(bad_send_as) == {"sendAs": "INVALID_ENUM_VALUE"}
    bad_type = client.post(
        "/inbox/v2/messages", json=text_message(conversation_id, sendNotifications="yes")
    )
    assert violated_fields(bad_type) == {"sendNotifications": "VALIDATION"}


def test_body_must_be_a_json_object(client: httpx.Client) -> None:
    for content in (b"{not json", b"[1, 2]", b'"text"'):
        response = client.post(
            "/inbox/v2/messages", content=content, headers={"content-type": "application/json"}
        )
        assert violated_fields(response) == {"$body": "VALIDATION"}


def test_get_conversation_id_must_be_a_guid(client: httpx.Client) -> None:
    response = client.get("/inbox/v2/conversations/not-a-guid")
    assert violated_fields(response) == {"conversationId": "FORMAT"}


@pytest.mark.parametrize(
    ("participant", "field", "rule"),
    [
        ({"contactId": CONTACT, "memberId": CONTACT}, "participantId", "ONE_OF_ALIGNMENT"),
        ({}, "participantId", "REQUIRED_ONE_OF_FIELD"),
        (None, "participantId", "REQUIRED_FIELD"),
        ({"memberId": "nope"}, "participantId.memberId", "FORMAT"),
    ],
)
def test_participant_id_is_exactly_one_guid(
    mock: MockInbox, client: httpx.Client, participant: Any, field: str, rule: str
) -> None:
    body = {} if participant is None else {"participantId": participant}
    response = client.post("/inbox/v2/conversations", json=body)
    assert violated_fields(response).get(field) == rule
    assert mock.conversations() == []


def test_nulls_and_unknown_fields_are_ignored(
    mock: MockInbox, client: httpx.Client, conversation_id: str
) -> None:
    body = text_message(conversation_id, sendAs=None, futureFlag=True)
    body["message"]["content"]["title"] = None
    body["message"]["content"]["basic"]["items"][0]["image"] = None
    body["message"]["content"]["basic"]["futureField"] = [1, 2]
    message = checked(client.post("/inbox/v2/messages", json=body), "sendMessage")["message"]
    assert message["content"] == {"basic": {"items": [{"text": "Hello!"}]}}
    assert len(mock.messages(conversation_id)) == 1
