"""Benchmark of the client-side rate limiter against ``MockInbox(rate_limit=(20, 1.0))``.

200 ``conversations.get`` calls, async at concurrency 50 and sync from 8 threads, with the
client's limiter set to the mock's budget; plus the same async load with the limiter off (the
429s are then waited out together). The mock runs in its own process (``python -m
wix_inbox.testing``), as Wix is remote; the same runs with the mock in the benchmark's process
are reported too. Merges its figures into ``bench/results.json`` under the key
``rate_limiter`` (other keys are kept). See bench/README.md for the method.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import platform
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import httpx

from wix_inbox import AsyncInboxClient, InboxClient, WixError
from wix_inbox.testing import MockInbox

KEY = "rate_limiter"
BUDGET = (20, 1.0)


@attrs.define
class Server:
    url: str
    api_key: str
    site_id: str
    conversation_id: str
    statuses: list[int] = attrs.field(factory=list)  # every status the server answered

    def count(self, response: httpx.Response) -> None:
        self.statuses.append(response.status_code)

    async def acount(self, response: httpx.Response) -> None:
        self.statuses.append(response.status_code)


@contextlib.contextmanager
def served(own_process: bool) -> Iterator[Server]:
    """The mock with the budget, in its own process or in this one."""
    limit, window = BUDGET
    if not own_process:
        mock = MockInbox(rate_limit=BUDGET).start()
        try:
            cid = mock.create_conversation()["id"]
            yield Server(mock.url, mock.api_key, mock.site_id, cid)
        finally:
            mock.stop()
        return
    command = [sys.executable, "-m", "wix_inbox.testing", "--port", "0", "--demo-data"]
    command += ["--rate-limit", f"{limit}/{window:g}"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        found: dict[str, str] = {}
        for line in process.stdout:
            words = line.split()
            if line.startswith("Mock Wix Inbox serving at"):
                found["url"] = words[-1]
            elif line.startswith("  api key"):
                found["api_key"] = words[-1]
            elif line.startswith("  site id"):
                found["site_id"] = words[-1]
            elif "messages  (" in line and "conversation_id" not in found:
                found["conversation_id"] = words[0]
            elif line.startswith("Press Ctrl+C"):
                break
        yield Server(**found)
    finally:
        process.terminate()
        process.wait(10)


def _figures(server: Server, calls: int, errors: int, elapsed: float) -> dict[str, Any]:
    limit, window = BUDGET
    allowed_rate = limit / window
    # With a fresh budget the first `limit` calls go at once; the rest at the allowed rate.
    ideal = (calls - limit) / allowed_rate
    return {
        "calls": calls,
        "errors": errors,
        "seconds": round(elapsed, 3),
        "ideal_seconds": round(ideal, 3),
        "efficiency": round(ideal / elapsed, 4),
        "achieved_rate_per_s": round(calls / elapsed, 2),
        "allowed_rate_per_s": allowed_rate,
        "server_429s": server.statuses.count(429),
        "server_requests": len(server.statuses),
    }


def run_async(
    calls: int, concurrency: int, rate_limit: tuple[int, float] | None, own_process: bool
) -> dict[str, Any]:
    errors = 0
    with served(own_process) as server:

        async def main() -> float:
            nonlocal errors
            gate = asyncio.Semaphore(concurrency)
            http = httpx.AsyncClient(event_hooks={"response": [server.acount]})
            async with AsyncInboxClient(
                api_key=server.api_key,
                site_id=server.site_id,
                base_url=server.url,
                rate_limit=rate_limit,
                http_client=http,
            ) as client:

                async def one() -> None:
                    nonlocal errors
                    async with gate:
                        try:
                            await client.conversations.get(server.conversation_id)
                        except WixError:
                            errors += 1

                started = time.perf_counter()
                await asyncio.gather(*(one() for _ in range(calls)))
                elapsed = time.perf_counter() - started
            await http.aclose()
            return elapsed

        elapsed = asyncio.run(main())
        return {"concurrency": concurrency, **_figures(server, calls, errors, elapsed)}


def run_threads(
    calls: int, threads: int, rate_limit: tuple[int, float] | None, own_process: bool
) -> dict[str, Any]:
    errors = 0
    lock = threading.Lock()
    with served(own_process) as server:
        http = httpx.Client(event_hooks={"response": [server.count]})
        client = InboxClient(
            api_key=server.api_key,
            site_id=server.site_id,
            base_url=server.url,
            rate_limit=rate_limit,
            http_client=http,
        )

        def work(count: int) -> None:
            nonlocal errors
            copy = client.with_options(timeout=30)  # copies share the one limiter
            for _ in range(count):
                try:
                    copy.conversations.get(server.conversation_id)
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
        http.close()
        return {"threads": threads, **_figures(server, calls, errors, elapsed)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--output", type=Path, default=Path(__file__).with_name("results.json"))
    args = parser.parse_args()

    runs = {
        "async_concurrency_50": lambda: run_async(args.calls, 50, BUDGET, True),
        "sync_8_threads": lambda: run_threads(args.calls, 8, BUDGET, True),
        "async_concurrency_50_limiter_off": lambda: run_async(args.calls, 50, None, True),
        "in_process_async_concurrency_50": lambda: run_async(args.calls, 50, BUDGET, False),
        "in_process_sync_8_threads": lambda: run_threads(args.calls, 8, BUDGET, False),
    }
    results: dict[str, Any] = {
        "method": (
            f"mock rate_limit={BUDGET} (own process unless in_process_*); client "
            f"rate_limit={BUDGET}; {args.calls} conversations.get calls; "
            "efficiency = ((calls - 20) / (20 per s)) / elapsed; server_429s = 429s answered"
        ),
    }
    for name, run in runs.items():
        row = results[name] = run()
        print(
            f"{name:34} errors {row['errors']:3}  429s {row['server_429s']:3}  "
            f"{row['seconds']:6.2f} s  efficiency {row['efficiency']:.1%}",
            flush=True,
        )
    results["machine"] = (
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}"
    )
    results["generated_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    existing: dict[str, Any] = {}
    if args.output.exists():
        existing = json.loads(args.output.read_text(encoding="utf-8"))
    existing[KEY] = results
    args.output.write_text(json.dumps(existing, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
