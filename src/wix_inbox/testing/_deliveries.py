"""The mock's webhook deliveries: signed events POSTed to a URL like Wix does, with retries.

Events are queued by whoever causes them (a request handler of the mock, or the test thread)
and delivered by a scheduler thread and a few worker threads, so a receiver that calls the mock
back from its handler (a bot replying) never waits on the mock and the mock never waits on it.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Literal

import attrs
import httpx

__all__ = ["WIX_RETRY_DELAYS", "WebhookDeliverer", "WebhookDelivery", "WebhookEventRecord"]

# Wix's resend policy: after a failed delivery, 12 more tries after these waits (~47 h in all).
WIX_RETRY_DELAYS: tuple[float, ...] = tuple(
    60.0 * m for m in (1, 10, 60, 120, 120, 120, 240, 240, 240, 480, 480, 720)
)
# Wix counts a delivery as failed when no 200 arrives within 1250 ms.
WIX_DELIVERY_TIMEOUT = 1.25

Outcome = Literal["delivered", "failed", "timeout", "error", "injected_failure"]


@attrs.frozen
class WebhookEventRecord:
    """One event the mock emitted: its id, type and signed body (the same on every retry)."""

    event_id: str
    event_type: str
    body: str = attrs.field(repr=False)


@attrs.frozen
class WebhookDelivery:
    """One delivery attempt: ``attempt`` counts from 1; ``status`` is the receiver's answer
    (None when none came); ``outcome`` says whether it counted as delivered."""

    event_id: str
    event_type: str
    attempt: int
    url: str
    started_at: datetime
    duration: float
    status: int | None
    outcome: Outcome
    error: str | None = None


@attrs.define
class _Pending:
    record: WebhookEventRecord
    url: str
    attempt: int = 0


class WebhookDeliverer:
    """Queues events and delivers them on background threads (started on first use)."""

    def __init__(
        self,
        *,
        url: Callable[[], str | None],
        timeout: float,
        retry_delays: Sequence[float],
    ) -> None:
        self._url = url
        self.timeout = timeout
        self.retry_delays = tuple(retry_delays)
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, _Pending]] = []
        self._order = itertools.count()
        self._in_flight = 0
        self._failures_to_inject = 0
        self._events: list[WebhookEventRecord] = []
        self._deliveries: list[WebhookDelivery] = []
        self._thread: threading.Thread | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._client: httpx.Client | None = None
        self._closed = False

    # -- queueing ---------------------------------------------------------------------------

    def emit(self, record: WebhookEventRecord) -> None:
        """Record the event and, when a URL is set, deliver it."""
        with self._cond:
            self._events.append(record)
            url = self._url()
            if url is None or self._closed:
                return
            self._ensure_started()
            self._push(time.monotonic(), _Pending(record, url))

    def inject_failures(self, times: int) -> None:
        with self._cond:
            self._failures_to_inject += times

    def _push(self, due: float, pending: _Pending) -> None:
        heapq.heappush(self._heap, (due, next(self._order), pending))
        self._cond.notify_all()

    # -- inspecting --------------------------------------------------------------------------

    @property
    def events(self) -> list[WebhookEventRecord]:
        with self._cond:
            return list(self._events)

    @property
    def deliveries(self) -> list[WebhookDelivery]:
        with self._cond:
            return list(self._deliveries)

    def wait_idle(self, timeout: float) -> bool:
        """Wait until nothing is queued, scheduled for retry or in flight; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._heap or self._in_flight:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
            return True

    # -- threads -----------------------------------------------------------------------------

    def _ensure_started(self) -> None:
        if self._thread is not None:
            return
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.timeout), trust_env=False, follow_redirects=False
        )
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="wix-inbox-webhook")
        self._thread = threading.Thread(
            target=self._schedule, name="wix-inbox-webhook-scheduler", daemon=True
        )
        self._thread.start()

    def _schedule(self) -> None:
        with self._cond:
            while not self._closed:
                if not self._heap:
                    self._cond.wait()
                    continue
                due = self._heap[0][0]
                wait = due - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                _, _, pending = heapq.heappop(self._heap)
                self._in_flight += 1
                assert self._pool is not None
                self._pool.submit(self._attempt, pending, self._client)

    def _attempt(self, pending: _Pending, client: httpx.Client | None) -> None:
        pending.attempt += 1
        started = datetime.now(UTC)
        clock = time.monotonic()
        status: int | None = None
        error: str | None = None
        outcome: Outcome
        try:
            assert client is not None
            response = client.post(
                pending.url,
                content=pending.record.body.encode("ascii"),
                headers={"content-type": "text/plain; charset=utf-8"},
            )
            status = response.status_code
            outcome = "delivered" if status == 200 else "failed"
        except httpx.TimeoutException:
            outcome, error = "timeout", f"no answer within {self.timeout:g} s"
        except Exception as exc:  # the receiver is down, refused, reset...
            outcome, error = "error", type(exc).__name__
        duration = time.monotonic() - clock
        with self._cond:
            if outcome == "delivered" and self._failures_to_inject > 0:
                self._failures_to_inject -= 1
                outcome = "injected_failure"
                error = "the 200 counted as too late (injected)"
            self._deliveries.append(
                WebhookDelivery(
                    event_id=pending.record.event_id,
                    event_type=pending.record.event_type,
                    attempt=pending.attempt,
                    url=pending.url,
                    started_at=started,
                    duration=duration,
                    status=status,
                    outcome=outcome,
                    error=error,
                )
            )
            if outcome != "delivered" and pending.attempt <= len(self.retry_delays):
                delay = self.retry_delays[pending.attempt - 1]
                if not self._closed:
                    self._push(time.monotonic() + delay, pending)
            self._in_flight -= 1
            self._cond.notify_all()

    def close(self) -> None:
        """Stop delivering (pending retries are dropped) and join the threads."""
        with self._cond:
            self._closed = True
            self._heap.clear()
            self._cond.notify_all()
            thread, pool, client = self._thread, self._pool, self._client
            self._thread = self._pool = self._client = None
        if thread is not None:
            thread.join(5.0)
        if pool is not None:
            pool.shutdown(wait=True)
        if client is not None:
            client.close()

    def reopen(self) -> None:
        with self._cond:
            self._closed = False
