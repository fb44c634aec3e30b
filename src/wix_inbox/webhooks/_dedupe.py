"""Dropping duplicate deliveries: Wix retries a failed delivery for about 47 hours, always with
the same event id, and a delivery whose 200 came too late is retried although it was handled.

An event id has two states in a store. *In progress*: a delivery's handler is running; a
duplicate then gets a non-200 answer (409), so Wix tries again later instead of taking the
duplicate's 200 for the outcome of a handler that may still fail. *Done*: the handler succeeded;
a duplicate gets 200 and is dropped. A failed or cancelled handler's mark is discarded, so the
next retry is handled.

A shared store (several workers or hosts) implements :class:`EventStore`. With Redis, keep the
in-progress mark short-lived (a crashed worker's mark then expires and a later retry is handled)
and the done mark for Wix's whole retry window::

    class RedisEventStore:
        def __init__(self, redis):  # redis.Redis(...); redis.asyncio for AsyncEventStore
            self.redis = redis

        def add(self, event_id):      # atomic: only one delivery wins
            return bool(self.redis.set(f"wix-event:{event_id}", "running", nx=True, ex=300))

        def done(self, event_id):
            self.redis.set(f"wix-event:{event_id}", "done", ex=48 * 3600)

        def is_done(self, event_id):
            return self.redis.get(f"wix-event:{event_id}") == b"done"

        def discard(self, event_id):
            self.redis.delete(f"wix-event:{event_id}")

Give the in-progress mark a time-to-live longer than your handler ever takes (a handler should
answer within Wix's 1250 ms anyway) and well under Wix's first retry delay.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Protocol, runtime_checkable

from .._exceptions import InvalidArgumentError

__all__ = ["AsyncEventStore", "EventStore", "SeenEvents"]

# Wix retries for ~47 h; at a few events a second 10 000 ids cover minutes, not days. Size it to
# your traffic, or use a shared store with a time-to-live (see EventStore).
DEFAULT_MAX_EVENTS = 10_000

STORE_METHODS = ("add", "done", "is_done", "discard")

_RUNNING = False
_DONE = True


@runtime_checkable
class EventStore(Protocol):
    """Where event ids are kept while handled and once handled (e.g. Redis, a database table)."""

    def add(self, event_id: str) -> bool:
        """Mark ``event_id`` in progress unless it is in progress or done (atomically); True
        when it was marked (handle the event), False for a duplicate."""
        ...

    def done(self, event_id: str) -> None:
        """Mark ``event_id`` done: its handler succeeded (keep it for Wix's ~47 h of retries)."""
        ...

    def is_done(self, event_id: str) -> bool:
        """True when ``event_id`` is done (a duplicate gets 200), False when in progress or
        unknown (the duplicate gets 409 and Wix retries it later)."""
        ...

    def discard(self, event_id: str) -> None:
        """Forget ``event_id``: its handler failed or was cancelled; let the retry through."""
        ...


@runtime_checkable
class AsyncEventStore(Protocol):
    """:class:`EventStore` with coroutine methods, for the ASGI adapter (e.g. redis.asyncio)."""

    async def add(self, event_id: str) -> bool: ...

    async def done(self, event_id: str) -> None: ...

    async def is_done(self, event_id: str) -> bool: ...

    async def discard(self, event_id: str) -> None: ...


def check_store(store: object) -> None:
    """Refuse a store that lacks a method of the protocol, naming what is missing."""
    missing = [name for name in STORE_METHODS if not callable(getattr(store, name, None))]
    if missing:
        raise InvalidArgumentError(
            "seen must be an EventStore (add, done, is_done, discard) or None; "
            f"it has no {', '.join(missing)}"
        )


class SeenEvents:
    """A bounded, thread-safe, in-memory :class:`EventStore`: the newest ``max_events`` ids.

    Per process only: with several workers or hosts, or across restarts, use a shared store.
    The oldest id is forgotten first, done or in progress alike.
    """

    def __init__(self, max_events: int = DEFAULT_MAX_EVENTS) -> None:
        if isinstance(max_events, bool) or not isinstance(max_events, int) or max_events < 1:
            raise InvalidArgumentError("max_events must be a whole number of at least 1")
        self.max_events = max_events
        self._ids: OrderedDict[str, bool] = OrderedDict()  # id -> done?
        self._lock = threading.Lock()

    def add(self, event_id: str) -> bool:
        with self._lock:
            if event_id in self._ids:
                self._ids.move_to_end(event_id)
                return False
            self._ids[event_id] = _RUNNING
            while len(self._ids) > self.max_events:
                self._ids.popitem(last=False)
            return True

    def done(self, event_id: str) -> None:
        with self._lock:
            self._ids[event_id] = _DONE
            self._ids.move_to_end(event_id)
            while len(self._ids) > self.max_events:
                self._ids.popitem(last=False)

    def is_done(self, event_id: str) -> bool:
        with self._lock:
            return self._ids.get(event_id, _RUNNING) is _DONE

    def discard(self, event_id: str) -> None:
        with self._lock:
            self._ids.pop(event_id, None)

    def __contains__(self, event_id: object) -> bool:
        with self._lock:
            return event_id in self._ids

    def __len__(self) -> int:
        with self._lock:
            return len(self._ids)

    def __repr__(self) -> str:
        return f"SeenEvents({len(self)}/{self.max_events} ids)"
