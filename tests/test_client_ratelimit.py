"""The client-side rate limiter and the shared 429 pause (``wix_inbox._ratelimit``).

These tests sleep for real (short windows): the limiter's waits are what is tested.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from test_client_support import SleepRecorder, routed
from wix_inbox import AsyncInboxClient, InboxClient, InvalidArgumentError, RateLimitError, WixError
from wix_inbox._ratelimit import (
    DEFAULT_RATE_LIMIT,
    CallPauses,
    RateLimiter,
    Slot,
    Wait,
    resolve_rate_limit,
)
from wix_inbox.testing import MockInbox

BUDGET = (10, 0.4)  # requests per seconds, for the mock and the client alike


@pytest.fixture
def limited() -> Iterator[MockInbox]:
    with MockInbox(rate_limit=BUDGET) as mock:
        yield mock


def _statuses(mock: MockInbox) -> list[int | None]:
    return [r.status for r in mock.requests]


def test_the_default_applies_to_wix_only() -> None:
    assert resolve_rate_limit("auto", httpx.URL("https://www.wixapis.com")) == DEFAULT_RATE_LIMIT
    assert resolve_rate_limit("auto", httpx.URL("http://127.0.0.1:8080")) is None
    assert resolve_rate_limit(None, httpx.URL("https://www.wixapis.com")) is None
    assert resolve_rate_limit((5, 2), httpx.URL("http://127.0.0.1")) == (5, 2.0)
    client = InboxClient(api_key="k", site_id="9e668c08-8bdb-4240-babb-8176935f6f78")
    assert client._core.limiter.limit == (200, 60.0)
    assert client.with_options(timeout=3)._core.limiter is client._core.limiter
    client.close()


@pytest.mark.parametrize("bad", [(0, 1), (1, 0), (1, -1), (True, 1), ("5", 1), (5,), 5, "on"])
def test_a_bad_rate_limit_is_refused(bad: object) -> None:
    with pytest.raises(InvalidArgumentError, match="rate_limit"):
        InboxClient(api_key="k", site_id="9e668c08-8bdb-4240-babb-8176935f6f78", rate_limit=bad)  # type: ignore[arg-type]


def test_a_slot_counts_until_a_window_after_its_answer() -> None:
    limiter = RateLimiter((2, 0.2))
    calls = CallPauses()
    first, second = limiter.acquire(calls), limiter.acquire(calls)
    assert isinstance(first, Slot) and isinstance(second, Slot)
    third = limiter.acquire(calls)
    assert isinstance(third, Wait)  # both in flight: nothing to wait for but an answer
    limiter.release(first)
    wait = limiter.acquire(calls)
    assert isinstance(wait, Wait) and 0.15 < wait.seconds <= 0.2
    time.sleep(wait.seconds)
    assert isinstance(limiter.acquire(calls), Slot)


def test_threads_with_copies_share_one_budget_and_never_see_429(limited: MockInbox) -> None:
    cid = limited.create_conversation()["id"]
    client = InboxClient(
        api_key=limited.api_key, site_id=limited.site_id, base_url=limited.url, rate_limit=BUDGET
    )
    copies = [client.with_options(timeout=10 + i) for i in range(8)]
    errors: list[BaseException] = []

    def work(copy: InboxClient) -> None:
        for _ in range(4):
            try:
                copy.conversations.get(cid)
            except BaseException as error:
                errors.append(error)

    threads = [threading.Thread(target=work, args=(c,)) for c in copies]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    elapsed = time.monotonic() - started
    client.close()
    assert errors == []
    assert _statuses(limited) == [200] * 32
    assert elapsed >= 3 * BUDGET[1]  # 32 calls at 10 per window need three more windows


def test_async_tasks_with_copies_share_one_budget_and_never_see_429(limited: MockInbox) -> None:
    cid = limited.create_conversation()["id"]

    async def run() -> list[BaseException | object]:
        async with AsyncInboxClient(
            api_key=limited.api_key,
            site_id=limited.site_id,
            base_url=limited.url,
            rate_limit=BUDGET,
        ) as client:
            copies = [client.with_options(max_retries=i % 3) for i in range(30)]
            return await asyncio.gather(
                *(c.conversations.get(cid) for c in copies), return_exceptions=True
            )

    results = asyncio.run(run())
    assert not [r for r in results if isinstance(r, BaseException)]
    assert _statuses(limited) == [200] * 30


def test_without_the_limiter_the_same_load_meets_429_and_still_succeeds(
    limited: MockInbox,
) -> None:
    """The mock's 429s (Retry-After: 1) are waited out by every call together, without using
    up max_retries (0 here)."""
    cid = limited.create_conversation()["id"]

    async def run() -> list[BaseException | object]:
        async with AsyncInboxClient(
            api_key=limited.api_key,
            site_id=limited.site_id,
            base_url=limited.url,
            rate_limit=None,
            max_retries=0,
        ) as client:
            return await asyncio.gather(
                *(client.conversations.get(cid) for _ in range(15)), return_exceptions=True
            )

    results = asyncio.run(run())
    assert not [r for r in results if isinstance(r, BaseException)]
    assert 429 in _statuses(limited)
    assert _statuses(limited).count(200) == 15


def test_a_429_storm_is_survived_without_a_duplicate_send(inbox: MockInbox) -> None:
    cid = inbox.create_conversation()["id"]
    inbox.inject("sendMessage", status=429, retry_after_ms=30, times=12)
    inbox.inject("getConversation", status=429, retry_after_ms=30, times=12)
    client = InboxClient(
        api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url, max_retries=0
    )
    errors: list[BaseException] = []

    def work(number: int) -> None:
        copy = client.with_options(timeout=20)
        try:
            copy.messages.send(cid, f"hello {number}")
            copy.conversations.get(cid)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    client.close()
    assert errors == []
    texts = sorted(m["content"]["basic"]["items"][0]["text"] for m in inbox.messages(cid))
    assert texts == sorted(f"hello {n}" for n in range(6))  # each exactly once
    assert [r.status for r in routed(inbox, "sendMessage")].count(429) == 12


def test_a_429_pauses_the_other_calls_of_the_client(inbox: MockInbox) -> None:
    cid = inbox.create_conversation()["id"]
    inbox.inject("getConversation", status=429, retry_after_ms=400)
    client = InboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url)
    first = threading.Thread(target=client.conversations.get, args=(cid,))
    first.start()
    deadline = time.monotonic() + 5
    while not client._core.limiter._pause_until and time.monotonic() < deadline:
        time.sleep(0.005)  # until the first call has had its 429
    started = time.monotonic()
    client.with_options(timeout=9).messages.list_page(cid)  # another route, not faulted
    waited = time.monotonic() - started
    first.join(10)
    client.close()
    assert waited >= 0.3  # it waited for the pause the other call's 429 asked for
    assert [r.status for r in inbox.requests].count(429) == 1


def test_429s_are_bounded_by_a_budget_of_waiting_not_by_max_retries(
    inbox: MockInbox, sleeps: SleepRecorder
) -> None:
    cid = inbox.create_conversation()["id"]
    inbox.inject("getConversation", status=429, retry_after=30, times=100)
    with (
        InboxClient(
            api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url, max_retries=0
        ) as client,
        pytest.raises(RateLimitError),
    ):
        client.conversations.get(cid)
    # 30 s pauses (plus up to 10 % jitter) until the 120 s budget would be passed.
    assert 3 <= len(sleeps.delays) <= 4
    assert all(30 <= d <= 33 for d in sleeps.delays)
    assert sum(sleeps.delays) <= 120
    assert len(routed(inbox, "getConversation")) == len(sleeps.delays) + 1


def test_retry_after_zero_repeated_does_not_spin(inbox: MockInbox, sleeps: SleepRecorder) -> None:
    cid = inbox.create_conversation()["id"]
    inbox.inject("getConversation", status=429, retry_after=0, times=1000)
    with (
        InboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url) as client,
        pytest.raises(RateLimitError),
    ):
        client.conversations.get(cid)
    # The first 429's "0" is honoured; from the second on, at least the backoff.
    assert len(inbox.requests) == len(sleeps.delays) + 1
    assert sleeps.delays[0] == 0.0 and sleeps.delays[1] >= 0.375
    assert len(sleeps.delays) < 30


def test_every_slot_is_released_whatever_the_outcome(inbox: MockInbox) -> None:
    cid = inbox.create_conversation()["id"]
    client = InboxClient.for_app(
        app_id=inbox.app_id,
        app_secret=inbox.app_secret,
        instance_id=inbox.instance_id,
        base_url=inbox.url,
        rate_limit=(50, 60.0),
        max_retries=0,
    )
    client.conversations.get(cid)
    inbox.inject("getConversation", status=404)
    inbox.inject("sendMessage", disconnect=True)
    inbox.inject("token", status=500)
    inbox.expire_tokens()
    for call in (
        lambda: client.conversations.get(cid),  # 401, the token fetch fails: raises
        lambda: client.conversations.get(cid),  # 404
        lambda: client.messages.send(cid, "x"),  # connection dropped
    ):
        with pytest.raises(WixError):
            call()
    slots = client._core.limiter._slots
    client.close()
    assert len(slots) == len(inbox.requests)  # each request took one slot ...
    assert all(slot.released is not None for slot in slots)  # ... and gave it back
