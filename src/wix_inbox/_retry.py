"""When to retry a request, and how long to wait first.

The one rule that matters most: a request that may create something (sending a message) is
retried only when Wix certainly never saw it (the connection was never made) or when Wix said
so explicitly (429). After a read timeout, a broken connection or a 5xx the message may have
been stored, so retrying could send it twice; the error goes to the caller instead.
"""

from __future__ import annotations

import email.utils
import math
import random
import time
from collections.abc import Mapping

import attrs
import httpx

__all__ = ["RetryPolicy", "retry_after_seconds"]

# Statuses after which repeating a read is safe and likely to succeed.
_RETRYABLE_READ_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# For a write only an explicit "slow down" is safe: Wix rejected the request unprocessed.
_RETRYABLE_WRITE_STATUSES = frozenset({429})
# Failures where the request may have reached Wix: reads only.
_READ_RETRY_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
# Failures before a single byte reached Wix: safe for every request.
_NEVER_SENT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@attrs.frozen
class RetryPolicy:
    """How many times to retry and how long to wait between tries.

    Backoff starts at ``initial_delay`` and doubles up to ``max_delay``, with jitter so that many
    clients do not retry in lockstep. A ``Retry-After`` from Wix replaces the backoff when it is
    at most ``max_retry_after`` seconds; a longer one is not waited for at all.
    """

    max_retries: int = attrs.field(default=2, validator=attrs.validators.ge(0))
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    # 429s do not count against max_retries: a call waits them out (all calls of the client
    # together, see wix_inbox._ratelimit) until it has waited this many seconds in all.
    rate_limit_budget: float = 120.0

    def backoff(self, retry_number: int) -> float:
        """Delay before retry number ``retry_number`` (0 for the first retry)."""
        base: float = min(self.initial_delay * (2**retry_number), self.max_delay)
        return base * (0.75 + 0.25 * random.random())

    def delay_after_error(
        self, error: httpx.HTTPError, *, retry_number: int, idempotent: bool
    ) -> float | None:
        """Seconds to wait before retrying after a transport error, or None to give up."""
        if retry_number >= self.max_retries:
            return None
        safe = _NEVER_SENT_ERRORS if not idempotent else (*_NEVER_SENT_ERRORS, *_READ_RETRY_ERRORS)
        if not isinstance(error, safe):
            return None
        return self.backoff(retry_number)

    def delay_after_429(
        self, response: httpx.Response, *, count: int, waited: float
    ) -> float | None:
        """Seconds the whole client pauses after the ``count``-th 429 (0 for the first) of a
        call that has already waited ``waited`` seconds for 429s; None to give up.

        A 429 means Wix rejected the request unprocessed, so repeating it is safe even for a
        message send. It does not use up ``max_retries``: a burst of 429s is normal when many
        calls share the budget. What bounds the wait is ``rate_limit_budget`` in total, and a
        single ``Retry-After`` longer than ``max_retry_after`` is not waited for at all.
        """
        asked = retry_after_seconds(response.headers)
        if asked is None:
            delay = self.backoff(count)
        elif asked > self.max_retry_after:
            return None
        else:
            # From the second 429 on, at least the backoff: a server repeating "Retry-After: 0"
            # must not make the call spin (and the budget would never run out).
            delay = max(asked, self.backoff(count - 1)) if count else asked
        if waited + delay > self.rate_limit_budget:
            return None
        return delay

    def delay_after_status(
        self, response: httpx.Response, *, retry_number: int, idempotent: bool
    ) -> float | None:
        """Seconds to wait before retrying after an error status, or None to give up."""
        if retry_number >= self.max_retries:
            return None
        statuses = _RETRYABLE_READ_STATUSES if idempotent else _RETRYABLE_WRITE_STATUSES
        if response.status_code not in statuses:
            return None
        asked = retry_after_seconds(response.headers)
        if asked is None:
            return self.backoff(retry_number)
        if asked > self.max_retry_after:
            return None
        return asked


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """The wait a response asks for: ``retry-after-ms``, or ``Retry-After`` in seconds or as
    an HTTP date. None when absent or unreadable."""
    millis = _number(headers.get("retry-after-ms"))
    if millis is not None:
        return max(millis / 1000.0, 0.0)
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _number(value)
    if seconds is not None:
        return max(seconds, 0.0)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _number(text: str | None) -> float | None:
    """``text`` as a number (inf allowed: a wait too long to honour); None if absent, unreadable
    or NaN, which would otherwise reach ``time.sleep`` and raise ValueError there."""
    if text is None:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return None if math.isnan(number) else number
