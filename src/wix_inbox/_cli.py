"""The ``wix-inbox`` command (also ``python -m wix_inbox``).

``wix-inbox demo`` runs a tour of the public API against the embedded mock (needs the
``[mock]`` extra). The other commands talk to the real API with credentials from the
environment (``WIX_API_KEY`` + ``WIX_SITE_ID``, or ``WIX_ACCOUNT_ID``): ``get``, ``list``
(JSON lines, one message per line: a simple backup) and ``send``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import content
from ._client import InboxClient
from ._exceptions import InvalidArgumentError, WixError
from ._openapi import spec
from ._webhook_cli import add_webhook_command

if TYPE_CHECKING:
    from .testing import MockInbox

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.run(args)
    except WixError as error:
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wix-inbox", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="tour of the API against the embedded mock")
    demo.set_defaults(run=_demo)

    get = commands.add_parser("get", help="print a conversation as JSON")
    get.add_argument("conversation_id")
    get.set_defaults(run=_get)

    list_ = commands.add_parser("list", help="print every message of a conversation, JSON lines")
    list_.add_argument("conversation_id")
    values = spec().choices  # the spec's lists of values
    list_.add_argument("--visibility", default="BUSINESS", choices=values("MessageVisibility"))
    list_.add_argument("--order", default="ASC", choices=values("SortOrder"))
    list_.set_defaults(run=_list)

    send = commands.add_parser("send", help="send a text message to the participant")
    send.add_argument("conversation_id")
    send.add_argument("text")
    send.set_defaults(run=_send)

    add_webhook_command(commands)
    return parser


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, sort_keys=True))


def _get(args: argparse.Namespace) -> int:
    with InboxClient() as client:
        _print_json(client.conversations.get(args.conversation_id).to_dict())
    return 0


def _list(args: argparse.Namespace) -> int:
    with InboxClient() as client:
        for message in client.messages.list(
            args.conversation_id, visibility=args.visibility, order=args.order
        ):
            _print_json(message.to_dict())
    return 0


def _send(args: argparse.Namespace) -> int:
    with InboxClient() as client:
        _print_json(client.messages.send(args.conversation_id, args.text).to_dict())
    return 0


def _demo(args: argparse.Namespace) -> int:
    try:
        from .testing import MockInbox
    except ImportError:
        print("the demo needs the mock: pip install 'wix-inbox-client[mock]'", file=sys.stderr)
        return 2
    with MockInbox.with_demo_data() as mock:
        print(f"Embedded mock Wix Inbox at {mock.url}\n")
        with InboxClient(api_key=mock.api_key, site_id=mock.site_id, base_url=mock.url) as client:
            _tour(client, longest_conversation_id=_longest(mock))
    return 0


def _longest(mock: MockInbox) -> str:
    """Id of the demo conversation with the most messages."""
    ids = [str(c["id"]) for c in mock.conversations()]
    return max(ids, key=lambda cid: len(mock.messages(cid)))


def _tour(client: InboxClient, *, longest_conversation_id: str) -> None:
    print("1. Get or create the conversation of a contact")
    contact_id = "9e668c08-8bdb-4240-babb-8176935f6f78"
    first = client.conversations.get_or_create(contact_id=contact_id)
    again = client.conversations.get_or_create(contact_id=contact_id)
    cid = str(first.conversation.id)
    print(f"   conversation {cid}: created={first.created}, second call created={again.created}\n")

    print("2. Send one message of every content kind")
    samples = {
        "text": content.text("Thanks for your order! 📦"),
        "image": content.image(
            "https://static.wixstatic.com/media/parcel.jpg", width=640, height=480
        ),
        "file": content.file(
            "https://example.com/invoice-1001.pdf",
            filename="invoice-1001.pdf",
            mime_type="application/pdf",
        ),
        "template": content.template(
            title="Your order shipped",
            text_lines=["Order #1001", "Arrives Tuesday"],
            buttons=[
                content.button("Track parcel", url="https://example.com/track/1001"),
                content.button("Talk to us", interaction_id="talk-1001"),
            ],
        ),
        "minimal": content.minimal("Order #1001 was paid"),
        "form": content.form({"Name": "Jo Smith", "Email": "jo@example.com"}, title="Contact form"),
    }
    for name, body in samples.items():
        sent = client.messages.send(cid, body)
        sender = sent.sender.to_dict() if sent.sender else {}
        print(f"   {name:<9} -> id {sent.id}, sequence {sent.sequence}, sender {sender}")
    print()

    print(f"3. Read a long history across pages (conversation {longest_conversation_id})")
    pages = client.messages.list(longest_conversation_id, page_size=100, order="ASC").iter_pages()
    total = 0
    for number, page in enumerate(pages, start=1):
        total += len(page)
        first_seq = page.messages[0].sequence if page.messages else "-"
        last_seq = page.messages[-1].sequence if page.messages else "-"
        more = "more" if page.next_cursor else "last page"
        print(
            f"   page {number}: {len(page):>3} messages, sequence {first_seq} … {last_seq} ({more})"
        )
    print(f"   {total} messages in all\n")

    print("4. Errors are typed")
    try:
        client.conversations.get("00000000-0000-4000-8000-000000000000")
    except WixError as error:
        print(f"   {type(error).__name__}: code={getattr(error, 'code', None)} -> {error}")
    try:
        client.messages.send(
            cid,
            content.template(
                title="Too many buttons",
                buttons=[content.button(f"b{i}", interaction_id=f"i{i}") for i in range(11)],
            ),
        )
    except InvalidArgumentError as error:
        print(f"   {type(error).__name__} (nothing was sent): {error}")
