"""Parse and listing speed as same-run ratios (``nox -s bench`` runs it after bench_mock.py).

a. parse: what the client does with a page's JSON (``_operations._parse_page``: the 100
   messages it hands out, from ``Message.from_dict_lazy``; their content and sender, built
   when first read, are not read) against
   ``json.loads(page)`` for a page of 100 messages cycling through the demo data's six content
   kinds. The two are timed in alternation, in many short rounds (``--parse-rounds`` rounds of
   ``--parse-loops`` loops each, so both sides of a round see the same machine load); the
   ratio is the median of the per-round ratios. ``every_nested_object_built`` is the same with
   every message's content and sender read too (every nested object built: what a caller
   reading everything pays; before from_dict_lazy, every parse cost that).
b. listing: every message of a 3,000-message conversation in pages of 100, served by a fast
   stand-in server in its own process (``_pages_server.py``, replaying pages recorded from the
   mock). Contenders, in rotating order within each round (``--list-rounds`` rounds):
   ``raw`` (one ``httpx.Client``, ``client.get`` + ``json.loads`` per page, following the
   cursor), ``facade`` (``InboxClient.messages.list``), ``facade_async``
   (``AsyncInboxClient.messages.list``) and, when Node and ``bench/js`` are available, ``js``
   (Wix's JS SDK, ``@wix/sdk`` + ``@wix/auto_sdk_inbox_messages``, in a Node process that lists
   once per request from this process, so it is interleaved too). Ratios are medians of the
   per-round ratios against ``raw`` of the same round.
   The same rounds are run again after ``wix_inbox.testing`` is imported and a ``MockInbox``
   started (``with_mock_loaded``), as in a test suite that uses the mock: that is what the
   ``[mock]`` extra can cost a listing (heap objects every GC pass walks).

Writes its figures into ``bench/results.json`` under the keys ``parse_page`` and ``listing``,
keeping every other key of the file.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from wix_inbox import AsyncInboxClient, InboxClient
from wix_inbox._operations import _parse_page
from wix_inbox_api.models import ListMessagesResponse, Message

HERE = Path(__file__).resolve().parent
JS_DIR = HERE / "js"
API_KEY = "bench-api-key"
SITE_ID = "6fd2b962-dd8f-382f-8d27-ae63f188c939"
PARSE_GOAL = 2.5
LISTING_GOAL = 1.5


def record_pages(messages: int, page_size: int) -> tuple[str, dict[str, str], bytes]:
    """Pages of one conversation as the mock serves them: (conversation id, cursor -> body,
    the first page of 100 for the parse figure)."""
    from wix_inbox.testing import MockInbox
    from wix_inbox.testing._demo import every_kind

    with MockInbox() as mock:
        conversation_id = mock.create_conversation()["id"]
        kinds = every_kind(mock.app_id)
        for index in range(messages):
            mock.add_message(conversation_id, message=kinds[index % len(kinds)])
        headers = {"Authorization": mock.api_key, "wix-site-id": mock.site_id}
        pages: dict[str, str] = {}
        with httpx.Client(base_url=mock.url, headers=headers) as client:
            cursor = ""
            while True:
                params = {
                    "conversationId": conversation_id,
                    "visibility": "BUSINESS",
                    "sorting.order": "DESC",
                    "paging.limit": str(page_size),
                }
                if cursor:
                    params["paging.cursor"] = cursor
                response = client.get("/inbox/v2/messages", params=params)
                response.raise_for_status()
                pages[cursor] = response.text
                cursor = (response.json().get("pagingMetadata") or {}).get("cursors", {}).get(
                    "next"
                ) or ""
                if not cursor:
                    break
    first = pages[""].encode()
    return conversation_id, pages, first


def _messages(body: Any) -> list[Message]:
    """What the client does with a page's body (its shape already checked): the messages it
    hands out, from ``Message.from_dict_lazy``."""
    return _parse_page(body).messages


def _messages_built(body: Any) -> list[Message]:
    """The same, with every nested object of every message built (content and sender read)."""
    messages = _messages(body)
    for message in messages:
        message.content  # noqa: B018
        message.sender  # noqa: B018
    return messages


def _parse_ratio(
    page: bytes, loops: int, rounds: int, *, pause_gc: bool, parse: Callable[[Any], Any] = _messages
) -> dict[str, float]:
    """Median per-round ratio of parse(json.loads(page)) to json.loads(page), in CPU time.

    Short alternating rounds, timed with ``time.thread_time`` (CPU time of this thread): on a
    shared machine, time spent waiting for a core is not counted on either side.
    """
    clock = time.thread_time
    json_times: list[float] = []
    model_times: list[float] = []
    ratios: list[float] = []
    for _ in range(rounds):
        t0 = clock()
        for _ in range(loops):
            json.loads(page)
        t1 = clock()
        if pause_gc:  # what wix_inbox._core._parse does around a response's parse
            gc.disable()
        try:
            for _ in range(loops):
                parse(json.loads(page))
        finally:
            gc.enable()
        t2 = clock()
        if t1 > t0:
            json_times.append((t1 - t0) / loops)
            model_times.append((t2 - t1) / loops)
            ratios.append((t2 - t1) / (t1 - t0))
    return {
        "json_loads_ms": round(statistics.median(json_times) * 1000, 4),
        "from_dict_of_json_loads_ms": round(statistics.median(model_times) * 1000, 4),
        "ratio": round(statistics.median(ratios), 2),
    }


def bench_parse(page: bytes, loops: int, rounds: int) -> dict[str, Any]:
    """from_dict(json.loads(page)) against json.loads(page): with the cyclic GC paused during
    the parse (as the client does) and with it running (as a bare from_dict call has it)."""
    parsed = _messages_built(json.loads(page))
    assert len(parsed) == 100, len(parsed)
    assert ListMessagesResponse.from_dict(json.loads(page)).to_dict() == json.loads(page)
    kinds = sorted(
        {
            k
            for m in json.loads(page)["messages"]
            for k in m["content"]
            if k not in ("previewText", "title")
        }
    )
    paused = _parse_ratio(page, loops, rounds, pause_gc=True)
    running = _parse_ratio(page, loops, rounds, pause_gc=False)
    built = _parse_ratio(page, loops, rounds, pause_gc=True, parse=_messages_built)
    return {
        "messages": 100,
        "page_bytes": len(page),
        "content_kinds": kinds,
        **paused,
        "goal_ratio": PARSE_GOAL,
        "gc_running": running,
        "every_nested_object_built": built,
        "heap_objects": len(gc.get_objects()),
        "loops": loops,
        "rounds": rounds,
        "clock": "time.thread_time (CPU time of the measuring thread)",
    }


class PagesServer:
    """``_pages_server.py`` in a child process."""

    def __init__(self, pages: dict[str, str]) -> None:
        self._dir = tempfile.mkdtemp(prefix="wix-inbox-bench-")
        path = Path(self._dir) / "pages.json"
        path.write_text(json.dumps(pages), encoding="utf-8")
        self._process = subprocess.Popen(
            [sys.executable, str(HERE / "_pages_server.py"), str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"pages server did not start: {line!r}")
        self.port = int(line.split()[1])
        self.url = f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        shutil.rmtree(self._dir, ignore_errors=True)


class JsLister:
    """A Node process that lists the conversation with Wix's JS SDK once per request."""

    def __init__(self, server: PagesServer, conversation_id: str) -> None:
        self._process = subprocess.Popen(
            [
                "node",
                str(JS_DIR / "list_messages.mjs"),
                f"127.0.0.1:{server.port}",
                conversation_id,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=JS_DIR,
        )

    def list_all(self) -> int:
        """Runs one listing in Node; returns the number of messages it saw (and keeps the
        Node process's CPU time for it in ``last_cpu``)."""
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write("go\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError("the Node lister exited")
        answer = json.loads(line)
        self.last_cpu = float(answer["cpu_seconds"])
        return int(answer["messages"])

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


def js_available() -> bool:
    return shutil.which("node") is not None and (JS_DIR / "node_modules" / "@wix" / "sdk").is_dir()


def _listing_round(
    contenders: dict[str, Callable[[], int]],
    expected: int,
    rotate: int,
    js: JsLister | None,
) -> dict[str, tuple[float, float]]:
    """One listing per contender, in rotated order: (wall seconds, client CPU seconds)."""
    names = list(contenders)
    names = names[rotate % len(names) :] + names[: rotate % len(names)]
    times: dict[str, tuple[float, float]] = {}
    for name in names:
        w0, c0 = time.perf_counter(), time.process_time()
        seen = contenders[name]()
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        if name == "js" and js is not None:
            cpu = js.last_cpu  # the Node process's own CPU time
        times[name] = (wall, cpu)
        if seen != expected:
            raise RuntimeError(f"{name} listed {seen} messages, expected {expected}")
    return times


def _summarise(rounds: list[dict[str, tuple[float, float]]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in rounds[0]:
        entry: dict[str, Any] = {
            "median_ms": round(statistics.median(r[name][0] for r in rounds) * 1000, 2),
            "median_cpu_ms": round(statistics.median(r[name][1] for r in rounds) * 1000, 2),
        }
        if name != "raw":
            entry["ratio_vs_raw"] = round(
                statistics.median(r[name][0] / r["raw"][0] for r in rounds), 2
            )
            entry["cpu_ratio_vs_raw"] = round(
                statistics.median(r[name][1] / r["raw"][1] for r in rounds), 2
            )
        out[name] = entry
    if "js" in out:
        for name in ("facade", "facade_async"):
            out[name]["ratio_vs_js"] = round(
                statistics.median(r[name][0] / r["js"][0] for r in rounds), 2
            )
            out[name]["cpu_ratio_vs_js"] = round(
                statistics.median(r[name][1] / r["js"][1] for r in rounds), 2
            )
    return out


def bench_listing(
    server: PagesServer,
    conversation_id: str,
    expected: int,
    page_size: int,
    rounds: int,
    js: JsLister | None,
) -> dict[str, Any]:
    headers = {"Authorization": API_KEY, "wix-site-id": SITE_ID}
    base = {
        "conversationId": conversation_id,
        "visibility": "BUSINESS",
        "sorting.order": "DESC",
        "paging.limit": str(page_size),
    }
    with (
        httpx.Client(base_url=server.url, headers=headers) as raw_client,
        InboxClient(api_key=API_KEY, site_id=SITE_ID, base_url=server.url) as inbox,
    ):
        loop = asyncio.new_event_loop()
        ainbox = AsyncInboxClient(api_key=API_KEY, site_id=SITE_ID, base_url=server.url)

        def raw() -> int:
            count = 0
            cursor = None
            while True:
                params = dict(base)
                if cursor:
                    params["paging.cursor"] = cursor
                body = json.loads(raw_client.get("/inbox/v2/messages", params=params).content)
                count += len(body["messages"])
                cursor = body["pagingMetadata"]["cursors"].get("next")
                if not cursor:
                    return count

        def facade() -> int:
            count = 0
            for _message in inbox.messages.list(conversation_id, page_size=page_size):
                count += 1
            return count

        async def _alist() -> int:
            count = 0
            async for _message in ainbox.messages.list(conversation_id, page_size=page_size):
                count += 1
            return count

        def facade_async() -> int:
            return loop.run_until_complete(_alist())

        contenders: dict[str, Callable[[], int]] = {
            "raw": raw,
            "facade": facade,
            "facade_async": facade_async,
        }
        if js is not None:
            contenders["js"] = js.list_all
        try:
            for name, action in contenders.items():  # warm-up: connections, caches, JIT
                for _ in range(2):
                    if action() != expected:
                        raise RuntimeError(f"{name} did not list {expected} messages")
            results = [_listing_round(contenders, expected, i, js) for i in range(rounds)]
        finally:
            loop.run_until_complete(ainbox.aclose())
            loop.close()
    summary = _summarise(results)
    summary["rounds"] = rounds
    return summary


def merge_results(path: Path, updates: dict[str, Any]) -> None:
    """Write ``updates`` into the JSON object at ``path``, keeping its other keys."""
    try:
        current = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        current = {}
    current.update(updates)
    path.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=HERE / "results.json")
    parser.add_argument("--parse-loops", type=int, default=3)
    parser.add_argument("--parse-rounds", type=int, default=400)
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--list-rounds", type=int, default=25)
    parser.add_argument("--no-js", action="store_true", help="skip Wix's JS SDK")
    parser.add_argument("--no-mock-phase", action="store_true", help="skip with_mock_loaded")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    # Record in a child process, so this process has not imported the mock yet.
    recorder = subprocess.run(
        [sys.executable, __file__, "--record", str(args.messages), str(args.page_size)],
        check=True,
        capture_output=True,
        text=True,
    )
    conversation_id, pages, first = _decode_recording(recorder.stdout)
    server = PagesServer(pages)
    js = JsLister(server, conversation_id) if js_available() and not args.no_js else None
    listing: dict[str, Any] = {
        "messages": args.messages,
        "page_size": args.page_size,
        "server": "bench/_pages_server.py (own process, replays pages recorded from the mock)",
        "js": (
            "@wix/sdk + @wix/auto_sdk_inbox_messages (bench/js)"
            if js
            else "not measured (node or bench/js/node_modules missing)"
        ),
        "goal_ratio_vs_raw": LISTING_GOAL,
    }
    try:
        gc.collect()
        parse = bench_parse(first, args.parse_loops, args.parse_rounds)
        listing["plain"] = bench_listing(
            server, conversation_id, args.messages, args.page_size, args.list_rounds, js
        )
        if not args.no_mock_phase:
            from wix_inbox.testing import MockInbox

            with MockInbox():  # imported and started, as in a test suite using the mock
                listing["with_mock_loaded"] = bench_listing(
                    server, conversation_id, args.messages, args.page_size, args.list_rounds, js
                )
    finally:
        if js is not None:
            js.close()
        server.close()
    listing["wall_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps({"parse_page": parse, "listing": listing}, indent=2))
    merge_results(args.output, {"parse_page": parse, "listing": listing})
    print(f"\nmerged parse_page and listing into {args.output}")
    return 0


def _decode_recording(text: str) -> tuple[str, dict[str, str], bytes]:
    data = json.loads(text)
    return data["conversation_id"], data["pages"], data["pages"][""].encode()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--record":
        cid, recorded, _ = record_pages(int(sys.argv[2]), int(sys.argv[3]))
        sys.stdout.write(json.dumps({"conversation_id": cid, "pages": recorded}))
        sys.exit(0)
    sys.exit(main())
