"""Client-side rate limiting: keep under Wix's budget, and pause together after a 429.

Wix allows 200 requests per minute per site (or app instance). One :class:`RateLimiter` belongs
to a client and is shared by its :meth:`with_options` copies, so every call made through them
counts against one budget. It does two things:

* **A sliding window.** At most ``limit`` requests in any ``window`` seconds. A request counts
  from when it is sent until ``window`` seconds after its *response* arrived: the server counts
  it on arrival, which is somewhere in between, so the client never sees the window end earlier
  than the server does (however late a slow request arrives).
* **One shared pause after a 429.** A 429 means the budget is spent, whatever this client
  believes (another process may share the site). Every call of the client then waits until the
  pause ends (``Retry-After``, or backoff), each with a little jitter so they do not all restart
  at the same instant. See :meth:`wix_inbox._retry.RetryPolicy.delay_after_429` for how long a
  call keeps waiting (a total budget, not ``max_retries``).

The limiter never sleeps itself: :meth:`RateLimiter.acquire` answers "go, here is your slot" or
"wait this long", and the request loop in :mod:`wix_inbox._core` turns a wait into its ordinary
``Sleep`` action. So the same code serves the sync client (any number of threads: the state is
guarded by a lock held for microseconds) and the async one (any event loop: nothing here is
bound to a loop).

Which limit applies by default: ``rate_limit="auto"`` means Wix's own 200 per 60 s when the
client talks to Wix (``https://www.wixapis.com``), and no window anywhere else, so a test suite
running thousands of calls a minute against :class:`wix_inbox.testing.MockInbox` (or any other
base URL) is not slowed down. Pass ``rate_limit=(requests, seconds)`` to set one anywhere, or
``None`` to turn the window off. The 429 pause applies in every case.
"""

from __future__ import annotations

import os
import random
import threading
import time
import weakref
from typing import Literal, TypeAlias

import attrs
import httpx

from ._exceptions import InvalidArgumentError

__all__ = [
    "DEFAULT_RATE_LIMIT",
    "CallPauses",
    "RateLimitOption",
    "RateLimiter",
    "Slot",
    "Wait",
    "resolve_rate_limit",
]

# Wix's documented budget: 200 requests per minute per site.
DEFAULT_RATE_LIMIT = (200, 60.0)
WIX_HOST = "www.wixapis.com"
# A request in flight for this long past its window is taken to be lost (its caller abandoned
# the request loop without releasing the slot) and stops counting.
_LOST_AFTER = 600.0
# When every slot is in flight there is no expiry to wait for: look again after this long.
_POLL = 0.02

RateLimitOption: TypeAlias = tuple[int, float] | Literal["auto"] | None


def resolve_rate_limit(option: object, base_url: httpx.URL) -> tuple[int, float] | None:
    """The window to use for ``option`` (see the module docstring), checked."""
    if option == "auto":
        return DEFAULT_RATE_LIMIT if base_url.host == WIX_HOST else None
    if option is None:
        return None
    if isinstance(option, tuple) and len(option) == 2:
        requests, seconds = option
        if (
            isinstance(requests, int)
            and not isinstance(requests, bool)
            and requests >= 1
            and isinstance(seconds, (int, float))
            and not isinstance(seconds, bool)
            and 0 < seconds <= 86_400  # False for NaN
        ):
            return requests, float(seconds)
    raise InvalidArgumentError(
        'rate_limit must be "auto", None, or (requests >= 1, seconds > 0) such as (200, 60)'
    )


@attrs.define(eq=False)
class Slot:
    """One request's place in the window; counts from ``start`` until released + window."""

    start: float
    released: float | None = None


@attrs.frozen
class Wait:
    """Not yet: sleep ``seconds``, then ask again. ``pause_until`` is set when the wait is a
    429 pause (the caller records it in :class:`CallPauses` so it sleeps each pause once)."""

    seconds: float
    pause_until: float | None = None


@attrs.define
class CallPauses:
    """What one call has waited for 429s so far (its budget is checked against this)."""

    slept_through: float = 0.0  # the pause end (monotonic) this call has already waited for
    waited: float = 0.0  # seconds slept in pauses
    count: int = 0  # 429s this call received


_NO_SLOT = Slot(0.0, 0.0)  # handed out when no window applies; releasing it does nothing


class RateLimiter:
    """The sliding window and the 429 pause of one client (see the module docstring)."""

    def __init__(self, limit: tuple[int, float] | None) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._slots: list[Slot] = []
        self._pause_until = 0.0
        self._pause_jitter = 0.0
        _LIMITERS.add(self)

    def _after_fork(self) -> None:
        """In a forked child: only the forking thread lives on, so the slots of requests other
        threads had on the wire would never be released here (and the lock may be held
        forever). The child starts with an empty window and a new lock; a 429 pause is kept
        (it is what the server said about the budget, which the two processes share)."""
        self._lock = threading.Lock()
        self._slots = []

    def acquire(self, pauses: CallPauses) -> Slot | Wait:
        """A slot to send a request now, or how long to wait before asking again."""
        with self._lock:
            now = time.monotonic()
            if self._pause_until > max(now, pauses.slept_through):
                jitter = random.uniform(0.0, self._pause_jitter)
                return Wait(self._pause_until - now + jitter, self._pause_until)
            if self.limit is None:
                return _NO_SLOT
            requests, window = self.limit
            horizon = now - window
            lost = horizon - _LOST_AFTER
            self._slots = [
                s
                for s in self._slots
                if (s.released > horizon if s.released is not None else s.start > lost)
            ]
            if len(self._slots) < requests:
                slot = Slot(now)
                self._slots.append(slot)
                return slot
            expiries = [s.released for s in self._slots if s.released is not None]
            return Wait(min(expiries) - horizon if expiries else _POLL)

    def release(self, slot: Slot) -> None:
        """The request of ``slot`` is over (answered or failed): it counts one window more."""
        if slot is _NO_SLOT:
            return
        with self._lock:
            slot.released = time.monotonic()

    def pause(self, seconds: float, pauses: CallPauses) -> float:
        """Every call of the client waits ``seconds`` from now (or longer, if already asked).
        Returns how long the call that got the 429 sleeps (recorded in ``pauses``)."""
        with self._lock:
            now = time.monotonic()
            until = now + seconds
            if until > self._pause_until:
                self._pause_until = until
                # Spread the restart over up to a tenth of the pause (at most 1 s).
                self._pause_jitter = min(1.0, 0.1 * seconds)
            sleep = max(seconds, self._pause_until - now) + random.uniform(0.0, self._pause_jitter)
            pauses.slept_through = self._pause_until
            pauses.waited += sleep
            pauses.count += 1
            return sleep

    def __repr__(self) -> str:
        if self.limit is None:
            return "RateLimiter(off)"
        return f"RateLimiter({self.limit[0]} per {self.limit[1]:g} s)"


# Every limiter of the process, reset in a forked child before any of its code runs.
_LIMITERS: weakref.WeakSet[RateLimiter] = weakref.WeakSet()


def _reset_after_fork() -> None:
    for limiter in list(_LIMITERS):
        limiter._after_fork()


if hasattr(os, "register_at_fork"):  # POSIX; elsewhere there is no fork
    os.register_at_fork(after_in_child=_reset_after_fork)
