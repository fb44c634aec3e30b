"""``wix-inbox webhook verify``: check a webhook body read on stdin and print its layers.

Kept apart from ``_cli.py`` (which only registers it) and importing ``wix_inbox.webhooks`` only
when run, so the rest of the CLI works without the ``[webhooks]`` extra.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._jsontext import dumps_text

__all__ = ["add_webhook_command"]


def add_webhook_command(commands: Any) -> None:
    """Register ``webhook verify`` on the ``wix-inbox`` subparsers ``commands``."""
    webhook = commands.add_parser("webhook", help="webhook tools (needs the [webhooks] extra)")
    actions = webhook.add_subparsers(required=True, metavar="ACTION")
    verify = actions.add_parser(
        "verify",
        help="verify a webhook body read on stdin; print its decoded layers as JSON",
        description=(
            "Reads the raw body of a Wix webhook request on stdin, verifies it and prints "
            "header, claims, envelope and domain event as JSON. Exit status 1 (and one line "
            "on stderr) when it does not verify."
        ),
    )
    verify.add_argument(
        "--public-key",
        help="the app's public key: PEM text or its one-line base64 form "
        "(default: $WIX_WEBHOOK_PUBLIC_KEY)",
    )
    verify.add_argument("--leeway", type=float, default=0.0, help="seconds of clock skew")
    verify.set_defaults(run=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    try:
        from .webhooks import WebhookVerifier
    except ImportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    from ._exceptions import WixError

    body = sys.stdin.buffer.read()
    try:
        envelope = WebhookVerifier(args.public_key, leeway=args.leeway).verify(body)
    except WixError as error:
        reason = getattr(error, "reason", None)
        where = f" [{reason}]" if reason else ""
        print(f"error: {type(error).__name__}{where}: {error}", file=sys.stderr)
        return 1
    layers: dict[str, Any] = {
        "header": dict(envelope.header),
        "claims": dict(envelope.claims),
        "envelope": {
            "eventType": envelope.event_type,
            "instanceId": envelope.instance_id,
            "identity": envelope.identity,
            "accountInfo": envelope.account_info,
        },
        "domainEvent": envelope.domain_event,
    }
    try:
        text = _as_json(layers)
    except (ValueError, RecursionError) as error:  # nested too deep, or not JSON-able
        print(
            f"error: the body verified, but its layers cannot be printed as JSON "
            f"({type(error).__name__})",
            file=sys.stderr,
        )
        return 1
    print(text)
    return 0


def _as_json(layers: dict[str, Any]) -> str:
    """Readable JSON when stdout can encode it; else with \\u escapes (a lone surrogate such as
    "\\udc00", valid JSON text, has no UTF-8 form and would crash the print)."""
    return dumps_text(layers, encoding=sys.stdout.encoding, indent=2, sort_keys=True)
