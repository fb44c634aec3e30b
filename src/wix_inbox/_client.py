"""``InboxClient`` and ``AsyncInboxClient``.

Both share :class:`_BaseClient` (credentials, environment, options, repr) and the request loop
in :mod:`wix_inbox._core`; they differ only in the HTTP client they hold and in how they drive
the loop.
"""

from __future__ import annotations

import contextlib
import os
import threading
import weakref
from collections.abc import Callable
from http.cookiejar import Cookie, CookieJar
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Self, TypeVar

import attrs
import httpx

from ._auth import AppAuth, Auth, make_app_auth, make_static_auth
from ._auth import secrets_of as _secrets
from ._core import ApiCall, ClientCore, TokenGate, run_async, run_sync
from ._exceptions import APIConnectionError, ClientClosedError, InvalidArgumentError, WixError
from ._loops import LoopState, LoopStates, close_soon
from ._ratelimit import RateLimiter, RateLimitOption, resolve_rate_limit
from ._resources import AsyncConversations, AsyncMessages, Conversations, Messages
from ._retry import RetryPolicy
from ._transport import DEFAULT_MAX_RESPONSE_BYTES, install_deadline

if TYPE_CHECKING:
    import asyncio  # loaded by the async client when it is made, not by `import wix_inbox`

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_CONCURRENCY",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "AsyncInboxClient",
    "InboxClient",
]

DEFAULT_BASE_URL = "https://www.wixapis.com"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
# Requests one client has on the wire at once; more wait their turn in the client (cheaply, in
# a semaphore), not in httpcore's pool, where every waiting request makes each request's scan of
# the pool longer. The async client splits its connections into small pools (wix_inbox._pool).
DEFAULT_MAX_CONCURRENCY = 20

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
    except (httpx.InvalidURL, TypeError, UnicodeError):  # UnicodeError: a lone surrogate
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


def _max_concurrency(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgumentError(
            f"max_concurrency must be a whole number >= 1 or None, got {value!r}"
        )
    return value


def _max_retries(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidArgumentError(f"max_retries must be a whole number >= 0, got {value!r}")
    return value


def _limits(concurrency: int | None) -> httpx.Limits:
    """httpx's default pool, but keeping as many idle connections as requests may run at once:
    with fewer, httpcore closes an idle connection whenever the pool holds more than the
    keep-alive limit, and a fan-out opens a new connection for most requests."""
    if concurrency is None:
        return httpx.Limits(max_connections=100, max_keepalive_connections=20)
    return httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)


def _max_response_bytes(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgumentError(
            f"max_response_bytes must be a whole number of bytes >= 1, got {value!r}"
        )
    return value


class _NoCookieJar(CookieJar):
    """Keeps no cookie: Wix's API does not use them, and a server sending many would otherwise
    grow the jar (and every later request's Cookie header) without bound."""

    def set_cookie(self, cookie: Cookie) -> None:
        pass

    def extract_cookies(self, response: Any, request: Any) -> None:
        pass


# Held while a forked child makes a client's pool anew (_BaseClient._renew_after_fork). Made
# anew in every child: a fork while another thread held it would leave it held for good.
_after_fork_lock = threading.Lock()


def _new_after_fork_lock() -> None:
    global _after_fork_lock
    _after_fork_lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # POSIX; elsewhere there is no fork
    os.register_at_fork(after_in_child=_new_after_fork_lock)


class _Pool(Generic[HttpT]):
    """The connections of a client and its ``with_options`` copies, and their token gate.

    Made anew, if the client made it, in a forked child (pooled sockets are shared with the
    parent after ``os.fork()``: answers would cross). Async, each event loop has its own
    (``loops``, see :mod:`wix_inbox._loops`); the first loop to call takes the one made with
    the client. Never reused once closed.
    """

    def __init__(
        self, http: HttpT, owns: bool, gate: TokenGate, concurrency: int | None, slots: Any
    ) -> None:
        self.http: HttpT = http
        self.owns = owns
        self.gate = gate
        self.concurrency = concurrency
        # bounds requests on the wire: threading/asyncio BoundedSemaphore, or a null context
        self.slots = slots
        self.pid = os.getpid()
        self.loops = LoopStates()  # async only
        self.closed = False

    def is_closed(self) -> bool:
        """For the request loop: a call retrying stops once the client is closed, even if
        the ``http_client`` (the user's) stays open."""
        return self.closed


class _BaseClient(Generic[HttpT]):
    """What the sync and async clients have in common: everything but the I/O."""

    _core: ClientCore
    _pool: _Pool[HttpT]
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
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_concurrency: int | None = DEFAULT_MAX_CONCURRENCY,
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
        self._setup(
            auth,
            base_url,
            timeout,
            max_retries,
            http_client,
            max_response_bytes,
            max_concurrency,
            rate_limit,
        )

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
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_concurrency: int | None = DEFAULT_MAX_CONCURRENCY,
        rate_limit: RateLimitOption = "auto",
    ) -> Self:
        """A client that authenticates as an app installed on a site (OAuth client credentials).

        The access token is fetched on first use, cached, refreshed shortly before it expires,
        and fetched anew once if Wix answers 401.
        """
        client = cls.__new__(cls)
        auth = make_app_auth(app_id, app_secret, instance_id)
        client._setup(
            auth,
            base_url,
            timeout,
            max_retries,
            http_client,
            max_response_bytes,
            max_concurrency,
            rate_limit,
        )
        return client

    def _setup(
        self,
        auth: Auth,
        base_url: str | None,
        timeout: float | httpx.Timeout,
        max_retries: int,
        http_client: HttpT | None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_concurrency: int | None = DEFAULT_MAX_CONCURRENCY,
        rate_limit: RateLimitOption = "auto",
    ) -> None:
        """``max_concurrency``: requests on the wire at once (None: no bound); a client it
        creates keeps that many connections, so none is opened and closed per request."""
        url = _base_url(base_url)
        self._core = ClientCore(
            base_url=url,
            auth=auth,
            timeout=_timeout(timeout),
            retry=RetryPolicy(max_retries=_max_retries(max_retries)),
            max_response_bytes=_max_response_bytes(max_response_bytes),
            limiter=RateLimiter(resolve_rate_limit(rate_limit, url)),
        )
        if http_client is not None and not isinstance(http_client, self._http_type):
            # Else the first call failed with AttributeError (or TypeError, for an
            # httpx.AsyncClient given to the sync client and vice versa).
            raise InvalidArgumentError(
                f"http_client must be an {self._http_type.__module__}."
                f"{self._http_type.__qualname__}, got {type(http_client).__name__}"
            )
        concurrency = _max_concurrency(max_concurrency)
        http = http_client if http_client is not None else self._new_http(concurrency)
        self._pool = _Pool(
            http, http_client is None, self._new_gate(), concurrency, self._new_slots(concurrency)
        )
        self._init_resources()

    @property
    def _http(self) -> HttpT:
        return self._pool.http

    def _new_http(self, concurrency: int | None) -> HttpT:
        raise NotImplementedError

    def _new_slots(self, concurrency: int | None) -> Any:
        raise NotImplementedError

    def _new_gate(self) -> TokenGate:
        raise NotImplementedError

    def _usable_http(self) -> HttpT:
        """The pool to send with: refuses a closed client; after a fork, a pool of this process
        (see :class:`_Pool`)."""
        pool = self._pool
        if pool.closed:
            raise ClientClosedError(f"this {type(self).__name__} is closed: make a new one")
        if pool.pid != os.getpid():
            with _after_fork_lock:  # threads of the child making their first calls at once
                if pool.pid != os.getpid():
                    self._renew_after_fork(pool)
        return pool.http

    def _renew_after_fork(self, pool: _Pool[HttpT]) -> None:
        """A pool of this process, made once: the parent's is left alone (it is still the
        parent's). Two threads doing this at once made two, and the second replaced what the
        first had already given its event loop (two states for one loop, sockets never
        closed): hence the lock and the second look at the pid."""
        if not pool.owns:
            raise ClientClosedError(
                "this client was made in another process (before os.fork()) with an "
                "http_client of that process, whose pooled connections the two processes "
                "would share: make the client (and its http_client) in this process"
            )
        pool.http = self._new_http(pool.concurrency)
        pool.gate = self._new_gate()
        pool.slots = self._new_slots(pool.concurrency)
        pool.loops = LoopStates()  # the parent's loops' are the parent's
        if isinstance(self._core.auth, AppAuth):
            self._core.auth.after_fork()
        pool.pid = os.getpid()  # last: another thread waits for the pool to be whole

    def _builder(self, http: HttpT) -> Callable[..., httpx.Request]:
        """How requests are made: through a user's ``http_client`` (its default headers, params
        and cookies apply); directly for the client's own pool, which has none of these
        (``build_request`` would cost ~50 µs a request for nothing)."""
        return httpx.Request if self._pool.owns else http.build_request

    def _drive_options(
        self, local: LoopState | None = None
    ) -> tuple[Any, Any, int, Callable[[], bool]]:
        """What both drivers take besides the flow and the HTTP client: the token gate, the
        concurrency slots, the body cap and the closed check of this client's pool (the gate
        and slots of ``local``, the running loop's, for the async client)."""
        pool = self._pool
        held: LoopState | _Pool[HttpT] = local if local is not None else pool
        return held.gate, held.slots, self._core.max_response_bytes, pool.is_closed

    def _redact(self, error: WixError) -> None:
        error._redact(_secrets(self._core.auth))

    def _init_resources(self) -> None:
        raise NotImplementedError

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        max_response_bytes: int | None = None,
    ) -> Self:
        """A copy with other options that shares this client's connections, token and rate
        limiter (its calls count against the same budget and pause on the same 429s). It is
        closed with the original, which closes the shared pool."""
        changes: dict[str, Any] = {}
        if timeout is not None:
            changes["timeout"] = _timeout(timeout)
        if max_retries is not None:
            changes["retry"] = attrs.evolve(self._core.retry, max_retries=_max_retries(max_retries))
        if max_response_bytes is not None:
            changes["max_response_bytes"] = _max_response_bytes(max_response_bytes)
        copy = self.__class__.__new__(self.__class__)
        copy._core = attrs.evolve(self._core, **changes)
        copy._pool = self._pool  # connections, token gate and closed state are shared
        copy._copy = True
        copy._init_resources()
        return copy

    # A with_options copy does not close the shared pool; the original does.
    _copy = False

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

    ``timeout`` bounds each attempt as a whole (connect, send, the complete answer) by its
    largest part, besides each read; ``max_response_bytes`` caps a decoded answer. See the
    README's "Guarantees".

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

    def _new_http(self, concurrency: int | None) -> httpx.Client:
        http = httpx.Client(
            timeout=self._core.timeout,
            follow_redirects=False,
            cookies=_NoCookieJar(),
            limits=_limits(concurrency),
        )
        install_deadline(http)
        return http

    def _new_gate(self) -> TokenGate:
        return TokenGate(threading.Lock())

    def _new_slots(self, concurrency: int | None) -> Any:
        return threading.BoundedSemaphore(concurrency) if concurrency else contextlib.nullcontext()

    def _init_resources(self) -> None:
        self.conversations = Conversations(self)
        self.messages = Messages(self)

    def _execute(self, call: ApiCall[T], timeout: float | httpx.Timeout | None) -> T:
        http = self._usable_http()
        flow = self._core.request(call, self._call_timeout(timeout), self._builder(http))
        try:
            return run_sync(flow, http, *self._drive_options())
        except WixError as error:
            self._redact(error)
            raise

    def close(self) -> None:
        """Close the connection pool (unless it was passed in as ``http_client``); later calls
        raise :class:`ClientClosedError`. On a ``with_options`` copy: nothing (the original
        owns the pool)."""
        if self._copy:
            return
        self._pool.closed = True
        if self._pool.owns:
            self._pool.http.close()

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

    def _new_http(self, concurrency: int | None) -> httpx.AsyncClient:
        if concurrency is None:
            return httpx.AsyncClient(
                timeout=self._core.timeout, follow_redirects=False, cookies=_NoCookieJar()
            )
        from ._pool import ShardedTransport  # why: see its docstring

        return httpx.AsyncClient(
            timeout=self._core.timeout,
            follow_redirects=False,
            cookies=_NoCookieJar(),
            transport=ShardedTransport(concurrency),
        )

    def _new_gate(self) -> TokenGate:
        import asyncio

        return TokenGate(asyncio.Lock())

    def _new_slots(self, concurrency: int | None) -> Any:
        import asyncio

        return asyncio.BoundedSemaphore(concurrency) if concurrency else contextlib.nullcontext()

    @property
    def _http(self) -> httpx.AsyncClient:
        """The running loop's HTTP client (outside a loop, or before its first call: the one
        made with the client, which the first loop to call takes)."""
        import asyncio

        with contextlib.suppress(RuntimeError):  # no running loop
            state = self._pool.loops.get(asyncio.get_running_loop())
            if state is not None:
                return state.http
        return self._pool.http

    def _loop_state(self) -> LoopState:
        """:meth:`_usable_http`, and the running event loop's connections, gate and slots
        (see :mod:`wix_inbox._loops`): made on the loop's first call, never replaced while the
        loop runs, whatever other loops (in other threads) use the client meanwhile. Not a
        coroutine: awaiting one costs every call ~0.2 us, and only a loop's first call has
        something to await (:meth:`_execute`)."""
        self._usable_http()
        import asyncio

        loop = asyncio.get_running_loop()
        loops = self._pool.loops
        last = loops.last  # the lookup without the lock, inline: this runs on every call
        state = last[1] if last is not None and last[0] is loop else loops.get(loop)
        if state is None:
            return loops.add(loop, self._new_loop_state)
        if state.spent:
            # Closed by the loop's own shutdown_asyncgens() (see close_at_loop_end), which a
            # program may call while the loop keeps running; the client itself is open (or
            # _usable_http would have refused): the loop gets new connections.
            return loops.add(loop, self._new_loop_state, stale=state)
        return state

    def _new_loop_state(self, loop: asyncio.AbstractEventLoop) -> LoopState:
        pool, loops = self._pool, self._pool.loops
        if not pool.owns:
            # httpx would drive one loop's pooled connections from the other (a request sent
            # on a socket of that loop, then an error, or a call that hangs); the client
            # cannot make the user's anew. Once that loop is closed, its connections went
            # with it and the next loop may use the http_client.
            first = loops.user_loop() if loops.user_loop is not None else None
            if first is not None and first is not loop and not first.is_closed():
                raise ClientClosedError(
                    "this AsyncInboxClient was given an http_client, whose connections belong "
                    "to the event loop that first used it, which is still open: use one "
                    "AsyncInboxClient and http_client per event loop, or let the client make "
                    "its own connections (it makes them per event loop)"
                )
            loops.user_loop = weakref.ref(loop)
        if not loops.taken:  # the first loop takes what was made with the client
            loops.taken = True
            return LoopState(pool.http, pool.gate, pool.slots, owned=pool.owns)
        if not pool.owns:
            http = pool.http
        else:
            try:
                http = self._new_http(pool.concurrency)
            except OSError as error:  # e.g. out of file descriptors, reading the CA bundle
                raise APIConnectionError(
                    f"could not set up connections for this event loop: {error}"
                ) from error
        return LoopState(http, self._new_gate(), self._new_slots(pool.concurrency), pool.owns)

    def _init_resources(self) -> None:
        self.conversations = AsyncConversations(self)
        self.messages = AsyncMessages(self)

    async def _execute(self, call: ApiCall[T], timeout: float | httpx.Timeout | None) -> T:
        local = self._loop_state()
        if local.closer is None and local.owned:  # the loop's first call
            await local.close_at_loop_end()
        flow = self._core.request(call, self._call_timeout(timeout), self._builder(local.http))
        local.active += 1  # the loop's state is not dropped under a call (see _loops)
        try:
            return await run_async(flow, local.http, *self._drive_options(local))
        except WixError as error:
            self._redact(error)
            raise
        finally:
            local.active -= 1

    async def aclose(self) -> None:
        """Close the connection pool (unless it was passed in as ``http_client``); later calls,
        from any event loop, raise :class:`ClientClosedError`. On a ``with_options`` copy:
        nothing (the original owns the pool).

        The running loop's connections are closed before this returns; those of other loops
        still open (other threads) are closed by their own loop as soon as it runs, without
        waiting for it (it may be busy or stopped); those of a loop that ``asyncio.run``
        finished were closed when it ended (see :mod:`wix_inbox._loops`)."""
        if self._copy:
            return
        pool = self._pool
        pool.closed = True
        if not pool.owns:
            return
        import asyncio

        try:
            current: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:  # driven by hand, outside any loop: every loop closes its own
            current = None
        mine = [] if pool.loops.taken else [pool.http]  # never used: made with the client
        for loop, state in pool.loops.items():
            if loop is current:
                mine.append(state.http)
            else:
                close_soon(loop, state)
        for http in mine:
            with contextlib.suppress(RuntimeError):  # e.g. a forked child's, of no loop
                await http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
