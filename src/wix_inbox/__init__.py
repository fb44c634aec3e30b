"""Typed Python client for the Wix Inbox REST API (conversations and messages).

>>> from wix_inbox import InboxClient
>>> with InboxClient(api_key="...", site_id="...") as client:        # doctest: +SKIP
...     conversation = client.conversations.get_or_create(contact_id="...").conversation
...     client.messages.send(conversation.id, "Hello!")
...     for message in client.messages.list(conversation.id):
...         print(message.sequence, message.content)

Names are imported on first use (PEP 562): ``import wix_inbox`` alone loads nothing but this
file, so the pytest plugin (``wix_inbox.testing.pytest_plugin``, loaded in every pytest run of
an environment that has the package) costs nothing until its fixture is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from wix_inbox_api.models import Conversation, Message, MessageContent
    from wix_inbox_api.types import UNSET, Unset

    from . import content
    from ._client import (
        DEFAULT_BASE_URL,
        DEFAULT_MAX_RESPONSE_BYTES,
        DEFAULT_TIMEOUT,
        AsyncInboxClient,
        InboxClient,
    )
    from ._exceptions import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ClientClosedError,
        ConflictError,
        ConversationNotFoundError,
        FieldViolation,
        InternalServerError,
        InvalidArgumentError,
        NotFoundError,
        NotOwnedByBusinessError,
        PermissionDeniedError,
        PreconditionRequiredError,
        RateLimitError,
        UnexpectedResponseError,
        WixError,
    )
    from ._listnew import AsyncNewMessageIterator, NewMessageIterator
    from ._models import GetOrCreateResult, MessagePage
    from ._pagination import AsyncMessageIterator, MessageIterator

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "UNSET",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncInboxClient",
    "AsyncMessageIterator",
    "AsyncNewMessageIterator",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "Conversation",
    "ConversationNotFoundError",
    "FieldViolation",
    "GetOrCreateResult",
    "InboxClient",
    "InternalServerError",
    "InvalidArgumentError",
    "Message",
    "MessageContent",
    "MessageIterator",
    "MessagePage",
    "NewMessageIterator",
    "NotFoundError",
    "NotOwnedByBusinessError",
    "PermissionDeniedError",
    "PreconditionRequiredError",
    "RateLimitError",
    "UnexpectedResponseError",
    "Unset",
    "WixError",
    "__version__",
    "content",
]

# Where each public name lives (module, relative to this package unless absolute).
_HOMES = {
    "Conversation": "wix_inbox_api.models",
    "Message": "wix_inbox_api.models",
    "MessageContent": "wix_inbox_api.models",
    "UNSET": "wix_inbox_api.types",
    "Unset": "wix_inbox_api.types",
    "DEFAULT_BASE_URL": "._client",
    "DEFAULT_TIMEOUT": "._client",
    "DEFAULT_MAX_RESPONSE_BYTES": "._client",
    "AsyncInboxClient": "._client",
    "InboxClient": "._client",
    "GetOrCreateResult": "._models",
    "MessagePage": "._models",
    "AsyncMessageIterator": "._pagination",
    "MessageIterator": "._pagination",
    "AsyncNewMessageIterator": "._listnew",
    "NewMessageIterator": "._listnew",
    **{
        name: "._exceptions"
        for name in (
            "APIConnectionError",
            "APIStatusError",
            "APITimeoutError",
            "AuthenticationError",
            "BadRequestError",
            "ClientClosedError",
            "ConflictError",
            "ConversationNotFoundError",
            "FieldViolation",
            "InternalServerError",
            "InvalidArgumentError",
            "NotFoundError",
            "NotOwnedByBusinessError",
            "PermissionDeniedError",
            "PreconditionRequiredError",
            "RateLimitError",
            "UnexpectedResponseError",
            "WixError",
        )
    },
}


def __getattr__(name: str) -> Any:
    if name == "content":
        value: Any = importlib.import_module(".content", __name__)
    elif name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name], __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later lookups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
