"""One attempt on the wire: an overall deadline, a streamed body, a cap on its decoded size.

httpx bounds each read, not a response: a server that trickles a byte every half second (in the
headers, the body, or as endless ``100 Continue``) keeps a call with ``timeout=1`` alive for as
long as it likes, and a response body is read whole, however large it inflates. Here:

* Each attempt gets a deadline: the largest part of its ``httpx.Timeout`` (``timeout=1`` means
  one second for connecting, sending and reading the whole answer). Async: ``asyncio.timeout``
  around the attempt. Sync: every socket operation of a pool the client made itself waits at most
  until the deadline (:func:`install_deadline`); a pool passed in as ``http_client`` is checked
  between the chunks of the body. Expiry is an ``httpx.ReadTimeout``, so the retry rules of
  timeouts apply (reads are retried, a send is not).
* The body is streamed and decoded here (identity, gzip, deflate: the ``Accept-Encoding`` the
  client sends), in bounded steps, and refused with :class:`UnexpectedResponseError` past
  ``max_bytes`` decoded: an endless body or a gzip bomb costs at most the cap plus one step.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
import zlib
from collections.abc import Iterator
from typing import Any

import httpx

from ._exceptions import UnexpectedResponseError

__all__ = [
    "ACCEPT_ENCODING",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "attempt_seconds",
    "drop_connection",
    "install_deadline",
    "send_async",
    "send_sync",
]

# 64 MiB: a page of 100 messages at their largest is a few MiB.
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
# What the bounded decoder reads; asking for it keeps br/zstd (not decodable in steps) away.
ACCEPT_ENCODING = "gzip, deflate"
# Largest piece one decoding step produces (so a bomb inflates at most this much at a time).
_STEP = 256 * 1024

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "wix_inbox_deadline", default=None
)


def attempt_seconds(request: httpx.Request) -> float | None:
    """The overall limit of one attempt: the largest part of the request's timeout, or None
    (no limit) when any part is None."""
    timeouts = request.extensions.get("timeout") or {}
    parts = [timeouts.get(name) for name in ("connect", "read", "write", "pool")]
    seconds = [float(part) for part in parts if part is not None]
    return max(seconds) if len(seconds) == len(parts) else None


# -- sync: the deadline at the socket -----------------------------------------------------


def install_deadline(http: httpx.Client) -> bool:
    """Make the connection pools of ``http`` (a client this library made) honour the attempt
    deadline. True when every pool was reached (httpx's layout is private, so this checks)."""
    from ._socket_deadline import _DeadlineBackend  # httpcore: loaded with the first sync client

    transports = [http._transport, *http._mounts.values()]
    done = True
    for transport in transports:
        if transport is None:
            continue
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is None:
            done = False
        elif not isinstance(backend, _DeadlineBackend):
            pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]
    return done


def send_sync(http: httpx.Client, request: httpx.Request, max_bytes: int) -> httpx.Response:
    """Send ``request`` and read its whole body, within the deadline and the size cap."""
    seconds = attempt_seconds(request)
    deadline = None if seconds is None else time.monotonic() + seconds
    token = _deadline.set(deadline)
    try:
        response = http.send(request, stream=True, follow_redirects=False)
        try:
            if _already_read(response, max_bytes):  # by a response hook of the user's client
                return response
            body = _Body(response, max_bytes)
            for raw in response.iter_raw():
                body.feed(raw)
                _check_deadline(deadline, request)
            body.finish()
        finally:
            response.close()
    finally:
        _deadline.reset(token)
    response._content = body.content()
    return response


async def send_async(
    http: httpx.AsyncClient, request: httpx.Request, max_bytes: int
) -> httpx.Response:
    """Send ``request`` and read its whole body, within the deadline and the size cap."""
    import asyncio  # here, not at module level: a sync program never loads asyncio

    seconds = attempt_seconds(request)
    try:
        async with asyncio.timeout(seconds):
            response = await http.send(request, stream=True, follow_redirects=False)
            try:
                if _already_read(response, max_bytes):  # by a response hook of the user's client
                    return response
                body = _Body(response, max_bytes)
                async for raw in response.aiter_raw():
                    body.feed(raw)
                body.finish()
            finally:
                await response.aclose()
    except TimeoutError:
        raise httpx.ReadTimeout(
            "the attempt took longer than its deadline", request=request
        ) from None
    response._content = body.content()
    return response


def _already_read(response: httpx.Response, max_bytes: int) -> bool:
    """True when an event hook of the caller's client read the body already (the stream is
    spent then): the cap is checked on what it read."""
    try:
        size = len(response.content)
    except httpx.ResponseNotRead:
        return False
    if size > max_bytes:
        _Body(response, max_bytes)._too_large()
    return True


def _check_deadline(deadline: float | None, request: httpx.Request) -> None:
    if deadline is not None and time.monotonic() >= deadline:
        raise httpx.ReadTimeout("the attempt took longer than its deadline", request=request)


def drop_connection(response: httpx.Response) -> None:
    """Close the connection ``response`` came on, so the pool never reuses it (its server
    answered something other than what was asked: more may be queued on it)."""
    stream = response.extensions.get("network_stream")
    close = getattr(stream, "close", None)
    if close is not None:
        with contextlib.suppress(Exception):  # closing is best effort
            close()


async def adrop_connection(response: httpx.Response) -> None:
    """:func:`drop_connection` for a response of an ``httpx.AsyncClient``."""
    stream = response.extensions.get("network_stream")
    aclose = getattr(stream, "aclose", None)
    if aclose is not None:
        with contextlib.suppress(Exception):  # closing is best effort
            await aclose()


# -- the body -------------------------------------------------------------------------------


class _Body:
    """Decodes a response body in bounded steps and refuses it past ``max_bytes``."""

    def __init__(self, response: httpx.Response, max_bytes: int) -> None:
        self._response = response
        self._max = max_bytes
        self._size = 0
        self._chunks: list[bytes] = []
        length = response.headers.get("content-length", "")
        encodings = [
            e.strip().lower()
            for e in response.headers.get_list("content-encoding", split_commas=True)
            if e.strip().lower() not in ("", "identity")
        ]
        if len(encodings) > 1 or (encodings and encodings[0] not in _DECODERS):
            raise UnexpectedResponseError(
                f"the response uses a content-encoding the client did not ask for: "
                f"{', '.join(encodings)[:100]}",
                response=response,
            )
        self._decoder = _DECODERS[encodings[0]]() if encodings else None
        # An announced length past the cap is refused at once (18 digits: int() stays cheap;
        # httpx itself refuses a malformed one).
        announced = length.isascii() and length.isdigit()
        if not encodings and announced and (len(length) > 18 or int(length) > max_bytes):
            self._too_large()

    def feed(self, raw: bytes) -> None:
        if self._decoder is None:
            self._add(raw)
            return
        try:
            for piece in self._decoder.decode(raw):
                self._add(piece)
        except httpx.DecodingError as error:
            error.request = self._response.request
            raise

    def finish(self) -> None:
        if self._decoder is not None:
            for piece in self._decoder.flush():
                self._add(piece)

    def content(self) -> bytes:
        return b"".join(self._chunks)

    def _add(self, piece: bytes) -> None:
        self._size += len(piece)
        if self._size > self._max:
            self._too_large()
        self._chunks.append(piece)

    def _too_large(self) -> None:
        raise UnexpectedResponseError(
            f"the response body is larger than max_response_bytes ({self._max} bytes decoded); "
            "stopped reading it",
            response=self._response,
        )


class _ZlibDecoder:
    """gzip or deflate (zlib-wrapped or raw, as servers send both), at most ``_STEP`` bytes of
    output per step, so a small compressed chunk cannot inflate into memory all at once."""

    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._zlib: Any = zlib.decompressobj(wbits)
        self._first = True

    def decode(self, data: bytes) -> Iterator[bytes]:
        if self._first and data and self._wbits == zlib.MAX_WBITS:
            self._first = False
            try:  # deflate without the zlib header
                probe = zlib.decompressobj(zlib.MAX_WBITS)
                probe.decompress(data[:2])
            except zlib.error:
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            while data:
                piece = self._zlib.decompress(data, _STEP)
                data = self._zlib.unconsumed_tail
                if piece:
                    yield piece
                if self._zlib.eof:
                    return
        except zlib.error:
            # As httpx reports it: a transport failure (not retried), no response to parse.
            raise httpx.DecodingError("the response body could not be decompressed") from None

    def flush(self) -> Iterator[bytes]:
        try:
            rest = self._zlib.flush()
        except zlib.error:  # pragma: no cover - flush does not fail on bad data
            raise httpx.DecodingError("the response body could not be decompressed") from None
        if rest:
            yield rest


_DECODERS: dict[str, Any] = {
    "gzip": lambda: _ZlibDecoder(zlib.MAX_WBITS | 16),
    "x-gzip": lambda: _ZlibDecoder(zlib.MAX_WBITS | 16),
    "deflate": lambda: _ZlibDecoder(zlib.MAX_WBITS),
}
