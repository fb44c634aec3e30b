"""``InboxClient`` and ``AsyncInboxClient``.

Both share :class:`_BaseClient` (credentials, environment, options, repr) and the request loop
in :mod:`wix_inbox._core`; they differ only in the HTTP client they hold and in how they drive
the loop.
"""

from __future__ import annotations

import asyncio
import os
import threading
from types import TracebackType
from typing import Any, ClassVar, Generic, Self, TypeVar

import attrs
import httpx

from ._auth import Auth, make_app_auth, make_static_auth
from ._core import ApiCall, ClientCore, run_async, run_sync
from ._exceptions import InvalidArgumentError
from ._ratelimit import RateLimiter, RateLimitOption, resolve_rate_limit
from ._resources import AsyncConversations, AsyncMessages, Conversations, Messages
from ._retry import RetryPolicy

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_TIMEOUT", "AsyncInboxClient", "InboxClient"]

DEFAULT_BASE_URL = "https://www.wixapis.com"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)

T = TypeVar("T")
HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)


# Longer waits are refused: NaN, inf and values past ~1e10 s make the socket layer raise
# ValueError / OverflowError mid-request (sync) or never time out (async). No limit at all is
# httpx.Timeout(None).
_MAX_TIMEOUT = 86_400.0


def _timeout(value: float | httpx.Timeout) -> httpx.Timeout:
    if isinstance(value, httpx.Timeout):
        for name, part in value.as_dict().items():
            if part is not None and not _is_seconds(part):
                raise InvalidArgumentError(
                    f"timeout.{name} must be None or a positive number of seconds "
                    f"(at most {_MAX_TIMEOUT:.0f}), got {part!r}"
                )
        return value
    if not _is_seconds(value):
        raise InvalidArgumentError(
            f"timeout must be a positive number of seconds (at most {_MAX_TIMEOUT:.0f}), "
            f"got {value!r}"
        )
    return httpx.Timeout(float(value), connect=min(float(value), 5.0))


def _is_seconds(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return 0 < float(value) <= _MAX_TIMEOUT  # False for NaN
    except OverflowError:
        return False


def _base_url(value: str | None) -> httpx.URL:
    text = value or os.environ.get("WIX_BASE_URL") or DEFAULT_BASE_URL
    # The value is not echoed: a URL may carry a password.
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, TypeError):
        raise InvalidArgumentError("base_url is not a valid URL") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise InvalidArgumentError(
            "base_url must be an http(s) URL such as https://www.wixapis.com"
        )
    if url.userinfo:
        raise InvalidArgumentError(
            "base_url must not contain a user name or password: pass credentials as api_key=, "
            "access_token= or through InboxClient.for_app(...)"
        )
    return url


def _max_retries(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidArgumentError(f"max_retries must be a whole number >= 0, got {value!r}")
    return value


class _BaseClient(Generic[HttpT]):
    """What the sync and async clients have in common: everything but the I/O."""

    _core: ClientCore
    _http: HttpT
    _owns_http: bool
    _gate: Any  # serialises token refreshes: threading.Lock (sync) or asyncio.Lock (async)
    _http_type: ClassVar[type[httpx.Client] | type[httpx.AsyncClient]]

    def __init__(
        self,
        *,
        api_key: str | None = None,
        site_id: str | None = None,
        account_id: str | None = None,
        access_token: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        http_client: HttpT | None = None,
        rate_limit: RateLimitOption = "auto",
    ) -> None:
        if api_key is None and access_token is None:
            api_key = os.environ.get("WIX_API_KEY")
        if api_key is not None and site_id is None and account_id is None:
            site_id = os.environ.get("WIX_SITE_ID") or None
            account_id = None if site_id else os.environ.get("WIX_ACCOUNT_ID") or None
        auth = make_static_auth(
            api_key=api_key, site_id=site_id, account_id=account_id, access_token=access_token
        )
        self._setup(auth, base_url, timeout, max_retries, http_client, rate_limit)

    @classmethod
    def for_app(
        cls,
        *,
        app_id: str,
        app_secret: str,
        instance_id: str,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        http_client: HttpT | None = None,
        rate_limit: RateLimitOption = "auto",
    ) -> Self:
        """A client that authenticates as an app installed on a site (OAuth client credentials).

        The access token is fetched on first use, cached, refreshed shortly before it expires,
        and fetched anew once if Wix answers 401.
        """
        client = cls.__new__(cls)
        auth = make_app_auth(app_id, app_secret, instance_id)
        client._setup(auth, base_url, timeout, max_retries, http_client, rate_limit)
        return client

    def _setup(
        self,
        auth: Auth,
        base_url: str | None,
        timeout: float | httpx.Timeout,
        max_retries: int,
        http_client: HttpT | None,
        rate_limit: RateLimitOption,
    ) -> None:
        url = _base_url(base_url)
        self._core = ClientCore(
            base_url=url,
            auth=auth,
            timeout=_timeout(timeout),
            retry=RetryPolicy(max_retries=_max_retries(max_retries)),
            limiter=RateLimiter(resolve_rate_limit(rate_limit, url)),
        )
        if http_client is not None and not isinstance(http_client, self._http_type):
            # Else the first call failed with AttributeError (or TypeError, for an
            # httpx.AsyncClient given to the sync client and vice versa).
            raise InvalidArgumentError(
                f"http_client must be an {self._http_type.__module__}."
                f"{self._http_type.__qualname__}, got {type(http_client).__name__}"
            )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else self._new_http()
        self._gate = self._new_gate()
        self._init_resources()

    def _new_http(self) -> HttpT:
        raise NotImplementedError

    def _new_gate(self) -> Any:
        raise NotImplementedError

    def _init_resources(self) -> None:
        raise NotImplementedError

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> Self:
        """A copy with other options that shares this client's connections, token and rate
        limiter (its calls count against the same budget and pause on the same 429s)."""
        changes: dict[str, Any] = {}
        if timeout is not None:
            changes["timeout"] = _timeout(timeout)
        if max_retries is not None:
            changes["retry"] = attrs.evolve(self._core.retry, max_retries=_max_retries(max_retries))
        copy = self.__class__.__new__(self.__class__)
        copy._core = attrs.evolve(self._core, **changes)
        copy._http = self._http
        copy._owns_http = False  # the original closes the shared connection pool
        copy._gate = self._gate  # and the token is shared, so is its refresh
        copy._init_resources()
        return copy

    def _call_timeout(self, timeout: float | httpx.Timeout | None) -> httpx.Timeout | None:
        return None if timeout is None else _timeout(timeout)

    @property
    def base_url(self) -> str:
        return str(self._core.base_url)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, auth={self._core.auth!r})"


class InboxClient(_BaseClient[httpx.Client]):
    """Client for the Wix Inbox REST API.

    ``InboxClient(api_key=..., site_id=...)`` (or ``account_id=``, or ``access_token=``), or
    ``InboxClient.for_app(app_id=..., app_secret=..., instance_id=...)``. Omitted credentials are
    read from ``WIX_API_KEY``, ``WIX_SITE_ID``, ``WIX_ACCOUNT_ID``; the address from
    ``WIX_BASE_URL``. Use it as a context manager, or call :meth:`close`.

    ``rate_limit``: the client keeps its calls (and those of its ``with_options`` copies) under
    ``(requests, seconds)`` in any sliding window. The default ``"auto"`` is Wix's budget,
    ``(200, 60)``, when talking to ``https://www.wixapis.com``, and no limit for any other base
    URL (so tests against ``MockInbox`` run at full speed); ``None`` turns it off. Whatever the
    setting, a 429 pauses every call of the client for the ``Retry-After`` Wix asks (with
    jitter); 429s do not use up ``max_retries`` but at most ``RetryPolicy.rate_limit_budget``
    seconds (120) of waiting per call. A message is still never sent twice.
    """

    conversations: Conversations
    messages: Messages
    _http_type = httpx.Client

    def _new_http(self) -> httpx.Client:
        return httpx.Client(timeout=self._core.timeout, follow_redirects=False)

    def _new_gate(self) -> threading.Lock:
        return threading.Lock()

    def _init_resources(self) -> None:
        self.conversations = Conversations(self)
        self.messages = Messages(self)

    def _execute(self, call: ApiCall[T], timeout: float | httpx.Timeout | None) -> T:
        flow = self._core.request(call, self._call_timeout(timeout))
        return run_sync(flow, self._http, self._gate)

    def close(self) -> None:
        """Close the connection pool (unless it was passed in as ``http_client``)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncInboxClient(_BaseClient[httpx.AsyncClient]):
    """Async client for the Wix Inbox REST API; same surface as :class:`InboxClient`.

    Use it as ``async with AsyncInboxClient(...) as client:``, or call :meth:`aclose`.
    """

    conversations: AsyncConversations
    messages: AsyncMessages
    _http_type = httpx.AsyncClient

    def _new_http(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=self._core.timeout, follow_redirects=False)

    def _new_gate(self) -> asyncio.Lock:
        return asyncio.Lock()

    def _init_resources(self) -> None:
        self.conversations = AsyncConversations(self)
        self.messages = AsyncMessages(self)

    async def _execute(self, call: ApiCall[T], timeout: float | httpx.Timeout | None) -> T:
        flow = self._core.request(call, self._call_timeout(timeout))
        return await run_async(flow, self._http, self._gate)

    async def aclose(self) -> None:
        """Close the connection pool (unless it was passed in as ``http_client``)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
