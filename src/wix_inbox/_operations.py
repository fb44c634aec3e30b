"""Each API call as data: arguments checked, the request described, the answer parsed.

Both clients (sync and async) and both resources build their calls here, so an argument rule or
a parsing rule lives in exactly one place.

The generated models are imported by the functions that use them, not at import time: loading
the model package costs about as much as ``import httpx``, and ``from wix_inbox import
InboxClient`` should not pay it before the first call.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeAlias
from urllib.parse import quote

from ._core import ApiCall
from ._exceptions import InvalidArgumentError, UnexpectedResponseError
from ._models import GetOrCreateResult, MessagePage
from ._validation import (
    check_body,
    is_text,
    require_choice,
    require_guid,
    require_page_size,
    require_text_param,
)

if TYPE_CHECKING:
    from wix_inbox_api.models import (
        Conversation,
        ListMessagesVisibility,
        Message,
        MessageContent,
        MessageDirection,
        MessageVisibility,
        OverrideSenderOptions,
    )
    from wix_inbox_api.types import Unset

__all__ = [
    "Direction",
    "Id",
    "Order",
    "SendAs",
    "Visibility",
    "get_conversation",
    "get_or_create_conversation",
    "list_messages",
    "list_messages_page",
    "send_message",
]

VisibilityName = Literal["BUSINESS", "BUSINESS_AND_PARTICIPANT"]
DirectionName = Literal["BUSINESS_TO_PARTICIPANT", "PARTICIPANT_TO_BUSINESS"]
Order = Literal["ASC", "DESC"]
SendAsName = Literal["CALLER", "PARTICIPANT", "BUSINESS_USER"]
# The Literals above are for type checkers only; the values accepted at run time are the spec's
# enums (tests/test_runtime.py checks that both say the same).
Visibility: TypeAlias = "VisibilityName | MessageVisibility | ListMessagesVisibility"
Direction: TypeAlias = "DirectionName | MessageDirection"
SendAs: TypeAlias = "SendAsName | OverrideSenderOptions"
Id = str | uuid.UUID
"""A GUID, as text or as a :class:`uuid.UUID` (what the models' ``id`` fields hold)."""

# The longest percent-encoded cursor sent: any 16,000-character ASCII cursor fits, with room in
# httpx's 65,536-character URL for the rest of the query.
MAX_SENT_CURSOR = 48_000
_WIRE_NAMES = {
    "contact_id": "contactId",
    "member_id": "memberId",
    "anonymous_visitor_id": "anonymousVisitorId",
}

CONVERSATIONS_PATH = "/inbox/v2/conversations"
MESSAGES_PATH = "/inbox/v2/messages"


def get_conversation(conversation_id: Id) -> ApiCall[Conversation]:
    cid = require_guid("conversation_id", conversation_id)

    def parse(body: Mapping[str, Any]) -> Conversation:
        _expect(body, ("conversation", "id"), cid, "conversation.id")
        return _parse_conversation(body)

    return ApiCall(
        "GET",
        f"{CONVERSATIONS_PATH}/{cid}",
        parse=parse,
        name="getConversation",
        response_schema="GetConversationResponse",
    )


def get_or_create_conversation(
    *, contact_id: Id | None, member_id: Id | None, anonymous_visitor_id: Id | None
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
    from wix_inbox_api.models import ParticipantId

    guid = require_guid(name, value)
    participant = ParticipantId(**{name: uuid.UUID(guid)})
    body = {"participantId": participant.to_dict()}
    check_body("GetOrCreateConversationRequest", body)
    wire_name = _WIRE_NAMES[name]

    def parse(body: Mapping[str, Any]) -> GetOrCreateResult:
        _expect(body, ("conversation", "participant", wire_name), guid, f"participant.{wire_name}")
        return _parse_get_or_create(body)

    # Repeating it is harmless: the second call finds the conversation the first one created.
    return ApiCall(
        "POST",
        CONVERSATIONS_PATH,
        parse=parse,
        body=body,
        name="getOrCreateConversation",
        response_schema="GetOrCreateConversationResponse",
    )


def list_messages_page(
    conversation_id: Id,
    *,
    visibility: Visibility,
    order: Order,
    limit: int | None,
    cursor: str | None,
) -> ApiCall[MessagePage]:
    params: list[tuple[str, str]] = [
        ("conversationId", require_guid("conversation_id", conversation_id)),
        ("visibility", require_choice("visibility", visibility, "MessageVisibility")),
        ("sorting.order", require_choice("order", order, "SortOrder")),
    ]
    if limit is not None:
        params.append(("paging.limit", str(require_page_size("limit", limit))))
    if cursor is not None:
        params.append(_cursor_param(cursor))
    return ApiCall(
        "GET",
        MESSAGES_PATH,
        parse=_parse_page,
        params=tuple(params),
        name="listMessages",
        response_schema="ListMessagesResponse",
    )


def list_messages(
    conversation_id: Id,
    *,
    visibility: Visibility,
    order: Order,
    page_size: int,
) -> Callable[[str | None], ApiCall[MessagePage]]:
    """The page requests of a full listing: checks the arguments now, once, and returns the
    call for a given cursor. Every page repeats the first request's filters, as Wix requires.
    (Where a listing resumes is checked by _resume.resume_point, through this function.)"""
    require_page_size("page_size", page_size)
    first = list_messages_page(
        conversation_id, visibility=visibility, order=order, limit=page_size, cursor=None
    )

    def page(cursor: str | None) -> ApiCall[MessagePage]:
        # The arguments were checked once, above; a page only adds the cursor it follows.
        if cursor is None:
            return first
        return ApiCall(
            first.method,
            first.path,
            parse=first.parse,
            params=(*first.params, _cursor_param(cursor)),
            name=first.name,
            response_schema=first.response_schema,
        )

    return page


def _cursor_param(cursor: object) -> tuple[str, str]:
    # The limits (length, text) are the spec's, read by require_text_param.
    cursor = require_text_param("cursor", cursor, where=MESSAGES_PATH, param="paging.cursor")
    if len(quote(cursor, safe="")) > MAX_SENT_CURSOR:
        # Limits hold on what is sent: 16,000 characters may be 192,000 once percent-encoded,
        # longer than any URL httpx (or a proxy) accepts.
        raise InvalidArgumentError(
            f"cursor is too long once percent-encoded for the URL (more than "
            f"{MAX_SENT_CURSOR} characters): pass a cursor the server returned"
        )
    return ("paging.cursor", cursor)


def send_message(
    conversation_id: Id,
    content: str | MessageContent,
    *,
    visibility: Visibility,
    direction: Direction,
    send_as: SendAs | None,
    send_notifications: bool | None,
    silent: bool | None,
) -> ApiCall[Message]:
    from wix_inbox_api.models import (
        Message,
        MessageContent,
        MessageDirection,
        MessageVisibility,
        OverrideSenderOptions,
        SendMessageRequest,
    )
    from wix_inbox_api.types import UNSET

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
        visibility=MessageVisibility(require_choice("visibility", visibility, "MessageVisibility")),
        direction=MessageDirection(require_choice("direction", direction, "MessageDirection")),
        silent=_bool_or_unset("silent", silent),
    )
    request = SendMessageRequest(
        conversation_id=uuid.UUID(require_guid("conversation_id", conversation_id)),
        message=message,
        send_notifications=_bool_or_unset("send_notifications", send_notifications),
        send_as=(
            OverrideSenderOptions(require_choice("send_as", send_as, "OverrideSenderOptions"))
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
    from wix_inbox_api.types import UNSET

    if value is None:
        return UNSET
    if not isinstance(value, bool):
        raise InvalidArgumentError(f"{name} must be True, False or None, got {value!r}")
    return value


def _expect(body: Mapping[str, Any], path: tuple[str, ...], expected: str, name: str) -> None:
    """An answer belongs to its question: the id the request named must come back. A server (or
    a proxy) that answers another request's question on this connection is caught here; the
    driver then drops the connection, as more wrong answers may be queued on it."""
    node: Any = body
    for key in path:
        node = node.get(key) if isinstance(node, Mapping) else None
    if not isinstance(node, str) or node.lower() != expected.lower():
        raise UnexpectedResponseError(
            f"the response is not the answer to this request: {name} is "
            f"{str(node)[:60]!r}, expected {expected!r}"
        )


def _parse_conversation(body: Mapping[str, Any]) -> Conversation:
    from wix_inbox_api.models import GetConversationResponse
    from wix_inbox_api.types import Unset

    conversation = GetConversationResponse.from_dict(body).conversation
    if isinstance(conversation, Unset):
        raise UnexpectedResponseError("the response has no conversation")
    return conversation


def _parse_get_or_create(body: Mapping[str, Any]) -> GetOrCreateResult:
    from wix_inbox_api.models import GetOrCreateConversationResponse
    from wix_inbox_api.types import Unset

    parsed = GetOrCreateConversationResponse.from_dict(body)
    if isinstance(parsed.conversation, Unset):
        raise UnexpectedResponseError("the response has no conversation")
    return GetOrCreateResult(
        conversation=parsed.conversation, created=parsed.new_conversation is True
    )


def _parse_page(body: Mapping[str, Any]) -> MessagePage:
    # ListMessagesResponse.from_dict, except that each message comes from from_dict_lazy: its
    # id, sequence, dates, enums and lists now, its content and sender when first read. Most
    # of a page is those nested objects, and a listing that reads ids and dates only (a sync
    # looking for what is new) should not pay for them. The body's shape is checked before
    # this runs (_core._parse_body), so building them later cannot fail.
    from wix_inbox_api.models import Message, PagingMetadataV2
    from wix_inbox_api.types import UNSET, Unset

    raw_messages = body.get("messages", UNSET)
    messages = [] if raw_messages is UNSET else list(map(Message.from_dict_lazy, raw_messages))
    raw_metadata = body.get("pagingMetadata", UNSET)
    metadata = UNSET if raw_metadata is UNSET else PagingMetadataV2.from_dict(raw_metadata)
    next_cursor = prev_cursor = None
    if not isinstance(metadata, Unset) and not isinstance(metadata.cursors, Unset):
        next_cursor = _cursor("next", metadata.cursors.next_)
        prev_cursor = _cursor("prev", metadata.cursors.prev)
    return MessagePage(messages=messages, next_cursor=next_cursor, prev_cursor=prev_cursor)


def _cursor(name: str, value: object) -> str | None:
    # The generated model does not check types: a non-string cursor would otherwise reach the
    # paging loop (AttributeError) or the next request (InvalidArgumentError, the caller blamed).
    from wix_inbox_api.types import Unset

    if value is None or isinstance(value, Unset) or value == "":
        return None
    if not isinstance(value, str):
        raise UnexpectedResponseError(f"pagingMetadata.cursors.{name} is not a string")
    if not is_text(value):  # JSON can escape a lone surrogate; no request could carry it back
        raise UnexpectedResponseError(f"pagingMetadata.cursors.{name} is not valid Unicode text")
    return value


def _parse_sent(body: Mapping[str, Any]) -> Message:
    from wix_inbox_api.models import SendMessageResponse
    from wix_inbox_api.types import Unset

    message = SendMessageResponse.from_dict(body).message
    if isinstance(message, Unset):
        raise UnexpectedResponseError("the response has no message")
    return message
