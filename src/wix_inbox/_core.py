"""The one request loop shared by the sync and the async client.

The loop (auth, token refresh, retries, error mapping, parsing) is written once, as a generator
that *describes* I/O instead of doing it: it yields :class:`Send` ("send this request, give me
the response or the transport error") and :class:`Sleep` ("wait this long"). Two tiny drivers,
:func:`run_sync` and :func:`run_async`, carry those actions out with ``httpx.Client`` /
``time.sleep`` or ``httpx.AsyncClient`` / ``asyncio.sleep``. So sync and async cannot drift
apart: there is no second copy of the logic to drift.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import time
from collections.abc import Callable, Generator, Mapping
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from typing import Any, Generic, TypeAlias, TypeVar

import attrs
import httpx

from ._auth import TOKEN_PATH, AppAuth, Auth
from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    ClientClosedError,
    InvalidArgumentError,
    UnexpectedResponseError,
    WixError,
    status_error_from_response,
)
from ._logs import traced
from ._ratelimit import CallPauses, RateLimiter, Slot
from ._retry import RetryPolicy
from ._transport import (
    ACCEPT_ENCODING,
    DEFAULT_MAX_RESPONSE_BYTES,
    adrop_connection,
    drop_connection,
    send_async,
    send_sync,
)
from ._version import __version__

__all__ = [
    "ApiCall",
    "ClientCore",
    "RefreshToken",
    "Send",
    "Sleep",
    "TokenGate",
    "run_async",
    "run_sync",
]

log = logging.getLogger("wix_inbox")

T = TypeVar("T")

USER_AGENT = f"wix-inbox-client/{__version__} (python)"


@attrs.frozen
class Send:
    """Action: send ``request``; the driver answers with the response or the httpx error."""

    request: httpx.Request


@attrs.frozen
class Sleep:
    """Action: wait ``seconds`` before going on."""

    seconds: float


@attrs.frozen
class RefreshToken:
    """Action: run ``flow`` (a token fetch) while holding the client's token gate, unless
    ``needed()`` turned false while waiting, because a concurrent call already refreshed it.
    This keeps ten concurrent first calls of an app client to a single token request."""

    flow: Callable[[], Generator[Any, Any, None]]
    needed: Callable[[], bool]


Action: TypeAlias = Send | Sleep | RefreshToken
Flow: TypeAlias = Generator[Action, Any, T]


@attrs.frozen
class ApiCall(Generic[T]):
    """One API request as data: what to send, whether repeating it is safe, how to parse it."""

    method: str
    path: str
    parse: Callable[[Mapping[str, Any]], T]
    params: tuple[tuple[str, str], ...] = ()
    body: Mapping[str, Any] | None = None
    # True when sending twice cannot do harm (reads, get-or-create). Decides retry rules.
    idempotent: bool = True
    authenticated: bool = True
    name: str = ""
    # components/schemas name a 200 body must have the shape of (checked before parsing).
    response_schema: str | None = None


@attrs.frozen
class ClientCore:
    """Configuration of a client plus the request loop that uses it."""

    base_url: httpx.URL
    auth: Auth
    timeout: httpx.Timeout
    retry: RetryPolicy
    # Largest decoded response body read (the driver enforces it; see _transport).
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    # Shared by the with_options copies (attrs.evolve keeps the same object): one budget.
    limiter: RateLimiter = attrs.field(factory=lambda: RateLimiter(None), eq=False)
    # The URL of each path, built once (httpx parses and checks a URL on every copy_with).
    _urls: dict[str, httpx.URL] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def request(
        self,
        call: ApiCall[T],
        timeout: httpx.Timeout | None = None,
        build: Callable[..., httpx.Request] = httpx.Request,
    ) -> Flow[T]:
        """Send ``call`` until it succeeds or fails for good; returns ``call.parse(body)``.

        ``build`` makes the request: the ``build_request`` of the client's ``httpx`` client, so
        its default headers and other settings apply."""
        timeout = timeout or self.timeout
        retry_number = 0
        refreshed = False
        pauses = CallPauses()
        while True:
            headers = {
                "User-Agent": USER_AGENT,
                "Accept": "application/json",
                "Accept-Encoding": ACCEPT_ENCODING,
            }
            if call.authenticated:
                if self.auth.needs_token:
                    yield RefreshToken(
                        flow=lambda: self._fetch_token(timeout, build),
                        needed=lambda: self.auth.needs_token,
                    )
                headers.update(self.auth.headers())
            # The client's rate window and any 429 pause. The slot is taken last, so that only
            # the Send below can hold it (a failed token fetch must not leak one).
            slot = yield from self._acquire(pauses)
            try:
                outcome = yield from traced(
                    Send(self._build(call, headers, timeout, build)), self.auth
                )
            finally:
                self.limiter.release(slot)
            if isinstance(outcome, httpx.HTTPError):
                delay = self.retry.delay_after_error(
                    outcome, retry_number=retry_number, idempotent=call.idempotent
                )
                if delay is None:
                    error = _connection_error(outcome)
                    if isinstance(outcome, httpx.LocalProtocolError):
                        raise error from None  # its text may quote our headers: credentials
                    raise error from outcome
                reason = type(outcome).__name__
            else:
                response: httpx.Response = outcome
                if response.status_code == 200:
                    return _parse(call, response)
                if response.status_code == 429:
                    # Unprocessed, so safe to repeat (even a send); not counted in max_retries.
                    delay = self.retry.delay_after_429(
                        response, count=pauses.count, waited=pauses.waited
                    )
                    if delay is None:
                        raise status_error_from_response(response)
                    log.warning(
                        "Retrying %s after status 429 (not counted in max_retries): every call "
                        "of this client pauses %.2f s",
                        call.name,
                        delay,
                    )
                    yield Sleep(self.limiter.pause(delay, pauses))
                    continue
                if (
                    response.status_code == 401
                    and call.authenticated
                    and not refreshed
                    and self.auth.invalidate(headers.get("Authorization", ""))
                ):
                    # An app token may have been revoked or expired early: fetch one anew, once.
                    refreshed = True
                    log.info("%s got 401; fetching a new access token", call.name)
                    continue
                delay = self.retry.delay_after_status(
                    response, retry_number=retry_number, idempotent=call.idempotent
                )
                if delay is None:
                    raise status_error_from_response(response)
                reason = f"status {response.status_code}"
            retry_number += 1
            log.warning(
                "Retrying %s (retry %d of %d) in %.2f s after %s",
                call.name,
                retry_number,
                self.retry.max_retries,
                delay,
                reason,
            )
            yield Sleep(delay)

    def _acquire(self, pauses: CallPauses) -> Flow[Slot]:
        """A slot in the client's rate window, after sleeping (as Sleep actions) as needed."""
        while True:
            got = self.limiter.acquire(pauses)
            if isinstance(got, Slot):
                return got
            if got.pause_until is not None:
                pauses.slept_through = got.pause_until
                pauses.waited += got.seconds
            yield Sleep(got.seconds)

    def _fetch_token(
        self, timeout: httpx.Timeout, build: Callable[..., httpx.Request] = httpx.Request
    ) -> Flow[None]:
        auth = self.auth
        assert isinstance(auth, AppAuth)
        call: ApiCall[Mapping[str, Any]] = ApiCall(
            "POST",
            TOKEN_PATH,
            parse=_as_mapping,
            body=auth.token_request_body(),
            authenticated=False,
            name="token",
        )
        body = yield from self.request(call, timeout, build)
        auth.store_token(body)

    def _build(
        self,
        call: ApiCall[Any],
        headers: dict[str, str],
        timeout: httpx.Timeout,
        build: Callable[..., httpx.Request] = httpx.Request,
    ) -> httpx.Request:
        url = self._urls.get(call.path)
        if url is None:
            url = self.base_url.copy_with(path=self.base_url.path.rstrip("/") + call.path)
            if len(self._urls) < 64:  # the API's paths: a handful
                self._urls[call.path] = url
        try:
            return build(
                call.method,
                url,
                params=call.params or None,
                json=call.body,
                headers=headers,
                extensions={"timeout": timeout.as_dict()},
            )
        except (httpx.InvalidURL, ValueError, TypeError, UnicodeEncodeError):
            # What the arguments' checks let through but cannot be sent: a URL too long once
            # percent-encoded, a NaN in a body... The text is not echoed (it may quote values).
            raise InvalidArgumentError(
                f"{call.name or call.path}: the request cannot be encoded for sending "
                "(a value too long once encoded, or not representable in JSON)"
            ) from None


def _as_mapping(body: Mapping[str, Any]) -> Mapping[str, Any]:
    return body


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):  # 1e999999: JSON, but no number we can send back
        raise ValueError("a number out of range")
    return value


def _parse(call: ApiCall[T], response: httpx.Response) -> T:
    # Decoding and parsing a page builds a few thousand objects and no reference cycle; the
    # cyclic GC would walk them (and, on its full passes, the whole heap) several times per
    # page for nothing. Pause it for the parse only (about a millisecond, no I/O, no await);
    # refcounting frees garbage as usual. The switch is process-wide: a GC the caller turned
    # off stays off, and another thread parsing at the same time just finds it paused.
    if not gc.isenabled():
        return _parse_body(call, response)
    gc.disable()
    try:
        return _parse_body(call, response)
    finally:
        gc.enable()


def _parse_body(call: ApiCall[T], response: httpx.Response) -> T:
    try:
        # Strict JSON: NaN / Infinity (Python's extensions) and numbers too large for a float
        # are refused, else they would be stored and fail when sent back.
        body = json.loads(response.content, parse_constant=_no_constant, parse_float=_finite_float)
    except (ValueError, UnicodeDecodeError, RecursionError):  # nested past ~1000 levels
        raise UnexpectedResponseError(
            f"{call.name}: the 200 response is not JSON", response=response
        ) from None
    if not isinstance(body, dict):
        raise UnexpectedResponseError(
            f"{call.name}: the 200 response is not a JSON object", response=response
        )
    if call.response_schema is not None:
        from ._openapi import spec  # the validator engine loads with the first response

        problems = spec().shape_errors(call.response_schema, body)
        if problems:
            raise UnexpectedResponseError(
                f"{call.name}: the 200 response does not have the documented shape: "
                + "; ".join(problems),
                response=response,
            )
    try:
        return call.parse(body)
    except UnexpectedResponseError as exc:
        if exc.response is not None:
            raise
        raise UnexpectedResponseError(f"{call.name}: {exc.message}", response=response) from None
    except WixError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UnexpectedResponseError(
            f"{call.name}: the 200 response does not match the documented shape ({exc})",
            response=response,
        ) from None


def _connection_error(error: httpx.HTTPError) -> APIConnectionError:
    request = _request_of(error)
    what = f"{request.method} {request.url.path}" if request is not None else "request"
    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(f"{what} timed out ({type(error).__name__})", request=request)
    if isinstance(error, httpx.LocalProtocolError):
        # h11 quotes the offending header in its text ("Illegal header value b'...'"), and our
        # headers carry the API key or token: name the failure only, never its text.
        return APIConnectionError(
            f"{what} failed: LocalProtocolError (the request could not be written)",
            request=request,
        )
    return APIConnectionError(f"{what} failed: {type(error).__name__}: {error}", request=request)


def _request_of(error: httpx.HTTPError) -> httpx.Request | None:
    try:
        return error.request
    except RuntimeError:
        return None


# Errors a driver hands back to the flow instead of raising. InvalidURL and friends are not
# HTTPError subclasses in httpx but mean the same to a caller: no response.
_TRANSPORT_ERRORS = (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)


class TokenGate:
    """Serialises token fetches, and shares each fetch's outcome with the callers that waited
    for it: when the token endpoint is down, ten concurrent calls make one (retrying) fetch and
    all fail with its error, instead of queueing to run ten fetches one after the other."""

    def __init__(self, lock: Any) -> None:
        self.lock = lock  # threading.Lock (sync) or asyncio.Lock (async)
        self.fetches = 0  # fetches finished so far
        self.failure: WixError | None = None  # the error of the last one, if it failed

    def shared_failure(self, fetches_seen: int) -> WixError | None:
        """The failure of a fetch that finished while the caller waited, if it failed."""
        return self.failure if self.fetches != fetches_seen else None

    def finished(self, failure: WixError | None) -> None:
        self.failure = failure
        self.fetches += 1


def _closed_error(
    http: httpx.Client | httpx.AsyncClient, closed: bool = False
) -> ClientClosedError:
    return ClientClosedError(
        "the client is closed"
        + ("" if closed or http.is_closed else " or cannot be used here")
        + ": make a new one"
    )


def run_sync(
    flow: Flow[T],
    http: httpx.Client,
    gate: TokenGate,
    slots: AbstractContextManager[Any] | None = None,
    max_bytes: int = 0,
    closed: Callable[[], bool] = bool,
) -> T:
    """Drive ``flow`` with blocking I/O. ``gate`` serialises token refreshes; ``slots`` (a
    semaphore) bounds the requests on the wire; ``max_bytes`` caps a response body (0: the
    default cap); ``closed()`` tells that the client was closed (checked before each send and
    after each sleep, so a call retrying stops with ClientClosedError).

    However the drive ends (an error of the driver, KeyboardInterrupt...), the flow is closed,
    so its ``finally`` blocks run now: else a caller keeping the error alive would keep the
    flow, and its rate limiter slot, alive with it."""
    try:
        return _drive_sync(flow, http, gate, slots, max_bytes, closed)
    finally:
        flow.close()


def _drive_sync(
    flow: Flow[T],
    http: httpx.Client,
    gate: TokenGate,
    slots: AbstractContextManager[Any] | None,
    max_bytes: int,
    closed: Callable[[], bool],
) -> T:
    slots = slots or contextlib.nullcontext()
    max_bytes = max_bytes or DEFAULT_MAX_RESPONSE_BYTES
    outcome: Any = None
    response: httpx.Response | None = None
    while True:
        try:
            action = flow.send(outcome)
        except UnexpectedResponseError:
            if response is not None:
                drop_connection(response)  # a server that answers the wrong question
            raise
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        outcome = response = None
        if isinstance(action, Sleep):
            time.sleep(action.seconds)
            if closed():
                raise _closed_error(http, closed=True)
        elif isinstance(action, RefreshToken):
            seen = gate.fetches
            with gate.lock:
                failure = gate.shared_failure(seen)
                if failure is not None:
                    raise failure
                if action.needed():
                    try:
                        run_sync(action.flow(), http, gate, slots, max_bytes, closed)
                    except WixError as error:
                        gate.finished(error)
                        raise
                    gate.finished(None)
        else:
            if http.is_closed or closed():  # (run_sync/run_async close the flow)
                raise _closed_error(http, closed=closed())
            try:
                with slots:
                    outcome = response = send_sync(http, action.request, max_bytes)
            except _TRANSPORT_ERRORS as error:
                outcome = _as_http_error(error, action.request)
            except RuntimeError:  # httpx: "the client has been closed" (maybe by another thread)
                raise _closed_error(http) from None


async def run_async(
    flow: Flow[T],
    http: httpx.AsyncClient,
    gate: TokenGate,
    slots: AbstractAsyncContextManager[Any] | None = None,
    max_bytes: int = 0,
    closed: Callable[[], bool] = bool,
) -> T:
    """Drive ``flow`` with asyncio I/O; the arguments are those of :func:`run_sync`, and so
    is the closing of the flow however the drive ends (here also: the task cancelled)."""
    try:
        return await _drive_async(flow, http, gate, slots, max_bytes, closed)
    finally:
        flow.close()


async def _drive_async(
    flow: Flow[T],
    http: httpx.AsyncClient,
    gate: TokenGate,
    slots: AbstractAsyncContextManager[Any] | None,
    max_bytes: int,
    closed: Callable[[], bool],
) -> T:
    slots = slots or contextlib.nullcontext()
    max_bytes = max_bytes or DEFAULT_MAX_RESPONSE_BYTES
    outcome: Any = None
    response: httpx.Response | None = None
    while True:
        try:
            action = flow.send(outcome)
        except UnexpectedResponseError:
            if response is not None:
                await adrop_connection(response)
            raise
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        outcome = response = None
        if isinstance(action, Sleep):
            await _asyncio().sleep(action.seconds)
            if closed():
                raise _closed_error(http, closed=True)
        elif isinstance(action, RefreshToken):
            seen = gate.fetches
            async with gate.lock:
                failure = gate.shared_failure(seen)
                if failure is not None:
                    raise failure
                if action.needed():
                    try:
                        await run_async(action.flow(), http, gate, slots, max_bytes, closed)
                    except WixError as error:
                        gate.finished(error)
                        raise
                    gate.finished(None)
        else:
            if http.is_closed or closed():  # (run_sync/run_async close the flow)
                raise _closed_error(http, closed=closed())
            try:
                async with slots:
                    outcome = response = await send_async(http, action.request, max_bytes)
            except _TRANSPORT_ERRORS as error:
                outcome = _as_http_error(error, action.request)
            except RuntimeError:  # a closed client, or connections of a closed event loop
                raise _closed_error(http) from None


def _asyncio() -> Any:
    """asyncio, imported by the first async sleep (a sync program never loads it). A module
    global ``asyncio`` wins: the tests put a sleep recorder there."""
    found = globals().get("asyncio")
    if found is None:
        import asyncio

        found = asyncio
    return found


def _as_http_error(error: Exception, request: httpx.Request) -> httpx.HTTPError:
    if isinstance(error, httpx.HTTPError):
        return error
    wrapped = httpx.TransportError(str(error))
    wrapped.request = request
    return wrapped
