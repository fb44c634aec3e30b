"""What a verified delivery decodes to: the envelope, the typed events, and the unknown event."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeAlias

import attrs

from wix_inbox_api.models import (
    ConversationsMergedEvent,
    MessageButtonInteractedEvent,
    MessageSentToBusinessEvent,
)
from wix_inbox_api.types import Unset

__all__ = [
    "BUTTON_INTERACTED",
    "CONVERSATIONS_MERGED",
    "EVENT_MODELS",
    "MESSAGE_SENT_TO_BUSINESS",
    "UnknownEvent",
    "WebhookEnvelope",
    "WebhookEvent",
    "event_id",
]

# eventType == entityFqdn + "_" + slug, for the three Inbox events.
MESSAGE_SENT_TO_BUSINESS = "wix.crm.inbox.v2.message_message_sent_to_business"
BUTTON_INTERACTED = "wix.crm.inbox.v2.message_button_interacted"
CONVERSATIONS_MERGED = "wix.crm.inbox.v2.conversation_conversations_merged"

TypedEvent: TypeAlias = (
    MessageSentToBusinessEvent | MessageButtonInteractedEvent | ConversationsMergedEvent
)
EVENT_MODELS: dict[str, type[TypedEvent]] = {
    MESSAGE_SENT_TO_BUSINESS: MessageSentToBusinessEvent,
    BUTTON_INTERACTED: MessageButtonInteractedEvent,
    CONVERSATIONS_MERGED: ConversationsMergedEvent,
}


@attrs.frozen
class WebhookEnvelope:
    """A verified delivery with its layers decoded but not typed.

    ``domain_event`` is the DomainEvent as Wix sent it (``id``, ``entityFqdn``, ``slug``,
    ``entityId``, ``eventTime``, ``actionEvent``...); ``identity`` is already parsed from its
    JSON text; ``header`` and ``claims`` are the token's (``claims`` without ``data``, which is
    this envelope).
    """

    event_type: str
    instance_id: str | None
    identity: Mapping[str, Any] | None
    account_info: Mapping[str, Any] | None
    domain_event: Mapping[str, Any]
    header: Mapping[str, Any] = attrs.field(factory=dict, repr=False)
    claims: Mapping[str, Any] = attrs.field(factory=dict, repr=False)

    @property
    def event_id(self) -> str | None:
        """The event's id: the same for every retry of one event (the key to drop duplicates)."""
        value = self.domain_event.get("id")
        return value if isinstance(value, str) and value else None


@attrs.frozen
class UnknownEvent:
    """An event of a type this version does not model (Wix added one, or the app subscribed to
    events of other APIs). Verified like the others; never an error."""

    event_type: str
    instance_id: str | None
    domain_event: Mapping[str, Any]
    identity: Mapping[str, Any] | None = None
    account_info: Mapping[str, Any] | None = None

    @property
    def event_id(self) -> str | None:
        value = self.domain_event.get("id")
        return value if isinstance(value, str) and value else None


WebhookEvent: TypeAlias = TypedEvent | UnknownEvent


def event_id(event: WebhookEvent | WebhookEnvelope) -> str | None:
    """The id of an event (``metadata.id`` of a typed one), or None when Wix sent none."""
    if isinstance(event, UnknownEvent | WebhookEnvelope):
        return event.event_id
    value = event.metadata.id
    return value if not isinstance(value, Unset) and isinstance(value, str) and value else None
