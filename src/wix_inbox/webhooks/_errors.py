"""The errors of webhook verification: one family, all :class:`~wix_inbox.WixError`.

Their text is fixed per kind of failure: it never quotes the body, the key or a claim value, so
logging a rejected delivery cannot leak an event's content or the key.
"""

from __future__ import annotations

from .._exceptions import WixError

__all__ = ["WebhookError", "WebhookPayloadError", "WebhookVerificationError"]


class WebhookError(WixError):
    """Base class of the webhook errors. ``reason`` is a short fixed code such as ``expired``."""

    def __init__(self, message: str, reason: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason

    def __reduce__(self) -> tuple[type[WebhookError], tuple[str, str]]:
        return (type(self), (self.message, self.reason))


class WebhookVerificationError(WebhookError):
    """The body is not a token Wix signed for this key: bad signature, not a JWS, an algorithm
    other than RS256, expired or not yet valid. Answer 400 and do not process it."""


class WebhookPayloadError(WebhookError):
    """The signature is good, but a layer inside is not the JSON Wix sends (a claim that is not
    text, an envelope or event that is not a JSON object, a payload of the wrong shape)."""
