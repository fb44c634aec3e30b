"""``max_concurrency``: the async client bounds requests on the wire and keeps its connections.

A small asyncio HTTP/1.1 server of the test's own (same event loop, loopback) answers every
GET after a short delay and counts the requests in progress and the connections opened.
The cancellation tests check that no cancelled call can leave a connection stuck in httpcore's
pool (encode/httpcore#1093, #830, #658), wherever the cancellation lands.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from wix_inbox import APITimeoutError, AsyncInboxClient, InvalidArgumentError
from wix_inbox._pool import ShardedTransport

CID = "6fd2b962-dd8f-382f-8d27-ae63f188c939"
BODY = json.dumps({"conversation": {"id": CID}}).encode()
RESPONSE = b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n%s" % (len(BODY), BODY)


class CountingServer:
    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.in_flight = 0
        self.most_in_flight = 0
        self.connections = 0
        self.answered = 0
        self.drop_next = False
        self.body_delay = 0.0  # > 0: the headers go first, the body that much later

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            for _ in range(10_000):  # bounded: one request per turn
                await reader.readuntil(b"\r\n\r\n")
                self.in_flight += 1
                self.most_in_flight = max(self.most_in_flight, self.in_flight)
                await asyncio.sleep(self.delay)
                self.in_flight -= 1
                if self.drop_next:
                    self.drop_next = False
                    writer.write(RESPONSE[: len(RESPONSE) - 5])  # a truncated body
                    break
                if self.body_delay:
                    head, _, body = RESPONSE.partition(b"\r\n\r\n")
                    writer.write(head + b"\r\n\r\n")
                    await asyncio.sleep(self.body_delay)
                    writer.write(body)
                else:
                    writer.write(RESPONSE)
                self.answered += 1
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


@pytest.fixture
async def server() -> AsyncIterator[tuple[CountingServer, str]]:
    counting = CountingServer(delay=0.01)
    listener = await asyncio.start_server(counting.handle, "127.0.0.1", 0)
    port = listener.sockets[0].getsockname()[1]
    try:
        yield counting, f"http://127.0.0.1:{port}"
    finally:
        listener.close()


def _client(url: str, **options: Any) -> AsyncInboxClient:
    return AsyncInboxClient(api_key="key", site_id=CID, base_url=url, max_retries=0, **options)


@pytest.mark.parametrize("bound", [1, 3, 5, 20])
async def test_a_fan_out_keeps_to_the_bound_and_reuses_its_connections(
    server: tuple[CountingServer, str], bound: int
) -> None:
    counting, url = server
    async with _client(url, max_concurrency=bound) as client:
        results = await asyncio.gather(*(client.conversations.get(CID) for _ in range(60)))
        transport = client._http._transport
        assert isinstance(transport, ShardedTransport)
        assert transport._busy == [0] * len(transport._busy)

    assert len(results) == 60 and counting.answered == 60
    assert counting.most_in_flight <= bound
    assert counting.most_in_flight == min(bound, 60)  # the bound is also reached
    # no connection opened and closed per request: at most one per slot
    assert counting.connections <= bound


async def test_a_broken_response_gives_its_slot_back(server: tuple[CountingServer, str]) -> None:
    counting, url = server
    async with _client(url, max_concurrency=2) as client:
        counting.drop_next = True
        with pytest.raises(Exception) as caught:
            await client.conversations.get(CID)
        assert type(caught.value).__name__ == "APIConnectionError"
        transport = client._http._transport
        assert isinstance(transport, ShardedTransport)
        assert transport._busy == [0]
        # and the client still works, with both slots
        await asyncio.gather(*(client.conversations.get(CID) for _ in range(6)))
    assert counting.most_in_flight == 2


async def test_no_bound_uses_httpx_as_it_comes(server: tuple[CountingServer, str]) -> None:
    counting, url = server
    async with _client(url, max_concurrency=None) as client:
        assert not isinstance(client._http._transport, ShardedTransport)
        await asyncio.gather(*(client.conversations.get(CID) for _ in range(30)))
    assert counting.most_in_flight == 30


@pytest.mark.parametrize("bad", [0, -1, 2.5, "4", True])
def test_a_bad_bound_is_refused(bad: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="max_concurrency"):
        _client("http://127.0.0.1:9", max_concurrency=bad)


async def _settled(client: AsyncInboxClient) -> ShardedTransport:
    """The client's transport once every abandoned request has finished in the background."""
    transport = client._http._transport
    assert isinstance(transport, ShardedTransport)
    for _ in range(200):  # bounded: 2 s
        if not any(transport._busy) and not transport._tasks:
            break
        await asyncio.sleep(0.01)
    assert transport._busy == [0] * len(transport._busy)
    for shard in transport._shards:  # no connection left working for nobody
        assert all(c.is_idle() or c.is_closed() for c in shard._pool.connections)
    return transport


async def _twelve_calls(client: AsyncInboxClient) -> float:
    started = time.perf_counter()
    results = await asyncio.gather(
        *(client.conversations.get(CID) for _ in range(12)), return_exceptions=True
    )
    errors = [type(r).__name__ for r in results if isinstance(r, BaseException)]
    assert errors == [], errors
    return time.perf_counter() - started


@pytest.mark.parametrize("bound", [6, None])  # None: the default bound
@pytest.mark.parametrize("body_delay", [0.0, 0.01])
async def test_a_storm_of_cancellations_leaves_no_connection_stuck(
    server: tuple[CountingServer, str], bound: int | None, body_delay: float
) -> None:
    counting, url = server
    counting.delay = 0.005
    counting.body_delay = body_delay  # > 0: cancellations also land while the body is read
    chance = random.Random(11)
    options: dict[str, Any] = {"timeout": 5.0}
    if bound is not None:
        options["max_concurrency"] = bound
    async with _client(url, **options) as client, _client(url, **options) as fresh:

        async def impatient() -> None:
            await asyncio.wait_for(client.conversations.get(CID), chance.uniform(0, 0.04))

        for _ in range(30):  # 30 rounds of 12 calls; some also cancelled from outside
            tasks = [asyncio.create_task(impatient()) for _ in range(12)]
            await asyncio.sleep(chance.uniform(0, 0.03))
            for task in tasks:
                if chance.random() < 0.4:
                    task.cancel()
                    if chance.random() < 0.5:
                        await asyncio.sleep(0)
                        task.cancel()  # a second cancellation, while the first is handled
            outcomes = await asyncio.gather(*tasks, return_exceptions=True)
            assert not any(isinstance(o, APITimeoutError) for o in outcomes)
        await _settled(client)
        baseline = await _twelve_calls(fresh)
        elapsed = await _twelve_calls(client)  # no APITimeoutError: every slot still works
        await _settled(client)
    assert elapsed < max(10 * baseline, 1.5)  # a stuck shard would cost the 5 s timeout


async def test_a_cancelled_body_read_gives_its_connection_back(
    server: tuple[CountingServer, str],
) -> None:
    counting, url = server
    counting.body_delay = 0.2  # the headers arrive at once, the body 0.2 s later
    async with _client(url, max_concurrency=2, timeout=5.0) as client:
        for twice in (False, True):
            task = asyncio.create_task(client.conversations.get(CID))
            await asyncio.sleep(0.05)  # the headers are in (after 0.01 s), the body is awaited
            started = time.perf_counter()
            task.cancel()
            if twice:
                await asyncio.sleep(0)
                task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert time.perf_counter() - started < 0.15  # the caller is not held by the read
        transport = await _settled(client)
        counting.body_delay = 0.0
        await asyncio.gather(*(client.conversations.get(CID) for _ in range(6)))
        assert counting.most_in_flight == 2  # both slots work
        assert transport._busy == [0]
