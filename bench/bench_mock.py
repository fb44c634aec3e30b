"""Benchmarks of the mock Wix Inbox and of the generated models (``nox -s bench``).

Measures, with ``time.perf_counter``:

a. startup: ``MockInbox()`` until its first served request (construct, start, one GET
   getConversation answered), over fresh mocks; median and max (and the very first, cold one,
   which also loads and compiles the spec).
b. throughput: requests per second that one started mock serves to ONE reused
   ``httpx.Client``, for GET listMessages (a page of 30) and GET getConversation; each run sends
   ``--requests`` requests after a warm-up; median of ``--runs`` runs. Extras, same method:
   POST sendMessage, and ``InboxClient.messages.list_page`` (the facade, end to end).
c. parsing: ``ListMessagesResponse.from_dict(json.loads(page))`` (every nested object built,
   as a bare from_dict does; bench_speed.py's parse_page measures what the client does)
   against ``json.loads(page)`` for a page of 100 messages of every content kind (from the
   demo data); median over repeats.

Prints a table and writes the figures as JSON (``--output``, default bench/results.json).
Nothing here asserts a timing: the targets are printed next to the figures.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from wix_inbox import InboxClient
from wix_inbox.testing import MockInbox
from wix_inbox.testing._demo import every_kind
from wix_inbox_api.models import ListMessagesResponse

HERE = Path(__file__).resolve().parent
STARTUP_TARGET_MS = 200.0
THROUGHPUT_TARGET = 500.0


def _headers(mock: MockInbox) -> dict[str, str]:
    return {"Authorization": mock.api_key, "wix-site-id": mock.site_id}


def bench_startup(starts: int) -> dict[str, Any]:
    """Milliseconds from ``MockInbox()`` to the first answered request, per fresh mock."""
    samples: list[float] = []
    # One client for all starts (its creation is not the mock's cost); each mock has a new port,
    # so every first request opens a new connection, as a test's first call would.
    with httpx.Client(timeout=10) as client:
        for _ in range(starts + 1):
            gc.collect()
            t0 = time.perf_counter()
            mock = MockInbox()
            mock.start()
            try:
                conversation = mock.create_conversation()
                response = client.get(
                    f"{mock.url}/inbox/v2/conversations/{conversation['id']}",
                    headers=_headers(mock),
                )
                t1 = time.perf_counter()
                response.raise_for_status()
            finally:
                mock.stop()
            samples.append((t1 - t0) * 1000)
    cold, warm = samples[0], samples[1:]
    return {
        "starts": starts,
        "first_cold_ms": round(cold, 2),
        "median_ms": round(statistics.median(warm), 2),
        "max_ms": round(max(warm), 2),
        "min_ms": round(min(warm), 2),
        "target_ms": STARTUP_TARGET_MS,
    }


def _rate(send: Callable[[], httpx.Response], requests: int) -> float:
    for _ in range(min(100, requests)):  # warm-up: connection, caches
        send().raise_for_status()
    t0 = time.perf_counter()
    for _ in range(requests):
        response = send()
        if response.status_code != 200:
            raise RuntimeError(f"unexpected {response.status_code}: {response.text[:200]}")
    return requests / (time.perf_counter() - t0)


def _calls_per_second(call: Callable[[], object], calls: int) -> float:
    for _ in range(min(100, calls)):
        call()
    t0 = time.perf_counter()
    for _ in range(calls):
        call()
    return calls / (time.perf_counter() - t0)


def bench_throughput(requests: int, runs: int) -> dict[str, Any]:
    """Requests per second served to one reused client (median of ``runs``)."""
    results: dict[str, Any] = {"requests_per_run": requests, "runs": runs}
    with MockInbox() as mock, httpx.Client(base_url=mock.url, headers=_headers(mock)) as client:
        conversation_id = mock.create_conversation()["id"]
        for index in range(100):
            mock.add_message(conversation_id, f"Message number {index}: hello from the bench.")
        list_params = {
            "conversationId": conversation_id,
            "visibility": "BUSINESS",
            "paging.limit": "30",
        }
        page = client.get("/inbox/v2/messages", params=list_params).json()
        assert len(page["messages"]) == 30, page
        send_body = {
            "conversationId": conversation_id,
            "message": {
                "content": {"basic": {"items": [{"text": "Sent by the bench."}]}},
                "visibility": "BUSINESS_AND_PARTICIPANT",
                "direction": "BUSINESS_TO_PARTICIPANT",
            },
        }
        routes: dict[str, Callable[[], httpx.Response]] = {
            "listMessages_page_of_30": lambda: client.get("/inbox/v2/messages", params=list_params),
            "getConversation": lambda: client.get(f"/inbox/v2/conversations/{conversation_id}"),
            # Extra: a write (validated, stored, echoed). It grows the conversation, which does
            # not change the listMessages figures above (measured before, first page only).
            "sendMessage": lambda: client.post("/inbox/v2/messages", json=send_body),
        }
        for name, send in routes.items():
            rates = [_rate(send, requests) for _ in range(runs)]
            results[name] = {
                "median_rps": round(statistics.median(rates), 1),
                "runs_rps": [round(r, 1) for r in rates],
                "target_rps": THROUGHPUT_TARGET if name != "sendMessage" else None,
            }
        # Extra: the same page of 30 through the facade (request checks, retries wrapper and
        # parsing into the generated models included), also on one reused connection pool.
        with InboxClient(api_key=mock.api_key, site_id=mock.site_id, base_url=mock.url) as inbox:

            def facade_page() -> object:
                return inbox.messages.list_page(conversation_id, limit=30)

            facade_rates = [_calls_per_second(facade_page, requests) for _ in range(runs)]
        results["facade_list_page_of_30"] = {
            "median_rps": round(statistics.median(facade_rates), 1),
            "runs_rps": [round(r, 1) for r in facade_rates],
            "target_rps": None,
        }
    return results


def _median_seconds(action: Callable[[], object], loops: int, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(loops):
            action()
        times.append((time.perf_counter() - t0) / loops)
    return statistics.median(times)


def bench_parse(loops: int, repeats: int) -> dict[str, Any]:
    """Cost of building the generated models for a page of 100 messages, against json.loads."""
    with MockInbox() as mock:
        # The demo data's one message of each content kind (basic text, basic with image and
        # file, template, minimal, form, system), repeated to 100 messages.
        conversation_id = mock.create_conversation()["id"]
        kinds = every_kind(mock.app_id)
        for index in range(100):
            mock.add_message(conversation_id, message=kinds[index % len(kinds)])
        params = {
            "conversationId": conversation_id,
            "visibility": "BUSINESS",
            "paging.limit": "100",
        }
        with httpx.Client(base_url=mock.url, headers=_headers(mock)) as client:
            raw = client.get("/inbox/v2/messages", params=params).content
    page = json.loads(raw)
    assert len(page["messages"]) == 100, len(page["messages"])
    content_kinds = sorted(
        {k for m in page["messages"] for k in m["content"] if k not in ("previewText", "title")}
    )
    parsed = ListMessagesResponse.from_dict(json.loads(raw))
    assert len(parsed.messages) == 100
    json_s = _median_seconds(lambda: json.loads(raw), loops, repeats)
    model_s = _median_seconds(
        lambda: ListMessagesResponse.from_dict(json.loads(raw)), loops, repeats
    )
    return {
        "messages": 100,
        "page_bytes": len(raw),
        "content_kinds": content_kinds,
        "json_loads_ms": round(json_s * 1000, 4),
        "from_dict_of_json_loads_ms": round(model_s * 1000, 4),
        "ratio": round(model_s / json_s, 2),
        "loops": loops,
        "repeats": repeats,
    }


def _machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor() or None,
        "cpus": os.cpu_count(),
        "httpx": httpx.__version__,
    }


def _table(results: dict[str, Any]) -> str:
    s, t, p = results["startup"], results["throughput"], results["parse"]
    rows = [
        ("mock startup to first request, median", f"{s['median_ms']:.1f} ms", "< 200 ms"),
        ("mock startup to first request, max", f"{s['max_ms']:.1f} ms", ""),
        ("mock startup, first (cold: loads the spec)", f"{s['first_cold_ms']:.1f} ms", ""),
        (
            "GET listMessages (page of 30), one client",
            f"{t['listMessages_page_of_30']['median_rps']:.0f} req/s",
            ">= 500 req/s",
        ),
        (
            "GET getConversation, one client",
            f"{t['getConversation']['median_rps']:.0f} req/s",
            ">= 500 req/s",
        ),
        ("POST sendMessage, one client (extra)", f"{t['sendMessage']['median_rps']:.0f} req/s", ""),
        (
            "InboxClient list_page(limit=30) (extra)",
            f"{t['facade_list_page_of_30']['median_rps']:.0f} calls/s",
            "",
        ),
        ("json.loads, page of 100 messages", f"{p['json_loads_ms']:.3f} ms", ""),
        ("from_dict(json.loads(...)), same page", f"{p['from_dict_of_json_loads_ms']:.3f} ms", ""),
        ("model parse / json.loads", f"{p['ratio']:.1f}x", ""),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{'measure':<{width}}  {'result':>14}  target", "-" * (width + 30)]
    lines += [f"{name:<{width}}  {value:>14}  {target}" for name, value, target in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=HERE / "results.json")
    parser.add_argument("--starts", type=int, default=20, help="mock starts to time")
    parser.add_argument("--requests", type=int, default=2000, help="requests per throughput run")
    parser.add_argument("--runs", type=int, default=3, help="throughput runs per route")
    parser.add_argument("--parse-loops", type=int, default=200)
    parser.add_argument("--parse-repeats", type=int, default=5)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    results: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "nox -s bench",
        "machine": _machine(),
        "startup": bench_startup(args.starts),
        "throughput": bench_throughput(args.requests, args.runs),
        "parse": bench_parse(args.parse_loops, args.parse_repeats),
    }
    results["wall_seconds"] = round(time.perf_counter() - started, 1)
    print(_table(results))
    # Merge: other benchmarks (bench_speed.py, ...) keep their own keys in the same file.
    try:
        merged = json.loads(args.output.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        merged = {}
    merged.update(results)
    args.output.write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.output} ({results['wall_seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
