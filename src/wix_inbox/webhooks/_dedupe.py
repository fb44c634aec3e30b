"""Dropping duplicate deliveries: Wix retries a failed delivery for about 47 hours, always with
the same event id, and a delivery whose 200 came too late is retried although it was handled.

A store records the ids of events being handled or handled. ``add`` must be atomic (two
deliveries of one event may arrive at once): Redis ``SET id 1 NX EX 172800`` is one. ``discard``
forgets an id whose handler failed, so Wix's next retry is handled instead of dropped.
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


@runtime_checkable
class EventStore(Protocol):
    """Where handled event ids are kept (e.g. Redis, a database table with a unique key)."""

    def add(self, event_id: str) -> bool:
        """Record ``event_id``; True when it was not recorded yet (handle the event)."""
        ...

    def discard(self, event_id: str) -> None:
        """Forget ``event_id`` (its handler failed; let the retry through)."""
        ...


@runtime_checkable
class AsyncEventStore(Protocol):
    """:class:`EventStore` with coroutine methods, for the ASGI adapter (e.g. redis.asyncio)."""

    async def add(self, event_id: str) -> bool: ...

    async def discard(self, event_id: str) -> None: ...


class SeenEvents:
    """A bounded, thread-safe, in-memory :class:`EventStore`: the newest ``max_events`` ids.

    Per process only: with several workers or hosts, or across restarts, use a shared store.
    """

    def __init__(self, max_events: int = DEFAULT_MAX_EVENTS) -> None:
        if isinstance(max_events, bool) or not isinstance(max_events, int) or max_events < 1:
            raise InvalidArgumentError("max_events must be a whole number of at least 1")
        self.max_events = max_events
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, event_id: str) -> bool:
        with self._lock:
            if event_id in self._ids:
                self._ids.move_to_end(event_id)
                return False
            self._ids[event_id] = None
            while len(self._ids) > self.max_events:
                self._ids.popitem(last=False)
            return True

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
