"""Credentials, and the headers they turn into.

Three ways to authenticate, as Wix allows: an API key with a site (or account) id, a fixed
access token, or an app's client credentials exchanged for a token at ``POST /oauth2/token``.
Secrets are kept in :class:`Secret`, whose ``repr`` and ``str`` never show the value, so neither
a client's repr nor a traceback can print them.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Mapping
from typing import Any, Protocol

import attrs

from ._exceptions import InvalidArgumentError, UnexpectedResponseError
from ._validation import is_text, require_guid

__all__ = ["AccessTokenAuth", "ApiKeyAuth", "AppAuth", "Auth", "Secret"]

TOKEN_PATH = "/oauth2/token"
# Refresh a token this long before Wix says it expires (capped at a tenth of its lifetime).
_REFRESH_MARGIN_SECONDS = 60.0
# What an HTTP header value can carry (RFC 9110 field-value, ASCII only): visible characters,
# with single spaces or tabs only between them. Anything else is refused by httpx (non-ASCII:
# UnicodeEncodeError) or by h11, whose LocalProtocolError *quotes the value*, secret included.
_HEADER_VALUE = re.compile(r"[\x21-\x7e]+(?:[ \t]+[\x21-\x7e]+)*")


@attrs.frozen(repr=False)
class Secret:
    """A string that does not show itself in reprs, logs or exception text."""

    _value: str = attrs.field(alias="value")

    def reveal(self) -> str:
        """The secret itself, for the one place that must send it."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__


def _check_secret(name: str, value: str, *, header: bool = True) -> Secret:
    """``value`` as a :class:`Secret`; ``header`` when it is sent as a header value (an API key,
    a token), not inside a JSON body (an app secret). Error messages never echo the value."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgumentError(f"{name} must be a non-empty string")
    if any(ch in value for ch in "\r\n\0"):
        raise InvalidArgumentError(f"{name} contains a line break or NUL character")
    if header and _HEADER_VALUE.fullmatch(value) is None:
        raise InvalidArgumentError(
            f"{name} cannot be sent in an HTTP header: it has a control or non-ASCII character, "
            "or leading or trailing whitespace"
        )
    if not header and not is_text(value):
        raise InvalidArgumentError(f"{name} is not valid Unicode text (a lone surrogate)")
    return Secret(value)


class Auth(Protocol):
    """What the request loop needs from a credential."""

    @property
    def needs_token(self) -> bool:
        """True when :meth:`headers` needs a token fetched first."""
        ...

    def headers(self) -> dict[str, str]: ...

    def invalidate(self, sent_authorization: str) -> bool:
        """After a 401 to a request sent with ``sent_authorization``: forget that token if it is
        still the cached one; True if a fresh token can be fetched."""
        ...


@attrs.frozen(repr=False)
class ApiKeyAuth:
    """An API key plus the site (or account) it acts on."""

    api_key: Secret
    site_id: str | None = None
    account_id: str | None = None

    @property
    def needs_token(self) -> bool:
        return False

    def headers(self) -> dict[str, str]:
        headers = {"Authorization": self.api_key.reveal()}
        if self.site_id:
            headers["wix-site-id"] = self.site_id
        if self.account_id:
            headers["wix-account-id"] = self.account_id
        return headers

    def invalidate(self, sent_authorization: str) -> bool:
        return False

    def __repr__(self) -> str:
        where = f"site_id={self.site_id!r}" if self.site_id else f"account_id={self.account_id!r}"
        return f"ApiKeyAuth(api_key=***, {where})"


@attrs.frozen(repr=False)
class AccessTokenAuth:
    """A token obtained elsewhere; it names its site itself."""

    token: Secret

    @property
    def needs_token(self) -> bool:
        return False

    def headers(self) -> dict[str, str]:
        return {"Authorization": self.token.reveal()}

    def invalidate(self, sent_authorization: str) -> bool:
        return False

    def __repr__(self) -> str:
        return "AccessTokenAuth(token=***)"


@attrs.define(repr=False)
class AppAuth:
    """An app's client credentials, exchanged for a cached access token.

    One instance is shared by a client and its ``with_options`` copies, so they share the token.
    """

    app_id: str
    app_secret: Secret
    instance_id: str
    _token: Secret | None = attrs.field(default=None, init=False)
    _refresh_at: float = attrs.field(default=0.0, init=False)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, init=False)

    @property
    def needs_token(self) -> bool:
        with self._lock:
            return self._token is None or time.monotonic() >= self._refresh_at

    def headers(self) -> dict[str, str]:
        with self._lock:
            if self._token is None:
                # Only if another thread dropped the token (after a 401) since this call's
                # refresh: the request goes without it, gets 401 and refreshes once more.
                return {}
            return {"Authorization": self._token.reveal()}

    def invalidate(self, sent_authorization: str) -> bool:
        with self._lock:
            # A concurrent call may have refreshed it already: keep that newer token.
            if self._token is not None and self._token.reveal() == sent_authorization:
                self._token = None
        return True

    def after_fork(self) -> None:
        """In a forked child: a fresh lock (another thread of the parent may have held this one
        at the fork, and would never release it here)."""
        self._lock = threading.Lock()

    def tokens(self) -> list[str]:
        """The cached token, if any (to keep it out of error text)."""
        with self._lock:
            return [self._token.reveal()] if self._token is not None else []

    def token_request_body(self) -> dict[str, Any]:
        return {
            "grant_type": "client_credentials",
            "client_id": self.app_id,
            "client_secret": self.app_secret.reveal(),
            "instance_id": self.instance_id,
        }

    def store_token(self, body: Mapping[str, Any]) -> None:
        """Keep the token of a ``/oauth2/token`` answer until shortly before it expires."""
        token = body.get("access_token")
        expires_in = body.get("expires_in")
        if not isinstance(token, str) or not token:
            raise UnexpectedResponseError("the token response has no access_token")
        if _HEADER_VALUE.fullmatch(token) is None:
            # Not echoed: the value is a secret (and h11 would quote it in its error).
            raise UnexpectedResponseError(
                "the token response has an access_token that cannot be sent in a header"
            )
        if isinstance(expires_in, str) and expires_in.isascii() and expires_in.isdigit():
            expires_in = int(expires_in)
        seconds = _finite_seconds(expires_in)
        if seconds is None or seconds <= 0:
            raise UnexpectedResponseError("the token response has no positive numeric expires_in")
        margin = min(_REFRESH_MARGIN_SECONDS, seconds / 10.0)
        with self._lock:
            self._token = Secret(token)
            self._refresh_at = time.monotonic() + seconds - margin

    def __repr__(self) -> str:
        return f"AppAuth(app_id={self.app_id!r}, app_secret=***, instance_id={self.instance_id!r})"


def _finite_seconds(value: object) -> float | None:
    """``value`` as a finite number of seconds, or None (not a number, NaN, infinite, huge)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    try:
        seconds = float(value)
    except OverflowError:
        return None
    return seconds if math.isfinite(seconds) else None


def make_app_auth(app_id: str, app_secret: str, instance_id: str) -> AppAuth:
    return AppAuth(
        app_id=require_guid("app_id", app_id),
        app_secret=_check_secret("app_secret", app_secret, header=False),
        instance_id=require_guid("instance_id", instance_id),
    )


def make_static_auth(
    *,
    api_key: str | None,
    site_id: str | None,
    account_id: str | None,
    access_token: str | None,
) -> Auth:
    """Pick the credential from the arguments (already merged with the environment)."""
    if access_token is not None:
        if api_key is not None:
            raise InvalidArgumentError("pass api_key or access_token, not both")
        return AccessTokenAuth(_check_secret("access_token", access_token))
    if api_key is None:
        raise InvalidArgumentError(
            "no credentials: pass api_key= with site_id= (or account_id=), access_token=, "
            "use InboxClient.for_app(...), or set WIX_API_KEY and WIX_SITE_ID"
        )
    if site_id and account_id:
        raise InvalidArgumentError("pass site_id or account_id, not both")
    if not site_id and not account_id:
        raise InvalidArgumentError("an API key needs site_id= or account_id= (or WIX_SITE_ID)")
    return ApiKeyAuth(
        api_key=_check_secret("api_key", api_key),
        site_id=require_guid("site_id", site_id) if site_id else None,
        account_id=require_guid("account_id", account_id) if account_id else None,
    )


def secrets_of(auth: object) -> list[str]:
    """The credentials of ``auth`` that no error, log line or repr may show."""
    if isinstance(auth, ApiKeyAuth):
        return [auth.api_key.reveal()]
    if isinstance(auth, AccessTokenAuth):
        return [auth.token.reveal()]
    if isinstance(auth, AppAuth):
        return [auth.app_secret.reveal(), *auth.tokens()]
    return []
