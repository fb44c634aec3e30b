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
busy counter looked clean, and later calls timed out against a healthy server. So each step
that talks to httpcore (the request, each body read, the close) runs in a task of its own behind
``asyncio.shield``: a cancelled caller gets its ``CancelledError`` at once, the step finishes in
the background (bounded by the request's own timeouts), the response is closed there, and only
then does the shard get its slot back. Measured cost: bench/README.md.
"""

from __future__ import annotations

import asyncio
import math
import ssl
from collections.abc import AsyncIterator, Awaitable
from types import TracebackType
from typing import Any, TypeVar

import httpx

__all__ = ["SHARD_SIZE", "ShardedTransport"]

# Connections per shard. Measured (bench/README.md, 1,000 gets at concurrency 50, bound 20,
# first free shard): client CPU per request ~0.8 ms with shards of 2, 5 or 10, against 2.3 with
# one pool of 20 and 2.5-2.6 for raw httpx's default pool; at concurrency 10, shards of 10 match
# raw httpx where shards of 2 or 5 were slower.
SHARD_SIZE = 10

_T = TypeVar("_T")


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
        self._cleanup: set[asyncio.Task[Any]] = set()  # strong references until they finish

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        busy = self._busy
        index = 0
        while busy[index] >= self._size and index < len(busy) - 1:
            index += 1  # the semaphore leaves a free connection somewhere: no request waits
        busy[index] += 1
        step = asyncio.ensure_future(self._shards[index].handle_async_request(request))
        try:
            response = await asyncio.shield(step)
        except asyncio.CancelledError:
            # The step goes on unseen; whatever it returns is closed, then the slot is free.
            step.add_done_callback(lambda done: self._abandoned(done, index))
            raise
        except BaseException:
            busy[index] -= 1
            raise
        stream = response.stream
        assert isinstance(stream, httpx.AsyncByteStream)
        response.stream = _Released(stream, self, index)
        return response

    def _abandoned(self, step: asyncio.Future[httpx.Response], index: int) -> None:
        """The caller of ``step`` was cancelled: close its response, if any, then free the slot."""
        if step.cancelled() or step.exception() is not None:
            self._busy[index] -= 1  # httpcore released the connection when the step failed
            return
        stream = step.result().stream
        assert isinstance(stream, httpx.AsyncByteStream)
        self.background(_Released(stream, self, index).aclose())

    def background(self, work: Awaitable[object]) -> None:
        """Run ``work`` to its end whatever happens to the task that started it."""
        task = asyncio.ensure_future(work)
        self._cleanup.add(task)
        task.add_done_callback(self._cleanup.discard)

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


class _Released(httpx.AsyncByteStream):
    """A response body that gives its shard's slot back when it is closed (once), and whose
    reads and close a cancelled reader leaves to finish in the background (see the module)."""

    def __init__(self, stream: httpx.AsyncByteStream, owner: ShardedTransport, index: int) -> None:
        self._stream = stream
        self._owner = owner
        self._index = index
        self._open = True
        self._closing: asyncio.Future[None] | None = None
        self._pending: asyncio.Future[Any] | None = None  # a read whose reader was cancelled

    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunks = self._stream.__aiter__()
        while True:
            try:
                chunk = await self._shielded(chunks.__anext__())
            except StopAsyncIteration:
                return
            yield chunk

    async def _shielded(self, work: Awaitable[_T]) -> _T:
        step = asyncio.ensure_future(work)
        try:
            return await asyncio.shield(step)
        except asyncio.CancelledError:
            self._pending = step
            step.add_done_callback(self._close_after)
            raise

    def _close_after(self, step: asyncio.Future[Any]) -> None:
        if not step.cancelled():
            step.exception()  # retrieved: the reader is gone, the close below is what matters
        self._owner.background(self.aclose())

    async def aclose(self) -> None:
        if self._pending is not None and not self._pending.done():
            return  # closing under a read in progress would break it: _close_after closes
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._close())
        await asyncio.shield(self._closing)  # a cancelled closer leaves the close running

    async def _close(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            if self._open:
                self._open = False
                self._owner._busy[self._index] -= 1
