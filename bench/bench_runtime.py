"""Benchmarks of the runtime around the requests: import cost and async fan-out (``nox -s bench``).

a. import: ``from wix_inbox import InboxClient, AsyncInboxClient`` (what a user's first line
   costs) against ``import httpx``, each in a fresh interpreter, interleaved in rounds; median
   of the rounds; once with the plain install (``--plain-python``) and once with the ``[mock]``
   extra installed (this interpreter). Also ``import wix_inbox`` alone, and the pytest plugin
   after ``import pytest`` (what every pytest run of a project with the package pays), with the
   list of what the plugin loads.
b. async fan-out: 1,000 ``AsyncInboxClient.conversations.get`` calls at concurrency 10, 20 and
   50 (an ``asyncio.Semaphore`` of the caller) against a server answering every request after
   20 ms, next to the same loop with a raw ``httpx.AsyncClient`` (default limits) +
   ``json.loads``; plus sequential calls (one at a time) for the speed-up. The server is a tiny
   asyncio HTTP/1.1 keep-alive server in its own process (``--serve``), not the mock: the
   mock's own CPU per request would be what is measured at concurrency 50.

Writes its figures under the top-level keys ``import`` and ``async_fanout`` of ``--output``
(default bench/results.json), keeping every other key. Nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CONVERSATION_ID = "6fd2b962-dd8f-382f-8d27-ae63f188c939"
IMPORT_TARGET = 2.0
FANOUT_TARGET = 12.0

# ----------------------------------------------------------------------------------- import

_TIMED = """
import time
{setup}
t0 = time.perf_counter()
{statement}
print(time.perf_counter() - t0)
"""

_PLUGIN_MODULES = """
import sys
import pytest
before = set(sys.modules)
import wix_inbox.testing.pytest_plugin
print(" ".join(sorted(set(sys.modules) - before)))
"""


def _time_import(python: str, statement: str, setup: str = "") -> float:
    code = _TIMED.format(setup=setup, statement=statement)
    out = subprocess.run([python, "-c", code], check=True, capture_output=True, text=True)
    return float(out.stdout.strip()) * 1000


def bench_import(plain_python: str | None, rounds: int) -> dict[str, Any]:
    """Milliseconds per import statement, fresh interpreters, interleaved, medians."""
    client = "from wix_inbox import InboxClient, AsyncInboxClient"
    cases: list[tuple[str, str, str, str]] = []  # (key, python, statement, setup)
    for label, python in (("plain", plain_python), ("mock", sys.executable)):
        if python is None:
            continue
        cases += [
            (f"{label}.httpx", python, "import httpx", ""),
            (f"{label}.wix_inbox_client", python, client, ""),
            (f"{label}.wix_inbox_module", python, "import wix_inbox", ""),
        ]
    cases.append(("mock.mock_inbox", sys.executable, "from wix_inbox.testing import MockInbox", ""))
    has_pytest = subprocess.run([sys.executable, "-c", "import pytest"]).returncode == 0
    if has_pytest:
        cases += [
            ("mock.pytest", sys.executable, "import pytest", ""),
            (
                "mock.pytest_plugin",
                sys.executable,
                "import wix_inbox.testing.pytest_plugin",
                "import pytest",
            ),
        ]
    samples: dict[str, list[float]] = {key: [] for key, *_ in cases}
    for _ in range(rounds):
        for key, python, statement, setup in cases:
            samples[key].append(_time_import(python, statement, setup))
    medians = {key: round(statistics.median(values), 2) for key, values in samples.items()}
    result: dict[str, Any] = {"rounds": rounds, "target_ratio": IMPORT_TARGET, "median_ms": medians}
    for label in ("plain", "mock"):
        if f"{label}.httpx" in medians:
            result[f"{label}_ratio"] = round(
                medians[f"{label}.wix_inbox_client"] / medians[f"{label}.httpx"], 2
            )
    if has_pytest:
        loaded = subprocess.run(
            [sys.executable, "-c", _PLUGIN_MODULES], check=True, capture_output=True, text=True
        ).stdout.split()
        result["pytest_plugin_loads"] = loaded
    return result


# --------------------------------------------------------------------------- latency server

_BODY = json.dumps(
    {
        "conversation": {
            "id": CONVERSATION_ID,
            "businessDisplayData": {"name": "Tim's Cookies"},
            "channels": ["CHAT", "EMAIL"],
            "participant": {"contactId": "9e668c08-8bdb-4240-babb-8176935f6f78"},
            "participantDisplayData": {"name": "jsmith@example.com"},
        }
    }
).encode()
_RESPONSE = (
    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
    + str(len(_BODY)).encode()
    + b"\r\n\r\n"
    + _BODY
)


async def _handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    try:
        while True:
            await reader.readuntil(b"\r\n\r\n")  # GET requests only: no body follows
            await asyncio.sleep(delay)
            writer.write(_RESPONSE)
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        pass
    finally:
        writer.close()


async def _serve(delay: float) -> None:
    server = await asyncio.start_server(
        lambda r, w: _handle(r, w, delay), "127.0.0.1", 0, backlog=1024
    )
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


# ---------------------------------------------------------------------------------- fan-out


async def _timed(
    call: Callable[[], Awaitable[object]], count: int, concurrency: int
) -> tuple[float, float]:
    """Wall seconds and this process's CPU seconds for ``count`` calls."""
    gate = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with gate:
            await call()

    await asyncio.gather(*(one() for _ in range(concurrency)))  # connections opened
    t0, c0 = time.perf_counter(), time.process_time()
    await asyncio.gather(*(one() for _ in range(count)))
    return time.perf_counter() - t0, time.process_time() - c0


async def _run(kind: str, url: str, count: int, concurrency: int) -> tuple[float, float]:
    import httpx

    from wix_inbox import AsyncInboxClient

    if kind == "raw_httpx":
        headers = {"Authorization": "key", "wix-site-id": CONVERSATION_ID}
        async with httpx.AsyncClient(timeout=30) as http:

            async def raw() -> object:
                response = await http.get(
                    f"{url}/inbox/v2/conversations/{CONVERSATION_ID}", headers=headers
                )
                return json.loads(response.content)

            return await _timed(raw, count, concurrency)
    async with AsyncInboxClient(api_key="key", site_id=CONVERSATION_ID, base_url=url) as client:
        return await _timed(lambda: client.conversations.get(CONVERSATION_ID), count, concurrency)


def bench_fanout(rounds: int, count: int, sequential: int, delay: float) -> dict[str, Any]:
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(delay)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        url = f"http://127.0.0.1:{int(server.stdout.readline())}"
        kinds = ("raw_httpx", "wix_inbox")
        levels = (10, 20, 50)
        seq: dict[str, list[float]] = {k: [] for k in kinds}
        fan: dict[str, list[float]] = {f"{k}@{c}": [] for k in kinds for c in levels}
        cpu: dict[str, list[float]] = {f"{k}@{c}": [] for k in kinds for c in levels}
        for _ in range(rounds):
            for kind in kinds:
                seq[kind].append(asyncio.run(_run(kind, url, sequential, 1))[0] / sequential)
                for level in levels:
                    wall, used = asyncio.run(_run(kind, url, count, level))
                    fan[f"{kind}@{level}"].append(wall)
                    cpu[f"{kind}@{level}"].append(used)
    finally:
        server.kill()
        server.wait()
    result: dict[str, Any] = {
        "server": f"asyncio raw HTTP/1.1 keep-alive server, own process, {delay * 1000:.0f} ms",
        "requests": count,
        "sequential_requests": sequential,
        "rounds": rounds,
        "target_speedup_at_50": FANOUT_TARGET,
    }
    for kind in kinds:
        per_request = statistics.median(seq[kind])
        entry: dict[str, Any] = {"sequential_ms_per_request": round(per_request * 1000, 2)}
        for level in levels:
            seconds = statistics.median(fan[f"{kind}@{level}"])
            entry[f"concurrency_{level}"] = {
                "seconds": round(seconds, 3),
                "speedup_vs_sequential": round(per_request * count / seconds, 1),
                # the client process's CPU per request: what grows with the pool's size
                "cpu_ms_per_request": round(
                    statistics.median(cpu[f"{kind}@{level}"]) * 1000 / count, 3
                ),
            }
        result[kind] = entry
    result["wix_inbox_time_vs_raw"] = {
        f"concurrency_{level}": round(
            statistics.median(fan[f"wix_inbox@{level}"])
            / statistics.median(fan[f"raw_httpx@{level}"]),
            2,
        )
        for level in levels
    }
    return result


# ------------------------------------------------------------------------------------- main


def _merge(output: Path, figures: dict[str, Any]) -> None:
    """Write ``figures`` into ``output`` under their own keys; other keys are kept."""
    data: dict[str, Any] = {}
    if output.exists():
        data = json.loads(output.read_text(encoding="utf-8"))
    data.update(figures)
    output.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--plain-python", help="interpreter of a plain install (no extras)")
    parser.add_argument("--import-rounds", type=int, default=15)
    parser.add_argument("--fanout-rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--sequential", type=int, default=100)
    parser.add_argument("--delay", type=float, default=0.02, help="server latency, seconds")
    parser.add_argument("--only", choices=["import", "fanout"])
    parser.add_argument("--output", type=Path, default=HERE / "results.json")
    args = parser.parse_args()
    if args.serve is not None:
        asyncio.run(_serve(args.serve))
        return 0
    figures: dict[str, Any] = {}
    if args.only in (None, "import"):
        figures["import"] = bench_import(args.plain_python, args.import_rounds)
        print(json.dumps(figures["import"], indent=2))
    if args.only in (None, "fanout"):
        figures["async_fanout"] = bench_fanout(
            args.fanout_rounds, args.requests, args.sequential, args.delay
        )
        print(json.dumps(figures["async_fanout"], indent=2))
    figures["runtime_generated_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    figures["runtime_cpus"] = os.cpu_count()
    _merge(args.output, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
