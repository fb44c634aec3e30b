"""The mock's webhook deliveries: signed events POSTed to a URL like Wix does, with retries.

Events are queued by whoever causes them (a request handler of the mock, or the test thread)
and delivered by a scheduler thread and a few worker threads, so a receiver that calls the mock
back from its handler (a bot replying) never waits on the mock and the mock never waits on it.

Each attempt has a deadline for the whole exchange, as Wix's 1250 ms is: a watchdog shuts the
attempt's socket down when it passes, so a receiver that trickles its answer a byte at a time
(which a per-read timeout such as httpx's never stops) counts as a timeout, and ``stop()`` cuts
every attempt in flight short. The attempt is a one-connection ``http.client`` exchange because
that owns its socket from the start (httpx exposes it only once the headers have arrived).
"""

from __future__ import annotations

import contextlib
import heapq
import http.client
import itertools
import socket
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import urlsplit

import attrs

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
        self._active: set[_Exchange] = set()  # attempts in flight, cut short by close()
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
                self._pool.submit(self._attempt, pending)

    def _attempt(self, pending: _Pending) -> None:
        pending.attempt += 1
        started = datetime.now(UTC)
        clock = time.monotonic()
        status: int | None = None
        error: str | None = None
        outcome: Outcome
        exchange = _Exchange(pending.url, self.timeout)
        with self._cond:
            if self._closed:
                exchange.abort()
            self._active.add(exchange)
        try:
            status = exchange.post(pending.record.body.encode("ascii"))
            outcome = "delivered" if status == 200 else "failed"
        except TimeoutError:
            outcome, error = "timeout", f"no answer within {self.timeout:g} s"
        except Exception as exc:  # the receiver is down, refused, reset, too slow...
            outcome, error = "error", type(exc).__name__
        finally:
            with self._cond:
                self._active.discard(exchange)
        if exchange.late:  # a 200 after the deadline is no delivery, as for Wix
            status = None
            outcome, error = "timeout", f"no whole answer within {self.timeout:g} s"
        elif exchange.aborted:
            status = None
            outcome, error = "error", "the mock stopped during the delivery"
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
        """Stop delivering (pending retries are dropped; attempts in flight are cut short) and
        join the threads."""
        with self._cond:
            self._closed = True
            self._heap.clear()
            self._cond.notify_all()
            for exchange in self._active:
                exchange.abort()
            thread, pool = self._thread, self._pool
            self._thread = self._pool = None
        if thread is not None:
            thread.join(5.0)
        if pool is not None:
            pool.shutdown(wait=True)  # quick: every socket in flight was shut down above

    def reopen(self) -> None:
        with self._cond:
            self._closed = False


class _Exchange:
    """One POST over its own connection, with a deadline for the whole of it: a watchdog
    shuts the socket down when the deadline passes (``late``) or when the mock stops
    (``abort``), which wakes a blocked read at once."""

    def __init__(self, url: str, timeout: float) -> None:
        self.url = url
        self.timeout = timeout
        self.late = False
        self.aborted = False
        self._lock = threading.Lock()
        self._connection: http.client.HTTPConnection | None = None

    def post(self, body: bytes) -> int:
        """The receiver's status (its answer read whole, up to 64 KiB)."""
        parts = urlsplit(self.url)  # ValueError (a bad port...) is recorded as an error
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        host, port = parts.hostname or "", parts.port
        connection = (
            http.client.HTTPSConnection(
                host, port, timeout=self.timeout, context=ssl.create_default_context()
            )
            if parts.scheme == "https"
            else http.client.HTTPConnection(host, port, timeout=self.timeout)
        )
        with self._lock:
            self._connection = connection
        watchdog = threading.Timer(self.timeout, self._expire)
        watchdog.daemon = True
        watchdog.start()
        try:
            connection.connect()
            with self._lock:
                if self.late or self.aborted:
                    raise TimeoutError("the deadline passed while connecting")
            connection.request(
                "POST",
                target,
                body=body,
                headers={"Content-Type": "text/plain; charset=utf-8", "Connection": "close"},
            )
            response = connection.getresponse()
            response.read(65536)
            return response.status
        finally:
            watchdog.cancel()
            connection.close()

    def _expire(self) -> None:
        with self._lock:
            self.late = True
            self._shut()

    def abort(self) -> None:
        with self._lock:
            self.aborted = True
            self._shut()

    def _shut(self) -> None:
        sock = self._connection.sock if self._connection is not None else None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
