"""Small public value types of the mock (standard library only)."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any, Literal

import attrs

__all__ = ["AppInstance", "FaultBody", "InjectedFault", "RecordedRequest", "Route", "Site"]

Route = Literal[
    "getConversation", "getOrCreateConversation", "listMessages", "sendMessage", "token"
]
"""A route of the mock: an operationId of the spec, or ``"token"`` for ``POST /oauth2/token``."""

FaultBody = Literal["wix", "empty", "html", "truncated"]
"""What an injected fault answers: a Wix error body, nothing, a proxy's HTML page, or cut JSON."""

ROUTES: tuple[Route, ...] = (
    "getConversation",
    "getOrCreateConversation",
    "listMessages",
    "sendMessage",
    "token",
)


@attrs.frozen
class Site:
    """A Wix site of the mock and the API key that reaches it.

    ``wix_user_id`` is the Wix user who owns the key: messages sent with it carry
    ``sender.wixUserId`` = this id. Sites of one account share the account's key.
    """

    site_id: str
    api_key: str
    account_id: str
    wix_user_id: str
    name: str


@attrs.frozen
class AppInstance:
    """An app registered with the mock and installed on a site (OAuth client credentials)."""

    app_id: str
    app_secret: str
    instance_id: str
    site_id: str


@attrs.frozen
class RecordedRequest:
    """One request the mock received, with secrets masked.

    ``headers`` has lower-case names; ``Authorization`` reads ``"***"``. ``body`` is the parsed
    JSON body (``client_secret`` of a token request reads ``"***"``) or None. ``status`` is the
    status answered, or None when the connection was closed without an answer.
    """

    method: str
    path: str
    route: str | None
    query: Mapping[str, list[str]]
    body: Any
    headers: Mapping[str, str]
    status: int | None
    request_id: str


class InjectedFault:
    """Handle of a fault added with :meth:`MockInbox.inject`.

    ``remaining`` counts the calls still to be hit, ``triggered`` the calls already hit;
    :meth:`cancel` drops the fault before it is used up.
    """

    __slots__ = (
        "_lock",
        "_remaining",
        "_triggered",
        "after_processing",
        "body",
        "code",
        "delay",
        "disconnect",
        "message",
        "retry_after",
        "retry_after_ms",
        "route",
        "status",
    )

    def __init__(
        self,
        route: Route,
        *,
        times: int,
        status: int | None,
        code: str | None,
        message: str | None,
        body: FaultBody,
        retry_after: int | str | None,
        retry_after_ms: int | None,
        delay: float,
        disconnect: bool,
        after_processing: bool,
    ) -> None:
        self._lock = threading.Lock()
        self._remaining = times
        self._triggered = 0
        self.route: Route = route
        self.status = status
        self.code = code
        self.message = message
        self.body: FaultBody = body
        self.retry_after = retry_after
        self.retry_after_ms = retry_after_ms
        self.delay = delay
        self.disconnect = disconnect
        self.after_processing = after_processing

    @property
    def remaining(self) -> int:
        """Calls this fault will still hit."""
        with self._lock:
            return self._remaining

    @property
    def triggered(self) -> int:
        """Calls this fault has hit so far."""
        with self._lock:
            return self._triggered

    def cancel(self) -> None:
        """Stop this fault from hitting any further call."""
        with self._lock:
            self._remaining = 0

    def _take(self) -> bool:
        with self._lock:
            if self._remaining <= 0:
                return False
            self._remaining -= 1
            self._triggered += 1
            return True

    @property
    def passthrough(self) -> bool:
        """True when the fault only adds latency (or headers) to the real answer."""
        return (
            not self.disconnect
            and self.status is None
            and self.code is None
            and self.message is None
            and self.body == "wix"
        )

    def __repr__(self) -> str:
        return (
            f"InjectedFault(route={self.route!r}, remaining={self.remaining}, "
            f"status={self.status!r}, code={self.code!r}, body={self.body!r}, "
            f"disconnect={self.disconnect!r}, delay={self.delay!r}, "
            f"after_processing={self.after_processing!r})"
        )
