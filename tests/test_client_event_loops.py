"""One ``AsyncInboxClient`` used from several event loops, in several threads, at the same time.

Each loop gets its own connections, token gate and concurrency slots (httpx connections and
asyncio locks belong to the loop that made them); none is swapped under a call another loop has
under way. Closing reaches every loop; a loop's connections are closed when ``asyncio.run``
shuts that loop down. Every wait here is bounded: a thread that does not finish fails the test.
"""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import threading
import warnings
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

import httpx
import pytest

from wix_inbox import APIConnectionError, AsyncInboxClient, ClientClosedError, WixError
from wix_inbox.testing import MockInbox

ROUNDS = 6
FAN_OUT = 24  # calls at once per loop: more than max_concurrency, so the slots are contended
DEADLINE = 60.0  # for a whole thread; the calls themselves take milliseconds


@pytest.fixture
def no_resource_warnings() -> Iterator[None]:
    """Fails the test if a socket or transport is left unclosed: a ResourceWarning raised while
    it runs or when its garbage (the client, its loops) is collected once it has returned."""
    gc.collect()  # what earlier tests left is theirs
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        yield
        gc.collect()
    found = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert not found, found


def _in_threads(*bodies: Callable[[], Any]) -> list[Any]:
    """Runs each body in its own thread, all started together; returns what each returned or
    raised. A thread still running after DEADLINE fails the test (nothing may hang)."""
    outcomes: list[Any] = [None] * len(bodies)
    start = threading.Barrier(len(bodies), timeout=DEADLINE)

    def run(index: int, body: Callable[[], Any]) -> None:
        try:
            start.wait()
            outcomes[index] = body()
        except BaseException as error:  # reported to the test, not lost in the thread
            outcomes[index] = error

    threads = [
        threading.Thread(target=run, args=(i, body), daemon=True) for i, body in enumerate(bodies)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(DEADLINE)
    assert not any(thread.is_alive() for thread in threads), "a loop hung"
    return outcomes


def _fan_out(
    client: AsyncInboxClient, conversation_id: str, expected: int
) -> Callable[[], list[str]]:
    """A thread body: its own event loop (``asyncio.run``) making FAN_OUT calls at once, ROUNDS
    times, half of them ``conversations.get`` and half ``messages.list_page``."""

    async def one(n: int) -> str:
        if n % 2:
            page = await client.messages.list_page(conversation_id, limit=5)
            assert len(page.messages) == min(5, expected)
            return "page"
        return str((await client.conversations.get(conversation_id)).id)

    async def main() -> list[str]:
        got: list[str] = []
        for _ in range(ROUNDS):
            batch = asyncio.gather(*(one(n) for n in range(FAN_OUT)))
            got.extend(await asyncio.wait_for(batch, DEADLINE / 2))
        return got

    return lambda: asyncio.run(main())


def test_two_event_loops_in_two_threads_share_one_async_client(
    inbox: MockInbox, no_resource_warnings: None
) -> None:
    conversation_id = inbox.create_conversation()["id"]
    inbox.add_messages(conversation_id, 7)
    client = AsyncInboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url)
    outcomes = _in_threads(*(_fan_out(client, conversation_id, 7) for _ in range(2)))
    for outcome in outcomes:
        assert not isinstance(outcome, BaseException), repr(outcome)
        assert outcome == [conversation_id, "page"] * (ROUNDS * FAN_OUT // 2)
    assert len(inbox.requests) == 2 * ROUNDS * FAN_OUT
    asyncio.run(client.aclose())
    with pytest.raises(ClientClosedError):
        asyncio.run(client.conversations.get(conversation_id))


def test_an_app_client_shares_its_token_across_loops(
    inbox: MockInbox, no_resource_warnings: None
) -> None:
    """One token fetch per loop at most (each loop's gate serialises its own callers); the
    token itself is the client's, whichever loop fetched it."""
    conversation_id = inbox.create_conversation()["id"]
    client = AsyncInboxClient.for_app(
        app_id=inbox.app_id,
        app_secret=inbox.app_secret,
        instance_id=inbox.instance_id,
        base_url=inbox.url,
    )
    outcomes = _in_threads(*(_fan_out(client, conversation_id, 0) for _ in range(2)))
    for outcome in outcomes:
        assert not isinstance(outcome, BaseException), repr(outcome)
    tokens = [r for r in inbox.requests if r.route == "token"]
    assert 1 <= len(tokens) <= 2
    asyncio.run(client.aclose())


def _in_loop(body: Callable[[], Coroutine[Any, Any, Any]]) -> Callable[[], Any]:
    return lambda: asyncio.run(body())


def test_aclose_in_one_loop_closes_the_client_for_a_loop_still_running(
    inbox: MockInbox, no_resource_warnings: None
) -> None:
    conversation_id = inbox.create_conversation()["id"]
    client = AsyncInboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url)
    used = threading.Event()
    closed = threading.Event()

    async def other_loop() -> str:
        await client.conversations.get(conversation_id)  # this loop's connections are open
        used.set()
        assert await asyncio.to_thread(closed.wait, DEADLINE)
        # the close reached this loop: its connections are closed soon, by this loop
        for _ in range(200):
            if _http_of_running_loop(client).is_closed:
                break
            await asyncio.sleep(0.01)
        assert _http_of_running_loop(client).is_closed
        with pytest.raises(ClientClosedError, match="closed"):
            await client.conversations.get(conversation_id)
        return "refused"

    async def closing_loop() -> str:
        assert await asyncio.to_thread(used.wait, DEADLINE)
        await client.conversations.get(conversation_id)
        await client.aclose()
        closed.set()
        return "closed"

    assert _in_threads(_in_loop(other_loop), _in_loop(closing_loop)) == ["refused", "closed"]


def _http_of_running_loop(client: AsyncInboxClient) -> httpx.AsyncClient:
    state = client._pool.loops.get(asyncio.get_running_loop())
    assert state is not None
    return state.http


def test_each_loops_connections_close_when_asyncio_run_ends(
    inbox: MockInbox, no_resource_warnings: None
) -> None:
    """Before: each new loop replaced the pool and the old one was never closed (its sockets
    were left to the garbage collector, with a ResourceWarning each)."""
    conversation_id = inbox.create_conversation()["id"]
    client = AsyncInboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url)
    seen: list[httpx.AsyncClient] = []

    async def use() -> None:
        await asyncio.gather(*(client.conversations.get(conversation_id) for _ in range(4)))
        seen.append(_http_of_running_loop(client))

    for _ in range(3):
        asyncio.run(use())
    assert len(set(map(id, seen))) == 3
    assert all(http.is_closed for http in seen)
    asyncio.run(client.aclose())
    with pytest.raises(ClientClosedError):
        asyncio.run(client.conversations.get(conversation_id))


def test_a_users_http_client_in_a_second_running_loop_is_refused(
    inbox: MockInbox, conversation_id: str, no_resource_warnings: None
) -> None:
    """httpx connections belong to the loop that opened them, and the client cannot make the
    user's ``http_client`` anew: a second loop gets ClientClosedError saying so (before
    anything is sent), while the first loop goes on using it."""
    http = httpx.AsyncClient()
    client = AsyncInboxClient(
        api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url, http_client=http
    )
    used = threading.Event()
    refused = threading.Event()

    async def first() -> str:
        await client.conversations.get(conversation_id)
        used.set()
        assert await asyncio.to_thread(refused.wait, DEADLINE)
        page = await client.messages.list_page(conversation_id)  # still works here
        await http.aclose()
        return str(len(page.messages))

    async def second() -> str:
        assert await asyncio.to_thread(used.wait, DEADLINE)
        try:
            with pytest.raises(ClientClosedError, match="event loop") as caught:
                await client.conversations.get(conversation_id)
            return type(caught.value).__name__
        finally:
            refused.set()

    sent_before = len(inbox.requests)
    assert _in_threads(_in_loop(first), _in_loop(second)) == ["0", "ClientClosedError"]
    assert len(inbox.requests) == sent_before + 2  # the refused call sent nothing


def test_only_wix_errors_escape_when_a_loop_closes_the_client_mid_fan_out(
    inbox: MockInbox, no_resource_warnings: None
) -> None:
    """A close from another loop lands while this loop has calls on the wire: each call
    either succeeds or raises ClientClosedError; none hangs or raises anything else."""
    conversation_id = inbox.create_conversation()["id"]
    client = AsyncInboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url)
    started = threading.Event()

    async def busy() -> set[str]:
        async def one() -> str:
            try:
                await client.conversations.get(conversation_id)
                return "ok"
            except WixError as error:
                return type(error).__name__

        kinds: set[str] = set()
        for n in range(50):  # bounded: stops at the first round after the close
            if n == 1:
                started.set()
            got = await asyncio.wait_for(
                asyncio.gather(*(one() for _ in range(FAN_OUT))), DEADLINE / 2
            )
            kinds.update(got)
            if "ClientClosedError" in got:
                break
        return kinds

    async def closer() -> None:
        assert await asyncio.to_thread(started.wait, DEADLINE)
        await client.aclose()

    kinds, _ = _in_threads(_in_loop(busy), _in_loop(closer))
    assert not isinstance(kinds, BaseException), repr(kinds)
    assert kinds <= {"ok", "ClientClosedError"} and "ClientClosedError" in kinds
    # the close reached the busy loop mid-fan-out, and that loop ended right after: still no
    # socket is left to the garbage collector (no_resource_warnings)


def _live(kind: type) -> int:
    gc.collect()
    return sum(type(o) is kind for o in gc.get_objects())


def test_loops_never_closed_do_not_keep_their_connections(inbox: MockInbox) -> None:
    """``new_event_loop().run_until_complete(...)`` with no ``loop.close()``, call after call:
    a loop that is not running keeps no state in the client, so the garbage collector takes
    the loop and its sockets. Before: every such loop was kept with its connections, and the
    process ran out of file descriptors after ~250 calls."""
    conversation_id = inbox.create_conversation()["id"]
    client = AsyncInboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url)
    loop_kind = type(asyncio.new_event_loop())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # the loops are left unclosed here
        _live(loop_kind)  # earlier garbage
        before = _live(loop_kind), _live(httpx.AsyncClient)
        for _ in range(40):
            got = asyncio.new_event_loop().run_until_complete(
                client.conversations.get(conversation_id)
            )
            assert str(got.id) == conversation_id
        after = _live(loop_kind), _live(httpx.AsyncClient)
        assert len(client._pool.loops.items()) == 1  # the last loop's only
        # the last loop is kept with its connections (and, the first, the client's own pool)
        assert after[0] - before[0] <= 2 and after[1] - before[1] <= 2, (before, after)
        asyncio.run(client.aclose())
    assert len(inbox.requests) == 40


def test_a_loops_own_shutdown_asyncgens_leaves_the_client_usable(inbox: MockInbox) -> None:
    """A program may call ``loop.shutdown_asyncgens()`` and keep the loop running: that closes
    the loop's connections (see _loops), not the client: the next call gets new ones, which
    ``asyncio.run`` closes when it ends. Before: every later call raised ClientClosedError."""
    conversation_id = inbox.create_conversation()["id"]
    client = AsyncInboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url)
    seen: list[httpx.AsyncClient] = []

    async def main() -> str:
        await client.conversations.get(conversation_id)
        seen.append(_http_of_running_loop(client))
        await asyncio.get_running_loop().shutdown_asyncgens()
        assert seen[0].is_closed
        got = await client.conversations.get(conversation_id)
        seen.append(_http_of_running_loop(client))
        assert not seen[1].is_closed
        return str(got.id)

    gc.collect()  # what earlier tests left is theirs
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        assert asyncio.run(main()) == conversation_id
        gc.collect()
    assert seen[0] is not seen[1] and seen[1].is_closed  # closed at the loop's end
    # asyncio itself warns once that the new connections' closer was registered after its
    # shutdown_asyncgens(); no socket is left unclosed
    found = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    others = [text for text in found if "after loop.shutdown_asyncgens()" not in text]
    assert not others, others
    asyncio.run(client.aclose())


def test_a_users_http_client_stays_with_a_loop_left_open(inbox: MockInbox) -> None:
    """A loop that used the given ``http_client`` and was left open (not running) still owns
    its connections: a call from another loop is refused before anything is sent (it would
    be written on that loop's socket, reach Wix, then fail as if nothing was sent). Once that
    loop is closed, the next loop may use the http_client."""
    conversation_id = inbox.create_conversation()["id"]
    http = httpx.AsyncClient()
    client = AsyncInboxClient(
        api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url, http_client=http
    )
    first = asyncio.new_event_loop()
    try:
        first.run_until_complete(client.conversations.get(conversation_id))
        sent = len(inbox.requests)
        with pytest.raises(ClientClosedError, match="event loop that first used it"):
            asyncio.run(client.messages.send(conversation_id, "hi"))
        assert len(inbox.requests) == sent and inbox.messages(conversation_id) == []
        first.run_until_complete(http.aclose())
    finally:
        first.close()
    second = httpx.AsyncClient()
    client = AsyncInboxClient(
        api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url, http_client=second
    )

    async def use_then_close() -> str:
        got = await client.conversations.get(conversation_id)
        await second.aclose()
        return str(got.id)

    assert asyncio.run(use_then_close()) == conversation_id


def test_a_stopped_loop_with_a_call_under_way_keeps_its_state(
    inbox: MockInbox, no_resource_warnings: None
) -> None:
    """A loop stopped with a call of the client under way (``run_until_complete`` of
    something else returned) keeps its state while this thread runs another loop: one
    concurrency bound and one token gate per loop, and the call finishes on its connection."""
    conversation_id = inbox.create_conversation()["id"]
    client = AsyncInboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url)
    inbox.inject("getConversation", delay=0.3)
    paused = asyncio.new_event_loop()
    try:
        call = paused.create_task(client.conversations.get(conversation_id))
        for _ in range(200):  # bounded: until the call is under way in the paused loop
            paused.run_until_complete(asyncio.sleep(0.005))
            state = client._pool.loops.get(paused)
            if state is not None and state.active:
                break
        assert state is not None and state.active == 1
        got = asyncio.run(client.conversations.get(conversation_id))  # another loop, same thread
        assert str(got.id) == conversation_id
        assert client._pool.loops.get(paused) is state  # not dropped under its call
        assert str(paused.run_until_complete(call).id) == conversation_id
        paused.run_until_complete(client.conversations.get(conversation_id))
        assert client._pool.loops.get(paused) is state and state.active == 0
        paused.run_until_complete(paused.shutdown_asyncgens())  # closes its connections
        assert state.http.is_closed
    finally:
        paused.close()
    asyncio.run(client.aclose())


def test_an_idle_loop_of_a_live_thread_keeps_its_connections(
    inbox: MockInbox, no_resource_warnings: None
) -> None:
    """A worker thread's loop, idle between two jobs while other threads use the client in
    loops of their own, keeps its state and connections (dropping them would reconnect on
    every job, and leave its sockets to the garbage collector)."""
    conversation_id = inbox.create_conversation()["id"]
    client = AsyncInboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url)
    between = threading.Event()
    others_done = threading.Event()

    def worker() -> bool:
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(client.conversations.get(conversation_id))
            state = client._pool.loops.get(loop)
            between.set()
            assert others_done.wait(DEADLINE)
            loop.run_until_complete(client.conversations.get(conversation_id))
            kept = client._pool.loops.get(loop) is state and state is not None
            assert state is not None and not state.http.is_closed
            loop.run_until_complete(loop.shutdown_asyncgens())
            return kept
        finally:
            loop.close()

    def others() -> int:
        assert between.wait(DEADLINE)
        try:
            for _ in range(3):
                asyncio.run(client.conversations.get(conversation_id))
            return 3
        finally:
            others_done.set()

    assert _in_threads(worker, others) == [True, 3]
    asyncio.run(client.aclose())


def test_a_loop_whose_connections_cannot_be_made_gets_a_wix_error_and_others_recover(
    inbox: MockInbox, no_resource_warnings: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Making a loop's connections can fail (out of file descriptors while httpx reads the CA
    bundle): that call gets APIConnectionError, and the loop this thread left idle, whose
    state the attempt dropped, makes new connections on its next call. Before: the failure
    escaped as OSError, and the idle loop was handed its dropped, closed state for good."""
    conversation_id = inbox.create_conversation()["id"]
    client = AsyncInboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url)

    def out_of_files(concurrency: int) -> httpx.AsyncClient:
        raise OSError(24, "Too many open files")

    with asyncio.Runner() as runner:
        runner.run(client.conversations.get(conversation_id))
        monkeypatch.setattr(client, "_new_http", out_of_files)
        with pytest.raises(APIConnectionError, match="could not set up connections"):
            asyncio.run(client.conversations.get(conversation_id))
        monkeypatch.undo()
        for _ in range(3):
            got = runner.run(client.conversations.get(conversation_id))
            assert str(got.id) == conversation_id
        runner.run(client.aclose())


def test_aclose_driven_outside_any_event_loop_closes_the_client(inbox: MockInbox) -> None:
    """``aclose()`` run by hand (no event loop: a teardown that drives the coroutine itself)
    completes and closes the client. Before: RuntimeError, with the client half closed."""
    conversation_id = inbox.create_conversation()["id"]
    client = AsyncInboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url)
    asyncio.run(client.conversations.get(conversation_id))
    closing = client.aclose()
    with pytest.raises(StopIteration):
        closing.send(None)
    with pytest.raises(ClientClosedError, match="closed"):
        asyncio.run(client.conversations.get(conversation_id))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_threads_of_a_forked_child_making_their_first_calls_at_once_share_one_pool(
    inbox: MockInbox,
) -> None:
    """In a forked child the client makes its connections anew, once: six threads, each in
    its own event loop, making their first calls at the same moment each keep the state
    they made. Before: two threads could both renew the pool, and the second dropped the
    states the first had made (a loop's later lookup found none and made a second)."""
    conversation_id = inbox.create_conversation()["id"]
    client = AsyncInboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url)
    asyncio.run(client.conversations.get(conversation_id))  # the parent's pool is in use
    threads = 6

    def child() -> str:
        start = threading.Barrier(threads, timeout=20)
        recorded = threading.Barrier(threads, timeout=20)
        found: list[Any] = []

        async def first_calls() -> None:
            got = await asyncio.gather(
                *(client.conversations.get(conversation_id) for _ in range(3))
            )
            assert all(str(one.id) == conversation_id for one in got)
            found.append(client._pool.loops.get(asyncio.get_running_loop()))
            await asyncio.to_thread(recorded.wait)  # every loop still open while counting

        def run() -> None:
            start.wait()
            asyncio.run(first_calls())

        workers = [threading.Thread(target=run) for _ in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(30)
        states = len({id(state) for state in found if state is not None})
        return f"{len(found)} found, {states} states"

    for _ in range(3):  # bounded: a few children, each racing its threads
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child reports through the pipe
            signal.alarm(60)  # bounded: a child stuck (a lock held at the fork) is ended
            try:
                outcome = child()
            except BaseException as error:
                outcome = repr(error)[:200]
            os.write(write, outcome.encode())
            os._exit(0)
        os.close(write)
        os.waitpid(pid, 0)
        with os.fdopen(read, "rb") as pipe:
            assert pipe.read().decode() == f"{threads} found, {threads} states"
    asyncio.run(client.aclose())
