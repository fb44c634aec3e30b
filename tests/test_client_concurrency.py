"""``max_concurrency``: the async client bounds requests on the wire and keeps its connections.

A small asyncio HTTP/1.1 server of the test's own (same event loop, loopback) answers every
GET after a short delay and counts the requests in progress and the connections opened.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest

from wix_inbox import AsyncInboxClient, InvalidArgumentError
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
