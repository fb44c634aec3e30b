"""Each API call as data: arguments checked, the request described, the answer parsed.

Both clients (sync and async) and both resources build their calls here, so an argument rule or
a parsing rule lives in exactly one place.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any, Literal

from wix_inbox_api.models import (
    GetConversationResponse,
    GetOrCreateConversationResponse,
    ListMessagesResponse,
    ListMessagesVisibility,
    Message,
    MessageContent,
    MessageDirection,
    MessageVisibility,
    OverrideSenderOptions,
    ParticipantId,
    SendMessageRequest,
    SendMessageResponse,
)
from wix_inbox_api.types import UNSET, Unset

from ._core import ApiCall
from ._exceptions import InvalidArgumentError, UnexpectedResponseError
from ._models import Conversation, GetOrCreateResult, MessagePage
from ._validation import check_body, is_text, require_choice, require_guid, require_page_size

__all__ = [
    "Direction",
    "Order",
    "SendAs",
    "Visibility",
    "get_conversation",
    "get_or_create_conversation",
    "list_messages",
    "list_messages_page",
    "send_message",
]

Visibility = (
    Literal["BUSINESS", "BUSINESS_AND_PARTICIPANT"] | MessageVisibility | ListMessagesVisibility
)
Direction = Literal["BUSINESS_TO_PARTICIPANT", "PARTICIPANT_TO_BUSINESS"] | MessageDirection
Order = Literal["ASC", "DESC"]
SendAs = Literal["CALLER", "PARTICIPANT", "BUSINESS_USER"] | OverrideSenderOptions

_VISIBILITIES = ("BUSINESS", "BUSINESS_AND_PARTICIPANT")
_DIRECTIONS = ("BUSINESS_TO_PARTICIPANT", "PARTICIPANT_TO_BUSINESS")
_ORDERS = ("ASC", "DESC")
_SEND_AS = ("CALLER", "PARTICIPANT", "BUSINESS_USER")

CONVERSATIONS_PATH = "/inbox/v2/conversations"
MESSAGES_PATH = "/inbox/v2/messages"


def get_conversation(conversation_id: str) -> ApiCall[Conversation]:
    cid = require_guid("conversation_id", conversation_id)
    return ApiCall(
        "GET",
        f"{CONVERSATIONS_PATH}/{cid}",
        parse=_parse_conversation,
        name="getConversation",
        response_schema="GetConversationResponse",
    )


def get_or_create_conversation(
    *, contact_id: str | None, member_id: str | None, anonymous_visitor_id: str | None
) -> ApiCall[GetOrCreateResult]:
    given = {
        name: value
        for name, value in (
            ("contact_id", contact_id),
            ("member_id", member_id),
            ("anonymous_visitor_id", anonymous_visitor_id),
        )
        if value is not None
    }
    if len(given) != 1:
        raise InvalidArgumentError(
            "pass exactly one of contact_id, member_id, anonymous_visitor_id"
            + (f" (got {', '.join(given)})" if given else "")
        )
    ((name, value),) = given.items()
    participant = ParticipantId(**{name: uuid.UUID(require_guid(name, value))})
    body = {"participantId": participant.to_dict()}
    check_body("GetOrCreateConversationRequest", body)
    # Repeating it is harmless: the second call finds the conversation the first one created.
    return ApiCall(
        "POST",
        CONVERSATIONS_PATH,
        parse=_parse_get_or_create,
        body=body,
        name="getOrCreateConversation",
        response_schema="GetOrCreateConversationResponse",
    )


def list_messages_page(
    conversation_id: str,
    *,
    visibility: Visibility,
    order: Order,
    limit: int | None,
    cursor: str | None,
) -> ApiCall[MessagePage]:
    params: list[tuple[str, str]] = [
        ("conversationId", require_guid("conversation_id", conversation_id)),
        ("visibility", require_choice("visibility", visibility, _VISIBILITIES)),
        ("sorting.order", require_choice("order", order, _ORDERS)),
    ]
    if limit is not None:
        params.append(("paging.limit", str(require_page_size("limit", limit))))
    if cursor is not None:
        if not isinstance(cursor, str) or not cursor or len(cursor) > 16000:
            raise InvalidArgumentError("cursor must be a non-empty string of at most 16000 chars")
        if not is_text(cursor):
            raise InvalidArgumentError("cursor is not valid Unicode text (it has a lone surrogate)")
        params.append(("paging.cursor", cursor))
    return ApiCall(
        "GET",
        MESSAGES_PATH,
        parse=_parse_page,
        params=tuple(params),
        name="listMessages",
        response_schema="ListMessagesResponse",
    )


def list_messages(
    conversation_id: str,
    *,
    visibility: Visibility,
    order: Order,
    page_size: int,
    cursor: str | None = None,
) -> Callable[[str | None], ApiCall[MessagePage]]:
    """The page requests of a full listing: checks the arguments now, once, and returns the
    call for a given cursor. Every page repeats the first request's filters, as Wix requires."""
    require_page_size("page_size", page_size)
    list_messages_page(
        conversation_id, visibility=visibility, order=order, limit=page_size, cursor=cursor
    )

    def page(cursor: str | None) -> ApiCall[MessagePage]:
        return list_messages_page(
            conversation_id, visibility=visibility, order=order, limit=page_size, cursor=cursor
        )

    return page


def send_message(
    conversation_id: str,
    content: str | MessageContent,
    *,
    visibility: Visibility,
    direction: Direction,
    send_as: SendAs | None,
    send_notifications: bool | None,
    silent: bool | None,
) -> ApiCall[Message]:
    from .content import text

    if isinstance(content, str):
        content = text(content)
    if not isinstance(content, MessageContent):
        raise InvalidArgumentError(
            "content must be a str or a MessageContent (see wix_inbox.content), "
            f"got {type(content).__name__}"
        )
    message = Message(
        content=content,
        visibility=MessageVisibility(require_choice("visibility", visibility, _VISIBILITIES)),
        direction=MessageDirection(require_choice("direction", direction, _DIRECTIONS)),
        silent=_bool_or_unset("silent", silent),
    )
    request = SendMessageRequest(
        conversation_id=uuid.UUID(require_guid("conversation_id", conversation_id)),
        message=message,
        send_notifications=_bool_or_unset("send_notifications", send_notifications),
        send_as=(
            OverrideSenderOptions(require_choice("send_as", send_as, _SEND_AS))
            if send_as is not None
            else UNSET
        ),
    )
    try:
        body = request.to_dict()
    except (AttributeError, TypeError, ValueError):
        # A MessageContent made by hand with a wrong type inside (basic="x"): the generated
        # to_dict calls .to_dict() / .value on it.
        raise InvalidArgumentError(
            "content is not a well-formed MessageContent: build it with wix_inbox.content"
        ) from None
    check_body("SendMessageRequest", body)
    # Not idempotent: a retry after the request may have arrived could store the message twice.
    return ApiCall(
        "POST",
        MESSAGES_PATH,
        parse=_parse_sent,
        body=body,
        idempotent=False,
        name="sendMessage",
        response_schema="SendMessageResponse",
    )


def _bool_or_unset(name: str, value: bool | None) -> bool | Unset:
    if value is None:
        return UNSET
    if not isinstance(value, bool):
        raise InvalidArgumentError(f"{name} must be True, False or None, got {value!r}")
    return value


def _parse_conversation(body: Mapping[str, Any]) -> Conversation:
    conversation = GetConversationResponse.from_dict(body).conversation
    if isinstance(conversation, Unset):
        raise UnexpectedResponseError("the response has no conversation")
    return conversation


def _parse_get_or_create(body: Mapping[str, Any]) -> GetOrCreateResult:
    parsed = GetOrCreateConversationResponse.from_dict(body)
    if isinstance(parsed.conversation, Unset):
        raise UnexpectedResponseError("the response has no conversation")
    return GetOrCreateResult(
        conversation=parsed.conversation, created=parsed.new_conversation is True
    )


def _parse_page(body: Mapping[str, Any]) -> MessagePage:
    parsed = ListMessagesResponse.from_dict(body)
    messages = [] if isinstance(parsed.messages, Unset) else parsed.messages
    next_cursor = prev_cursor = None
    metadata = parsed.paging_metadata
    if not isinstance(metadata, Unset) and not isinstance(metadata.cursors, Unset):
        next_cursor = _cursor("next", metadata.cursors.next_)
        prev_cursor = _cursor("prev", metadata.cursors.prev)
    return MessagePage(messages=messages, next_cursor=next_cursor, prev_cursor=prev_cursor)


def _cursor(name: str, value: object) -> str | None:
    # The generated model does not check types: a non-string cursor would otherwise reach the
    # paging loop (AttributeError) or the next request (InvalidArgumentError, the caller blamed).
    if value is None or isinstance(value, Unset) or value == "":
        return None
    if not isinstance(value, str):
        raise UnexpectedResponseError(f"pagingMetadata.cursors.{name} is not a string")
    if not is_text(value):  # JSON can escape a lone surrogate; no request could carry it back
        raise UnexpectedResponseError(f"pagingMetadata.cursors.{name} is not valid Unicode text")
    return value


def _parse_sent(body: Mapping[str, Any]) -> Message:
    message = SendMessageResponse.from_dict(body).message
    if isinstance(message, Unset):
        raise UnexpectedResponseError("the response has no message")
    return message
