"""What a call leaves behind when it ends abnormally: its rate-limiter slot (an error raised by
the driver, a cancelled task, a forked child) and calls still retrying when the client closes.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
import warnings
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from test_client_support import routed
from wix_inbox import AsyncInboxClient, ClientClosedError, InboxClient, WixError
from wix_inbox._ratelimit import CallPauses, RateLimiter, Slot
from wix_inbox.testing import MockInbox

GUID = "6fd2b962-dd8f-382f-8d27-ae63f188c939"


def _in_flight(limiter: RateLimiter) -> int:
    return sum(slot.released is None for slot in limiter._slots)


def _wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


class _Interrupting(httpx.BaseTransport):
    """A transport interrupted mid-request, as Ctrl-C would."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt


def test_a_kept_driver_error_does_not_keep_the_rate_slot(inbox: MockInbox) -> None:
    cid = inbox.create_conversation()["id"]
    client = InboxClient(
        api_key=inbox.api_key,
        site_id=inbox.site_id,
        base_url=inbox.url,
        rate_limit=(2, 60.0),
        max_response_bytes=16,  # every answer is too large: the driver raises
    )
    kept: list[WixError] = []
    for _ in range(2):
        try:
            client.conversations.get(cid)
        except WixError as error:
            kept.append(error)  # the caller keeps the error (and so its traceback)
    assert len(kept) == 2
    assert _in_flight(client._core.limiter) == 0
    client.close()


def test_an_interrupt_during_a_send_releases_the_rate_slot() -> None:
    http = httpx.Client(transport=_Interrupting())
    client = InboxClient(
        api_key="key",
        site_id=GUID,
        base_url="http://127.0.0.1:9",  # never reached: the transport raises first
        rate_limit=(2, 60.0),
        http_client=http,
    )
    kept: list[BaseException] = []
    for _ in range(2):
        try:
            client.conversations.get(GUID)
        except KeyboardInterrupt as interrupt:
            kept.append(interrupt)
    assert len(kept) == 2
    assert len(client._core.limiter._slots) == 2 and _in_flight(client._core.limiter) == 0
    http.close()


def test_cancelled_tasks_kept_alive_do_not_keep_their_rate_slots(inbox: MockInbox) -> None:
    cid = inbox.create_conversation()["id"]
    inbox.inject("getConversation", times=2, delay=5.0)

    async def run() -> list[asyncio.Task[Any]]:
        async with AsyncInboxClient(
            api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url, rate_limit=(2, 60.0)
        ) as client:
            limiter = client._core.limiter
            tasks = [asyncio.create_task(client.conversations.get(cid)) for _ in range(2)]
            for _ in range(500):  # bounded: until both requests are on the wire
                if _in_flight(limiter) == 2:
                    break
                await asyncio.sleep(0.01)
            assert _in_flight(limiter) == 2
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            assert all(task.cancelled() for task in tasks)
            assert _in_flight(limiter) == 0
            return tasks  # kept alive until the checks are done

    asyncio.run(run())


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is POSIX only")
def test_a_forked_child_does_not_inherit_the_slots_in_flight(inbox: MockInbox) -> None:
    cid = inbox.create_conversation()["id"]
    inbox.inject("getConversation", delay=3.0)
    client = InboxClient(
        api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url, rate_limit=(1, 60.0)
    )
    worker = threading.Thread(target=client.conversations.get, args=(cid,))
    worker.start()
    assert _wait_for(lambda: _in_flight(client._core.limiter) == 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # 3.12+: fork with threads
        pid = os.fork()
    if pid == 0:  # the child: only report, through the exit status
        try:
            signal.alarm(10)  # bounded, whatever happens
            got = client._core.limiter.acquire(CallPauses())
            os._exit(0 if isinstance(got, Slot) else 3)
        except BaseException:
            os._exit(4)
    _, status = os.waitpid(pid, 0)
    worker.join(10)
    assert os.waitstatus_to_exitcode(status) == 0
    assert _in_flight(client._core.limiter) == 0  # the parent's slot came back in the parent
    client.close()


def _start_retrying(inbox: MockInbox) -> str:
    cid = str(inbox.create_conversation()["id"])
    inbox.inject("getConversation", times=10, status=503, retry_after=1)
    return cid


def test_closing_stops_a_sync_call_retrying_through_a_user_http_client(inbox: MockInbox) -> None:
    cid = _start_retrying(inbox)
    http = httpx.Client()
    client = InboxClient(
        api_key=inbox.api_key,
        site_id=inbox.site_id,
        base_url=inbox.url,
        max_retries=5,
        http_client=http,
    )
    outcome: list[BaseException] = []

    def call() -> None:
        try:
            client.conversations.get(cid)
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=call)
    worker.start()
    assert _wait_for(lambda: len(routed(inbox, "getConversation")) >= 1)
    client.close()
    worker.join(10)
    assert not worker.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], ClientClosedError)
    assert len(routed(inbox, "getConversation")) == 1  # no send after the close
    assert not http.is_closed  # the user's client is the user's to close
    http.close()


def test_closing_stops_an_async_call_retrying_through_a_user_http_client(
    inbox: MockInbox,
) -> None:
    cid = _start_retrying(inbox)

    async def run() -> BaseException | object:
        async with httpx.AsyncClient() as http:
            client = AsyncInboxClient(
                api_key=inbox.api_key,
                site_id=inbox.site_id,
                base_url=inbox.url,
                max_retries=5,
                http_client=http,
            )
            task = asyncio.create_task(client.conversations.get(cid))
            for _ in range(500):  # bounded
                if routed(inbox, "getConversation"):
                    break
                await asyncio.sleep(0.01)
            await client.aclose()
            (result,) = await asyncio.wait_for(
                asyncio.gather(task, return_exceptions=True), timeout=10
            )
            assert not http.is_closed
            return result

    result = asyncio.run(run())
    assert isinstance(result, ClientClosedError)
    assert len(routed(inbox, "getConversation")) == 1
