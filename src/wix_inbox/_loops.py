"""What each event loop uses of an ``AsyncInboxClient``: its own connections, gate and slots.

An ``httpx.AsyncClient``'s connections belong to the event loop that opened them, and an
``asyncio.Lock`` or ``BoundedSemaphore`` to the loop that first waited on it. One client used by
two loops at once (two threads, each in ``asyncio.run``) therefore needs one set per loop: a
single set swapped whenever the running loop changed had each loop replace the other's objects
under calls in flight (the calls failed with a misleading ``ClientClosedError``, or worse, drove
one loop's connections from the other). Here each loop gets its own :class:`LoopState`, made on
its first call and kept in :class:`LoopStates` (keyed weakly by the loop, under a thread lock);
nothing a loop uses is ever replaced while it runs. What stays shared by every loop is what is
not bound to one: the credentials and token, the rate limiter, and the closed flag. A state is
dropped once no loop will use it (:meth:`LoopStates.add` says when), since it keeps its loop
and that loop's sockets alive.

Closing: a loop's connections are closed *by that loop* (another thread cannot do it: the
sockets' transports belong to it). ``aclose()`` closes the calling loop's at once and asks every
other loop still open to close its own (without waiting: that loop may be busy or stopped).
And each state registers a tiny async generator with its loop, which ``asyncio.run`` (and
``asyncio.Runner``, pytest-asyncio...) closes in ``loop.shutdown_asyncgens()`` before the loop
ends: so a loop's connections are closed when the loop is shut down even if nobody calls
``aclose()`` (each ``asyncio.run`` used to leave its pool to the garbage collector, with a
``ResourceWarning`` per socket). A loop closed by hand without ``shutdown_asyncgens()`` gives
no such chance: its sockets are left to the garbage collector, as asyncio leaves them. So is
a connection httpcore is still opening when a close lands (its pool's ``aclose()`` does not
close a connection that has not connected yet); calls on the wire are otherwise stopped.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import AsyncGenerator, Callable
from typing import TYPE_CHECKING, Any

import httpx

from ._core import TokenGate

if TYPE_CHECKING:
    import asyncio  # not loaded by this module: a sync program never needs asyncio

__all__ = ["LoopState", "LoopStates", "close_soon"]


class LoopState:
    """One event loop's HTTP client, token gate and concurrency slots."""

    __slots__ = (
        "active",
        "closer",
        "closing",
        "gate",
        "http",
        "left",
        "owned",
        "slots",
        "spent",
        "thread",
    )

    def __init__(self, http: httpx.AsyncClient, gate: TokenGate, slots: Any, owned: bool) -> None:
        self.http = http
        self.gate = gate
        self.slots = slots
        self.owned = owned  # the client made ``http`` (so it closes it)
        self.active = 0  # calls under way with this state (changed by its loop's thread only)
        self.spent = False  # its loop's shutdown_asyncgens() closes (or closed) ``http``
        self.thread = threading.current_thread()  # the thread that runs the loop
        self.closer: AsyncGenerator[None, None] | None = None
        self.closing: asyncio.Task[None] | None = None  # see close_soon
        self.left: list[Any] = []  # see _close_connections

    def idle_in(self, thread: threading.Thread) -> bool:
        """True when the state's loop, not running now, can only be one ``thread`` left behind
        (or one whose thread has ended), with no call of this client under way in it."""
        if self.active:
            return False
        return self.thread is thread or not self.thread.is_alive()

    async def close_at_loop_end(self) -> None:
        """Registers the closing of ``http`` with the running loop's shutdown (see the module
        docstring). Run in the loop, on its first call; the generator is kept here because the
        loop holds its generators weakly."""
        if self.closer is None and self.owned:
            self.closer = _close_at_shutdown(self)
            await self.closer.asend(None)  # now suspended in its ``try``: registered


async def _close_at_shutdown(state: LoopState) -> AsyncGenerator[None, None]:
    try:
        yield
    finally:  # loop.shutdown_asyncgens(), or the state collected while its loop runs
        await _close(state)


async def _close(state: LoopState) -> None:
    import asyncio  # loaded already: this runs in an event loop

    state.spent = True
    if state.closing is not None:
        # A close_soon() that the loop's end reached first: the sockets it closes are closed
        # by callbacks of this loop, which must run before the loop is closed.
        await asyncio.wait([state.closing])
    http = state.http
    with contextlib.suppress(Exception):  # closing again is harmless; nothing to report to
        for connection in state.left:
            await connection.aclose()
        await http.aclose()
        # Again, past httpx's "already closed": calls that were on the wire when aclose()
        # came put their connections back into httpcore's pool afterwards (it stays usable
        # once closed). By now the loop's tasks have ended, so none comes back after this.
        await http._transport.aclose()


class LoopStates:
    """The :class:`LoopState` of each loop that used one client (and its ``with_options``
    copies), and what the client's pool has given to loops. Thread-safe: loops in several
    threads look up and add their own. Made anew, with the pool, in a forked child."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._states: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, LoopState] = (
            weakref.WeakKeyDictionary()
        )
        # The last loop looked up and its state, so that a program with one loop finds its
        # state without the lock (AsyncInboxClient._loop_state reads it, in one read: another
        # thread may replace it meanwhile). Written under the lock, always a state of _states.
        self.last: tuple[asyncio.AbstractEventLoop, LoopState] | None = None
        # The connections, gate and slots made with the client serve a loop (the first).
        self.taken = False
        # A given http_client: the loop whose connections it holds.
        self.user_loop: weakref.ref[asyncio.AbstractEventLoop] | None = None

    def get(self, loop: asyncio.AbstractEventLoop) -> LoopState | None:
        with self._lock:
            state = self._states.get(loop)
            if state is not None:
                self.last = (loop, state)
            return state

    def add(
        self,
        loop: asyncio.AbstractEventLoop,
        make: Callable[[asyncio.AbstractEventLoop], LoopState],
        stale: LoopState | None = None,
    ) -> LoopState:
        """The state of ``loop`` (which runs in this thread), made by ``make(loop)`` if it has
        none yet (or has ``stale``, which it replaces).

        A state keeps its loop alive (its locks and connections refer to it), so states no
        loop will use again are dropped first, or a client would keep every loop it ever saw
        with their sockets (~250 calls each in ``new_event_loop().run_until_complete(...)``,
        never closed, reached the limit of open files):

        * a closed loop's (``asyncio.run`` closed its connections as it ended it);
        * a loop left behind by this thread, or by a thread that has ended, that is not
          running and has no call under way (:meth:`LoopState.idle_in`). Its connections are
          closed by that loop if it runs again (:func:`close_soon`), else by the garbage
          collector with the loop; its next call, if any, makes a new state.

        An idle loop of another live thread (a worker's loop between two jobs) keeps its
        state: dropping it would reconnect on every job, and a call it still has waiting
        would hold the old state while new calls made a second one (two concurrency bounds
        in one loop)."""
        with self._lock:
            state = self._states.get(loop)
            if state is None or state is stale:
                self.last = None  # names a state of _states only, even if make() raises
                here = threading.current_thread()
                for other, held in list(self._states.items()):
                    if other is loop:
                        continue
                    if other.is_closed():
                        del self._states[other]
                    elif not other.is_running() and held.idle_in(here):
                        del self._states[other]
                        held.spent = True  # a call that still finds it makes a new one
                        if held.owned:
                            close_soon(other, held)
                state = self._states[loop] = make(loop)
            self.last = (loop, state)
            return state

    def items(self) -> list[tuple[asyncio.AbstractEventLoop, LoopState]]:
        with self._lock:
            return list(self._states.items())


# Tasks closing a client's connections in their loop (a loop keeps only weak references to
# its tasks, and nobody awaits these).
_closing: set[Any] = set()


def close_soon(loop: asyncio.AbstractEventLoop, state: LoopState) -> None:
    """Has ``loop`` (of another thread) close ``state.http`` as soon as it runs, without
    waiting for it: that loop may be busy, stopped for now, or closing. Nothing to do if it
    is closed."""

    def start() -> None:
        if state.closing is None:
            task = state.closing = loop.create_task(_close_connections(state))
            _closing.add(task)
            task.add_done_callback(_closing.discard)

    with contextlib.suppress(RuntimeError):  # "Event loop is closed"
        loop.call_soon_threadsafe(start)


async def _close_connections(state: LoopState) -> None:
    """``state.http.aclose()``, noting its connections first: httpcore takes them all out of
    its pool before closing them one by one, so an ``asyncio.run`` ending meanwhile (it
    cancels every task, this one too) would leave the rest open with no pool to find them.
    The loop's final close (:func:`_close`) closes those noted."""
    state.left = _connections(state.http)
    with contextlib.suppress(Exception):  # in a task nobody awaits: nothing to report to
        await state.http.aclose()


def _connections(http: httpx.AsyncClient) -> list[Any]:
    """httpcore's connections of the pools of ``http`` (a client this package made: an
    ``httpx.AsyncHTTPTransport`` or a :class:`wix_inbox._pool.ShardedTransport` of them)."""
    transport = getattr(http, "_transport", None)
    found: list[Any] = []
    for shard in getattr(transport, "_shards", [transport]):
        found.extend(getattr(getattr(shard, "_pool", None), "connections", ()))
    return found
