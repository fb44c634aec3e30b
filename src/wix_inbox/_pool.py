"""The async client's connection pool: several small httpcore pools behind one transport.

httpcore's pool does work proportional to its size for every request, several times per
request: it scans every connection, polls each idle one's socket to see if the server closed it,
and for each idle connection counts all of them again. With 20 connections that is ~800 calls
and ~40 ``poll`` system calls per request, so a fan-out of 50 gets *slower* than one of 20 (and
raw httpx tops out near 7x a sequential loop at concurrency 50). Splitting the connections into
shards of :data:`SHARD_SIZE` keeps that work small, and the client's semaphore
(``max_concurrency``) guarantees a shard with a free connection, so no request ever waits inside
httpcore (where each waiting request adds its own scan). Each request goes to the first shard
with a free connection: a modest fan-out stays in one pool (spreading ten requests over five
pools measured 4-9 % slower than one pool, for no CPU gain), a sequential caller reuses one
connection.

Cancellation never reaches httpcore. httpcore 1.0's pool leaves a connection stuck for good when a
request is cancelled at some points (encode/httpcore#1093, #830, #658: a connection created for
a request cancelled before it connected, or a second cancellation landing in the "shielded"
close); with small pools a burst of ``wait_for`` timeouts could stick a whole shard while its
busy counter looked clean, and later calls timed out against a healthy server. So each request
runs in a task of its own (:class:`_Exchange`) that sends it, reads the body and closes it; the
caller only waits for what that task hands over. A cancelled caller gets its ``CancelledError``
(at once, or after the few steps of closing a connection); the task stops its request the way
httpcore supports (see :class:`_Exchange`) or lets it finish within its own timeouts, closes the
response and only then frees the shard's slot. One task per request rather than one per
step (request, each read, close) behind ``asyncio.shield``: same protection, a third of the tasks.
Same-process A/B against the unprotected transport (1,000 gets, 20 ms server): wall time
0.99-1.03x at concurrency 10/20/50 (18.7x sequential at 50), client CPU per request 0.98-1.13x.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import ssl
from collections.abc import AsyncIterator
from types import TracebackType
from typing import Any

import anyio
import httpx

__all__ = ["SHARD_SIZE", "ShardedTransport"]

# Connections per shard. Measured (bench/README.md, 1,000 gets at concurrency 50, bound 20,
# first free shard): client CPU per request ~0.8 ms with shards of 2, 5 or 10, against 2.3 with
# one pool of 20 and 2.5-2.6 for raw httpx's default pool; at concurrency 10, shards of 10 match
# raw httpx where shards of 2 or 5 were slower.
SHARD_SIZE = 10


class ShardedTransport(httpx.AsyncBaseTransport):
    """``ceil(connections / SHARD_SIZE)`` ``httpx.AsyncHTTPTransport`` pools used as one."""

    def __init__(self, connections: int) -> None:
        count = max(1, math.ceil(connections / SHARD_SIZE))
        size = math.ceil(connections / count)
        limits = httpx.Limits(max_connections=size, max_keepalive_connections=size)
        # One SSL context for every shard (loading the CA bundle is the slow part).
        context: ssl.SSLContext = httpx.create_ssl_context()
        self._size = size
        self._shards = [
            httpx.AsyncHTTPTransport(verify=context, limits=limits) for _ in range(count)
        ]
        self._busy = [0] * count
        self._tasks: set[asyncio.Task[None]] = set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        busy = self._busy
        index = 0
        while busy[index] >= self._size and index < len(busy) - 1:
            index += 1  # the semaphore leaves a free connection somewhere: no request waits
        busy[index] += 1
        exchange = _Exchange(busy, index)
        task = asyncio.ensure_future(exchange.run(self._shards[index], request))
        self._tasks.add(task)  # a strong reference until it ends (the loop keeps weak ones)
        task.add_done_callback(self._tasks.discard)
        exchange.task = task
        try:
            response = await exchange.head
        except asyncio.CancelledError:
            await exchange.leave()  # the head may have come just before the cancellation
            raise
        response.stream = exchange
        return response

    async def aclose(self) -> None:
        for shard in self._shards:
            await shard.aclose()

    async def __aenter__(self) -> ShardedTransport:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc: BaseException | None = None,
        tb: TracebackType | None = None,
    ) -> None:
        await self.aclose()


_END = object()
_STOP_SECONDS = 1.0  # bound on the wait for a stopped request's clean-up (it takes a few steps)


class _Abandoned(Exception):
    """Raised into a request whose caller left before httpcore began to send it."""


class _Exchange(httpx.AsyncByteStream):
    """One request, run by a task of its own: sends it, hands the response over (:attr:`head`),
    reads the body into a queue of one chunk, closes it and gives the shard's slot back.

    The reader (the caller's task) only waits on futures, so cancelling it never interrupts
    httpcore. When the reader leaves, the request is stopped the way httpcore is built to be
    stopped: before its connection starts sending, by an error raised from httpcore's public
    ``trace`` hook (httpcore closes that connection); once sending, by cancelling an anyio cancel
    scope around it, which httpcore's shielded clean-up respects (a native ``Task.cancel`` does
    not: that is the bug). Never while it waits for or opens a connection (the pool would keep a
    connection that never connects), so that phase finishes within its own timeouts.
    """

    def __init__(self, busy: list[int], index: int) -> None:
        self._busy = busy
        self._index = index
        self.head: asyncio.Future[httpx.Response] = asyncio.get_running_loop().create_future()
        self._chunks: asyncio.Queue[Any] = asyncio.Queue(maxsize=1)
        self._left = False
        self._sending = False  # httpcore began to send on a connection: the scope may stop it
        self._done = False
        self._scope = anyio.CancelScope()
        self.task: asyncio.Task[None] | None = None

    async def _trace(self, event: str, info: dict[str, Any]) -> None:
        if event == "http11.send_request_headers.started":
            if self._left:
                raise _Abandoned
            self._sending = True

    async def run(self, shard: httpx.AsyncHTTPTransport, request: httpx.Request) -> None:
        request.extensions = {**request.extensions, "trace": self._trace}
        try:
            with self._scope:
                await self._run(shard, request)
        finally:
            self._done = True

    async def _run(self, shard: httpx.AsyncHTTPTransport, request: httpx.Request) -> None:
        try:
            response = await shard.handle_async_request(request)
        except BaseException as error:
            self._busy[self._index] -= 1  # httpcore released the connection itself
            if not isinstance(error, Exception):
                self.head.cancel()
                raise
            if not self.head.done():  # not cancelled: the caller waits for this
                self.head.set_exception(error)
            return
        stream = response.stream
        assert isinstance(stream, httpx.AsyncByteStream)
        if self.head.done():  # the caller was cancelled while waiting
            self._left = True
        else:
            self.head.set_result(response)
        end: object = _END
        try:
            if not self._left:
                async for chunk in stream:
                    await self._chunks.put(chunk)
                    if self._left:
                        break
        except Exception as error:
            end = error
        finally:
            with contextlib.suppress(Exception):
                await stream.aclose()
            self._busy[self._index] -= 1
        if not self._left:
            await self._chunks.put(end)

    async def leave(self) -> None:
        """The reader is gone: stop the request (see the class) and let the task finish. A
        request stopped while sending is waited for (its clean-up is local: closing a socket),
        so the connection is closed when the caller's cancellation or timeout reaches it."""
        self._left = True
        while not self._chunks.empty():
            self._chunks.get_nowait()  # a put the task waits on returns at once
        if self._sending and not self._done and self.task is not None:
            self._scope.cancel()
            await asyncio.wait([self.task], timeout=_STOP_SECONDS)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while True:
            try:
                item = await self._chunks.get()
            except asyncio.CancelledError:
                await self.leave()
                raise
            if item is _END:
                return
            if isinstance(item, Exception):
                self._left = True
                raise item
            yield item

    async def aclose(self) -> None:
        await self.leave()
