"""Benchmark of the client-side rate limiter against ``MockInbox(rate_limit=(20, 1.0))``.

200 ``conversations.get`` calls, async at concurrency 50 and sync from 8 threads, with the
client's limiter set to the mock's budget; plus the same async load with the limiter off (the
429s are then waited out together). Merges its figures into ``bench/results.json`` under the
key ``rate_limiter`` (other keys are kept). See bench/README.md for the method.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import threading
import time
from pathlib import Path
from typing import Any

from wix_inbox import AsyncInboxClient, InboxClient, WixError
from wix_inbox.testing import MockInbox

KEY = "rate_limiter"
BUDGET = (20, 1.0)


def _mock() -> MockInbox:
    return MockInbox(rate_limit=BUDGET).start()


def _figures(mock: MockInbox, calls: int, errors: int, elapsed: float) -> dict[str, Any]:
    limit, window = BUDGET
    allowed_rate = limit / window
    # With a fresh budget the first `limit` calls go at once; the rest at the allowed rate.
    ideal = (calls - limit) / allowed_rate
    statuses = [r.status for r in mock.requests]
    return {
        "calls": calls,
        "errors": errors,
        "seconds": round(elapsed, 3),
        "ideal_seconds": round(ideal, 3),
        "efficiency": round(ideal / elapsed, 4),
        "achieved_rate_per_s": round(calls / elapsed, 2),
        "allowed_rate_per_s": allowed_rate,
        "server_429s": statuses.count(429),
        "server_requests": len(statuses),
    }


def run_async(calls: int, concurrency: int, rate_limit: tuple[int, float] | None) -> dict[str, Any]:
    mock = _mock()
    cid = mock.create_conversation()["id"]
    errors = 0

    async def main() -> float:
        nonlocal errors
        gate = asyncio.Semaphore(concurrency)
        async with AsyncInboxClient(
            api_key=mock.api_key, site_id=mock.site_id, base_url=mock.url, rate_limit=rate_limit
        ) as client:

            async def one() -> None:
                nonlocal errors
                async with gate:
                    try:
                        await client.conversations.get(cid)
                    except WixError:
                        errors += 1

            started = time.perf_counter()
            await asyncio.gather(*(one() for _ in range(calls)))
            return time.perf_counter() - started

    try:
        elapsed = asyncio.run(main())
        return {"concurrency": concurrency, **_figures(mock, calls, errors, elapsed)}
    finally:
        mock.stop()


def run_threads(calls: int, threads: int, rate_limit: tuple[int, float] | None) -> dict[str, Any]:
    mock = _mock()
    cid = mock.create_conversation()["id"]
    errors = 0
    lock = threading.Lock()
    client = InboxClient(
        api_key=mock.api_key, site_id=mock.site_id, base_url=mock.url, rate_limit=rate_limit
    )

    def work(count: int) -> None:
        nonlocal errors
        copy = client.with_options(timeout=30)  # copies share the one limiter
        for _ in range(count):
            try:
                copy.conversations.get(cid)
            except WixError:
                with lock:
                    errors += 1

    shares = [calls // threads + (1 if i < calls % threads else 0) for i in range(threads)]
    workers = [threading.Thread(target=work, args=(n,)) for n in shares]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    client.close()
    mock.stop()
    return {"threads": threads, **_figures(mock, calls, errors, elapsed)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--output", type=Path, default=Path(__file__).with_name("results.json"))
    args = parser.parse_args()

    results = {
        "method": (
            f"MockInbox(rate_limit={BUDGET}); client rate_limit={BUDGET}; {args.calls} "
            "conversations.get calls; efficiency = ((calls - 20) / 20 per s) / elapsed"
        ),
        "async_concurrency_50": run_async(args.calls, 50, BUDGET),
        "sync_8_threads": run_threads(args.calls, 8, BUDGET),
        "async_concurrency_50_limiter_off": run_async(args.calls, 50, None),
        "machine": f"{platform.system()} {platform.machine()}, Python {platform.python_version()}",
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    for name in ("async_concurrency_50", "sync_8_threads", "async_concurrency_50_limiter_off"):
        row = results[name]
        print(
            f"{name:34} errors {row['errors']:3}  429s {row['server_429s']:3}  "
            f"{row['seconds']:6.2f} s  efficiency {row['efficiency']:.1%}"
        )
    existing: dict[str, Any] = {}
    if args.output.exists():
        existing = json.loads(args.output.read_text(encoding="utf-8"))
    existing[KEY] = results
    args.output.write_text(json.dumps(existing, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
