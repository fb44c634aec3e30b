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
"""

from __future__ import annotations

import math
import ssl
from collections.abc import AsyncIterator
from types import TracebackType

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

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        busy = self._busy
        index = 0
        while busy[index] >= self._size and index < len(busy) - 1:
            index += 1  # the semaphore leaves a free connection somewhere: no request waits
        busy[index] += 1
        try:
            response = await self._shards[index].handle_async_request(request)
        except BaseException:
            busy[index] -= 1
            raise
        stream = response.stream
        assert isinstance(stream, httpx.AsyncByteStream)
        response.stream = _Released(stream, busy, index)
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


class _Released(httpx.AsyncByteStream):
    """A response body that gives its shard's slot back when it is closed (once)."""

    def __init__(self, stream: httpx.AsyncByteStream, busy: list[int], index: int) -> None:
        self._stream = stream
        self._busy = busy
        self._index = index
        self._open = True

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            if self._open:
                self._open = False
                self._busy[self._index] -= 1
