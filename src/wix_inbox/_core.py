"""The one request loop shared by the sync and the async client.

The loop (auth, token refresh, retries, error mapping, parsing) is written once, as a generator
that *describes* I/O instead of doing it: it yields :class:`Send` ("send this request, give me
the response or the transport error") and :class:`Sleep` ("wait this long"). Two tiny drivers,
:func:`run_sync` and :func:`run_async`, carry those actions out with ``httpx.Client`` /
``time.sleep`` or ``httpx.AsyncClient`` / ``asyncio.sleep``. So sync and async cannot drift
apart: there is no second copy of the logic to drift.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import Callable, Generator, Mapping
from typing import Any, Generic, TypeAlias, TypeVar

import attrs
import httpx

from ._auth import TOKEN_PATH, AppAuth, Auth
from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    UnexpectedResponseError,
    WixError,
    status_error_from_response,
)
from ._logs import traced
from ._openapi import spec
from ._retry import RetryPolicy
from ._version import __version__

__all__ = ["ApiCall", "ClientCore", "RefreshToken", "Send", "Sleep", "run_async", "run_sync"]

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

    def request(self, call: ApiCall[T], timeout: httpx.Timeout | None = None) -> Flow[T]:
        """Send ``call`` until it succeeds or fails for good; returns ``call.parse(body)``."""
        timeout = timeout or self.timeout
        retry_number = 0
        refreshed = False
        while True:
            headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
            if call.authenticated:
                if self.auth.needs_token:
                    yield RefreshToken(
                        flow=lambda: self._fetch_token(timeout),
                        needed=lambda: self.auth.needs_token,
                    )
                headers.update(self.auth.headers())
            outcome = yield from traced(Send(self._build(call, headers, timeout)))
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

    def _fetch_token(self, timeout: httpx.Timeout) -> Flow[None]:
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
        body = yield from self.request(call, timeout)
        auth.store_token(body)

    def _build(
        self, call: ApiCall[Any], headers: dict[str, str], timeout: httpx.Timeout
    ) -> httpx.Request:
        url = self.base_url.copy_with(path=self.base_url.path.rstrip("/") + call.path)
        return httpx.Request(
            call.method,
            url,
            params=call.params or None,
            json=call.body,
            headers=headers,
            extensions={"timeout": timeout.as_dict()},
        )


def _as_mapping(body: Mapping[str, Any]) -> Mapping[str, Any]:
    return body


def _parse(call: ApiCall[T], response: httpx.Response) -> T:
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError, RecursionError):  # nested past ~1000 levels
        raise UnexpectedResponseError(
            f"{call.name}: the 200 response is not JSON", response=response
        ) from None
    if not isinstance(body, dict):
        raise UnexpectedResponseError(
            f"{call.name}: the 200 response is not a JSON object", response=response
        )
    if call.response_schema is not None:
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


def run_sync(flow: Flow[T], http: httpx.Client, gate: threading.Lock) -> T:
    """Drive ``flow`` with blocking I/O. ``gate`` serialises token refreshes."""
    outcome: Any = None
    while True:
        try:
            action = flow.send(outcome)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        outcome = None
        if isinstance(action, Sleep):
            time.sleep(action.seconds)
        elif isinstance(action, RefreshToken):
            with gate:
                if action.needed():
                    run_sync(action.flow(), http, gate)
        else:
            try:
                outcome = http.send(action.request, follow_redirects=False)
            except _TRANSPORT_ERRORS as error:
                outcome = _as_http_error(error, action.request)


async def run_async(flow: Flow[T], http: httpx.AsyncClient, gate: asyncio.Lock) -> T:
    """Drive ``flow`` with asyncio I/O. ``gate`` serialises token refreshes."""
    outcome: Any = None
    while True:
        try:
            action = flow.send(outcome)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        outcome = None
        if isinstance(action, Sleep):
            await asyncio.sleep(action.seconds)
        elif isinstance(action, RefreshToken):
            async with gate:
                if action.needed():
                    await run_async(action.flow(), http, gate)
        else:
            try:
                outcome = await http.send(action.request, follow_redirects=False)
            except _TRANSPORT_ERRORS as error:
                outcome = _as_http_error(error, action.request)


def _as_http_error(error: Exception, request: httpx.Request) -> httpx.HTTPError:
    if isinstance(error, httpx.HTTPError):
        return error
    wrapped = httpx.TransportError(str(error))
    wrapped.request = request
    return wrapped
