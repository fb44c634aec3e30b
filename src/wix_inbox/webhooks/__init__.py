"""Receive Wix's webhook events: verify the signed body, get a typed event, drop duplicates.

Needs the ``[webhooks]`` extra (PyJWT with cryptography)::

    from wix_inbox import webhooks

    verifier = webhooks.WebhookVerifier(public_key=PEM)  # or $WIX_WEBHOOK_PUBLIC_KEY
    event = verifier.construct_event(request_body)      # the raw body, bytes or str
    match event:
        case webhooks.MessageSentToBusinessEvent():
            print(event.data.conversation_id, event.data.message.content)
        case webhooks.UnknownEvent():
            pass                                          # another event type: not an error

Wix POSTs one RS256-signed JWS per event. Its ``data`` claim is JSON text of an envelope
(``eventType``, ``instanceId``, ``identity``, ``accountInfo``) whose ``data`` is JSON text of a
DomainEvent (event ``id``, ``entityId``, ``eventTime``... and ``actionEvent.body``, the payload).
``construct_event`` returns the payload as ``event.data`` and everything else as
``event.metadata``. Errors are :class:`WebhookVerificationError` (not a genuine delivery) and
:class:`WebhookPayloadError` (genuine, but a layer is not what Wix sends); both are
:class:`~wix_inbox.WixError`. ``asgi_app`` / ``wsgi_app`` serve a handler with all of this, and
drop duplicates (Wix retries for ~47 h with the same event id) with :class:`SeenEvents` or your
own :class:`EventStore` (``add`` marks an id in progress, ``done`` marks it done, ``is_done``,
``discard``): a duplicate of a done event gets 200, one of an event still in progress 409.
"""

from __future__ import annotations

_EXTRA_HINT = (
    "wix_inbox.webhooks needs the [webhooks] extra: pip install 'wix-inbox-client[webhooks]' "
    "(PyJWT[crypto], which verifies the RS256 signature)"
)

try:
    import cryptography.hazmat.primitives.asymmetric.rsa  # noqa: F401
    import jwt  # noqa: F401
except ModuleNotFoundError as _error:  # pragma: no cover - depends on the environment
    raise ImportError(_EXTRA_HINT, name=_error.name) from _error

from wix_inbox_api.models import (  # noqa: E402
    ButtonInteracted,
    ConversationsMerged,
    ConversationsMergedEvent,
    EventMetadata,
    MessageButtonInteractedEvent,
    MessageSentToBusiness,
    MessageSentToBusinessEvent,
)

from ._adapters import ASGIApp, WSGIApp, asgi_app, wsgi_app  # noqa: E402
from ._dedupe import AsyncEventStore, EventStore, SeenEvents  # noqa: E402
from ._errors import WebhookError, WebhookPayloadError, WebhookVerificationError  # noqa: E402
from ._events import (  # noqa: E402
    BUTTON_INTERACTED,
    CONVERSATIONS_MERGED,
    MESSAGE_SENT_TO_BUSINESS,
    UnknownEvent,
    WebhookEnvelope,
    WebhookEvent,
    event_id,
)
from ._keys import ENV_PUBLIC_KEY  # noqa: E402
from ._verify import WebhookVerifier, construct_event  # noqa: E402

__all__ = [
    "BUTTON_INTERACTED",
    "CONVERSATIONS_MERGED",
    "ENV_PUBLIC_KEY",
    "MESSAGE_SENT_TO_BUSINESS",
    "ASGIApp",
    "AsyncEventStore",
    "ButtonInteracted",
    "ConversationsMerged",
    "ConversationsMergedEvent",
    "EventMetadata",
    "EventStore",
    "MessageButtonInteractedEvent",
    "MessageSentToBusiness",
    "MessageSentToBusinessEvent",
    "SeenEvents",
    "UnknownEvent",
    "WSGIApp",
    "WebhookEnvelope",
    "WebhookError",
    "WebhookEvent",
    "WebhookPayloadError",
    "WebhookVerificationError",
    "WebhookVerifier",
    "asgi_app",
    "construct_event",
    "event_id",
    "wsgi_app",
]
