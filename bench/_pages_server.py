"""A fast stand-in for Wix's listMessages endpoint, for the listing benchmarks.

Run as ``python _pages_server.py PAGES.json``: it prints ``PORT <n>`` on stdout once it
listens on 127.0.0.1 and serves until its stdin closes. ``PAGES.json`` maps a cursor ("" for
the first page) to the exact bytes of the page that answers it, recorded from the mock, so every
client (raw httpx, the facade, Wix's JS SDK) reads the same bytes. It reads the cursor from
``paging.cursor=`` (dotted query) or from ``.r=<base64url JSON>`` (how Wix's JS SDK sends a GET
query), and answers everything else with 404.

It is a bare asyncio protocol with keep-alive and no validation: its own cost per request is a
dictionary lookup and one write, so the figures compare the clients, not the server. It runs in
its own process, so it does not share the clients' GIL.
"""

from __future__ import annotations

import asyncio
import base64
import json
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

_NOT_FOUND = b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n"


def _cursor(target: str) -> str | None:
    url = urlsplit(target)
    if not url.path.endswith("/inbox/v2/messages"):
        return None
    query = parse_qs(url.query)
    if ".r" in query:
        encoded = query[".r"][0]
        decoded = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
        paging = decoded.get("paging") or {}
        return str(paging.get("cursor") or "")
    return query.get("paging.cursor", [""])[0]


class _Protocol(asyncio.Protocol):
    def __init__(self, answers: dict[str, bytes]) -> None:
        self._answers = answers
        self._buffer = b""
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while True:
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head, self._buffer = self._buffer[:end], self._buffer[end + 4 :]
            # GET requests only: no body to skip.
            target = head.split(b"\r\n", 1)[0].split(b" ")[1].decode("latin-1")
            cursor = _cursor(target)
            answer = self._answers.get(cursor) if cursor is not None else None
            assert self._transport is not None
            self._transport.write(answer or _NOT_FOUND)


async def _serve(answers: dict[str, bytes]) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _Protocol(answers), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    # Serve until the parent closes our stdin (or dies).
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


def main() -> None:
    pages = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    answers = {}
    for cursor, body in pages.items():
        payload = body.encode("utf-8")
        answers[cursor] = (
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
            + f"content-length: {len(payload)}\r\n\r\n".encode()
            + payload
        )
    asyncio.run(_serve(answers))


if __name__ == "__main__":
    main()
