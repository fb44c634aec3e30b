"""Typed Python client for the Wix Inbox REST API (conversations and messages).

>>> from wix_inbox import InboxClient
>>> with InboxClient(api_key="...", site_id="...") as client:        # doctest: +SKIP
...     conversation = client.conversations.get_or_create(contact_id="...").conversation
...     client.messages.send(str(conversation.id), "Hello!")
...     for message in client.messages.list(str(conversation.id)):
...         print(message.sequence, message.content)
"""

from wix_inbox_api.models import Conversation, Message, MessageContent

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
from ._models import GetOrCreateResult, MessagePage
from ._pagination import AsyncMessageIterator, MessageIterator
from ._version import __version__

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncInboxClient",
    "AsyncMessageIterator",
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
    "NotFoundError",
    "NotOwnedByBusinessError",
    "PermissionDeniedError",
    "PreconditionRequiredError",
    "RateLimitError",
    "UnexpectedResponseError",
    "WixError",
    "__version__",
    "content",
]
