"""Run a command against a live mock Wix Inbox, optionally behind a Prism validation proxy.

Used by the nox sessions ``contract_schemathesis`` and ``contract_prism``::

    python tests/contract/with_mock.py [--demo-data] [--prism PRISM] [--cwd DIR] -- COMMAND...

The mock (``wix_inbox.testing.MockInbox``) is served in this process on a free port. With
``--prism``, ``PRISM proxy SPEC MOCK_URL --errors=false`` is started on another free port and
awaited. Then COMMAND runs with these placeholders replaced in its arguments and these variables
in its environment; its exit status is this script's.

    {url}      WIX_INBOX_CONTRACT_URL  where to send requests (Prism's URL with --prism)
    {mock_url} WIX_INBOX_MOCK_URL      the mock itself
    {api_key}  WIX_INBOX_MOCK_API_KEY  header ``Authorization``
    {site_id}  WIX_INBOX_MOCK_SITE_ID  header ``wix-site-id``
    {conversation_id} WIX_INBOX_MOCK_CONVERSATION_ID  a conversation of the mock's site
               WIX_INBOX_PRISM_URL     Prism's URL (only with --prism)
               WIX_INBOX_PRISM_BIN     the prism executable (only with --prism)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

from wix_inbox.testing import MockInbox

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "openapi.yaml"
PRISM_START_TIMEOUT = 60.0


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_answering(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + PRISM_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"prism exited with {process.returncode}:\n{_tail(log)}")
        try:
            # Any HTTP answer (a 401 here) means Prism listens and forwards.
            httpx.get(f"{url}/inbox/v2/conversations/{'0' * 8}-0000-4000-8000-{'0' * 12}")
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"prism did not answer within {PRISM_START_TIMEOUT:.0f} s:\n{_tail(log)}")


def _tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@contextlib.contextmanager
def prism_proxy(prism: str, upstream: str, workdir: Path) -> Iterator[str]:
    """Prism's validation proxy in front of ``upstream``; yields its base URL."""
    port = free_port()
    log = workdir / "prism.log"
    command = [
        prism,
        "proxy",
        str(SPEC),
        upstream,
        "--errors=false",
        "-p",
        str(port),
        "-h",
        "127.0.0.1",
    ]
    print("+", " ".join(command), flush=True)
    env = {**os.environ, "SCARF_ANALYTICS": "false", "DO_NOT_TRACK": "1"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(url, process, log)
        print(f"prism proxy listening at {url} (log: {log})", flush=True)
        yield url
    finally:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--demo-data", action="store_true", help="seed the mock's demo data")
    parser.add_argument("--prism", help="path of the prism executable: run the proxy")
    parser.add_argument("--cwd", help="directory to run COMMAND in")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND [ARGS...]")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give a command after --")

    mock = MockInbox.with_demo_data() if args.demo_data else MockInbox()
    with mock, tempfile.TemporaryDirectory(prefix="wix-inbox-contract-") as tmp:
        conversation = mock.create_conversation(participant_name="Contract tests")
        values = {
            "url": mock.url,
            "mock_url": mock.url,
            "api_key": mock.api_key,
            "site_id": mock.site_id,
            "conversation_id": conversation["id"],
        }
        env = {
            **os.environ,
            "WIX_INBOX_MOCK_URL": mock.url,
            "WIX_INBOX_MOCK_API_KEY": mock.api_key,
            "WIX_INBOX_MOCK_SITE_ID": mock.site_id,
            "WIX_INBOX_MOCK_CONVERSATION_ID": conversation["id"],
        }
        print(f"mock Wix Inbox serving at {mock.url}", flush=True)
        with contextlib.ExitStack() as stack:
            if args.prism:
                values["url"] = stack.enter_context(prism_proxy(args.prism, mock.url, Path(tmp)))
                env["WIX_INBOX_PRISM_URL"] = values["url"]
                env["WIX_INBOX_PRISM_BIN"] = args.prism
            env["WIX_INBOX_CONTRACT_URL"] = values["url"]
            final = [_fill(arg, values) for arg in command]
            shown = [_fill(arg, {**values, "api_key": "<api key>"}) for arg in command]
            print("+", " ".join(shown), flush=True)
            completed = subprocess.run(final, env=env, cwd=args.cwd, check=False)
        served = len(mock.requests)
        statuses: dict[int | None, int] = {}
        for request in mock.requests:
            statuses[request.status] = statuses.get(request.status, 0) + 1
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=str))
        print(f"the mock served {served} requests (by status: {summary})", flush=True)
    return completed.returncode


def _fill(arg: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        arg = arg.replace("{" + key + "}", value)
    return arg


if __name__ == "__main__":
    sys.exit(main())
