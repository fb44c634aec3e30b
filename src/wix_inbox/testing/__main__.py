"""Run the mock Wix Inbox as a process: ``python -m wix_inbox.testing --port 8080 --demo-data``.

Prints the base URL and the credentials to use, then serves until Ctrl+C (or SIGTERM).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wix_inbox.testing import MockInbox


def _rate_limit(text: str) -> tuple[int, float]:
    try:
        requests, _, window = text.partition("/")
        return int(requests), float(window or 60)
    except ValueError:
        raise argparse.ArgumentTypeError("use REQUESTS/SECONDS, such as 200/60") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m wix_inbox.testing",
        description="Serve a mock Wix Inbox REST API (in memory) for local development.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8080, help="port (0: any free port)")
    parser.add_argument(
        "--demo-data", action="store_true", help="seed demo conversations and messages"
    )
    parser.add_argument(
        "--token-ttl", type=int, default=14400, help="OAuth token lifetime in seconds"
    )
    parser.add_argument(
        "--rate-limit",
        type=_rate_limit,
        default=None,
        metavar="N/SECONDS",
        help="per-site request budget, such as 200/60 (default: unlimited)",
    )
    parser.add_argument(
        "--webhook-url",
        default=None,
        help="deliver signed webhook events (participant messages...) to this URL",
    )
    args = parser.parse_args(argv)

    from wix_inbox.testing import MockInbox

    options = {
        "host": args.host,
        "port": args.port,
        "token_ttl": args.token_ttl,
        "rate_limit": args.rate_limit,
        "webhook_url": args.webhook_url,
    }
    mock = MockInbox.with_demo_data(**options) if args.demo_data else MockInbox(**options)
    stop = threading.Event()

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    with mock:
        lines = [
            f"Mock Wix Inbox serving at {mock.url}",
            "",
            "API key (headers 'Authorization: <api key>' and 'wix-site-id: <site id>'):",
            f"  api key     {mock.api_key}",
            f"  site id     {mock.site_id}",
            f"  account id  {mock.account_id}",
            "",
            f"OAuth app (POST {mock.url}/oauth2/token, grant_type client_credentials):",
            f"  app id (client_id)          {mock.app_id}",
            f"  app secret (client_secret)  {mock.app_secret}",
            f"  instance id                 {mock.instance_id}",
        ]
        lines += _webhook_lines(mock)
        conversations = mock.conversations()
        if conversations:
            lines += ["", "Conversations:"]
            for conversation in conversations:
                count = len(mock.messages(conversation["id"]))
                who = ", ".join(f"{k}={v}" for k, v in conversation["participant"].items())
                lines.append(f"  {conversation['id']}  {count:4d} messages  ({who})")
            example = (
                f"{mock.url}/inbox/v2/messages?conversationId={conversations[0]['id']}"
                "&visibility=BUSINESS&paging.limit=5"
            )
            lines += [
                "",
                "Try:",
                f"  curl -H 'Authorization: {mock.api_key}' -H 'wix-site-id: {mock.site_id}' \\",
                f"       '{example}'",
            ]
        lines += ["", "Press Ctrl+C to stop."]
        print("\n".join(lines), flush=True)
        while not stop.wait(0.5):
            if not mock.running:  # pragma: no cover - the server thread died
                print("the server stopped unexpectedly", file=sys.stderr)
                return 1
    return 0


def _webhook_lines(mock: MockInbox) -> list[str]:
    try:
        signer = mock.webhook_signer
    except ImportError:
        return ["", "Webhooks: install the [webhooks] extra to get signed events."]
    where = mock.webhook_url or "(none: start with --webhook-url URL)"
    return [
        "",
        f"Webhooks delivered to {where}, signed RS256; verify them with this public key:",
        *(f"  {line}" for line in signer.public_key.strip().splitlines()),
        "  one-line form, for WIX_WEBHOOK_PUBLIC_KEY:",
        f"  {signer.key_pair.public_key_base64}",
    ]


if __name__ == "__main__":
    sys.exit(main())
