"""The ``wix-inbox`` command (also ``python -m wix_inbox``).

``wix-inbox demo`` runs a tour of the public API against the embedded mock (needs the
``[mock]`` extra). The other commands talk to the API: ``get``, ``list`` (JSON lines, one
message per line), ``send``, and ``export`` (conversations to JSONL files, resumable; the logic
is in :mod:`wix_inbox._export`).

Exit codes, and every error is one line on stderr: 0 done, 1 API or file error, 2 bad usage,
3 credentials missing or invalid, 4 credentials refused (401), 5 not found (404), 130
interrupted (Ctrl-C), 141 stdout closed early (``| head``; nothing printed).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import textwrap
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import content
from ._client import DEFAULT_BASE_URL, AsyncInboxClient, InboxClient
from ._exceptions import AuthenticationError, InvalidArgumentError, NotFoundError, WixError
from ._jsontext import dumps_text
from ._openapi import spec
from ._version import __version__
from ._webhook_cli import add_webhook_command

if TYPE_CHECKING:
    from .testing import MockInbox

__all__ = ["main"]

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_CREDENTIALS = 3
EXIT_UNAUTHORIZED = 4
EXIT_NOT_FOUND = 5
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

ClientT = TypeVar("ClientT", InboxClient, AsyncInboxClient)

_EPILOG = f"""\
credentials (every command but demo):
  API key      WIX_API_KEY, or --api-key-file FILE (not a flag value: the process list
               would show it)
  site         --site-id ID or WIX_SITE_ID (or an account: --account-id ID / WIX_ACCOUNT_ID)
  API address  --base-url URL or WIX_BASE_URL (default {DEFAULT_BASE_URL})
  flags win over the environment.
rate limit:
  --rate-limit auto (default) keeps under Wix's 200 requests per 60 s when talking to
  {DEFAULT_BASE_URL}, and does not limit other addresses; N/SECONDS sets one, off turns it
  off. A 429 pauses every request of the command (honouring Retry-After).
exit codes:
  0 done, 1 API or file error, 2 bad usage, 3 credentials missing or invalid, 4 credentials
  refused (401), 5 not found (404), 130 interrupted (Ctrl-C), 141 output closed (| head).
"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Shows each option's default (when it has one), and the epilog as written."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if action.default not in (None, False, argparse.SUPPRESS) and action.option_strings:
            text += " (default: %(default)s)"
        return text


class _CredentialsError(Exception):
    """Credentials are missing or malformed (exit 3)."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        result: int = args.run(args)
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
    except KeyboardInterrupt as interrupt:
        _error("interrupted" + (f"; {interrupt}" if str(interrupt) else ""))
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (| head): stop quietly; stdout is pointed at /dev/null so that
        # the interpreter's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except _CredentialsError as error:
        _error(f"credentials: {error}")
        return EXIT_CREDENTIALS
    except WixError as error:
        _error(f"{type(error).__name__}: {error}")
        return _exit_code(error)
    except OSError as error:
        _error(f"{type(error).__name__}: {error}")
        return EXIT_ERROR
    return result


def _exit_code(error: WixError) -> int:
    if isinstance(error, AuthenticationError):
        return EXIT_UNAUTHORIZED
    if isinstance(error, NotFoundError):
        return EXIT_NOT_FOUND
    return EXIT_ERROR


def _error(text: str) -> None:
    print("error: " + " ".join(str(text).split()), file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    where = common.add_argument_group("credentials and connection")
    where.add_argument(
        "--api-key-file", metavar="FILE", help="read the API key from FILE (default: $WIX_API_KEY)"
    )
    where.add_argument("--site-id", metavar="ID", help="site GUID (default: $WIX_SITE_ID)")
    where.add_argument("--account-id", metavar="ID", help="account GUID (default: $WIX_ACCOUNT_ID)")
    where.add_argument(
        "--base-url",
        metavar="URL",
        help=f"API address (default: $WIX_BASE_URL or {DEFAULT_BASE_URL})",
    )
    where.add_argument(
        "--rate-limit",
        metavar="N/SECONDS",
        default="auto",
        type=_rate_limit,
        help="client-side limit: auto, off, or e.g. 200/60",
    )

    parser = argparse.ArgumentParser(
        prog="wix-inbox",
        description="Read, send and back up Wix Inbox conversations from the command line.",
        epilog=_EPILOG,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, help_: str, run: Callable[[argparse.Namespace], int]) -> Any:
        sub = commands.add_parser(
            name,
            help=help_,
            description=textwrap.fill(help_, 88),
            epilog=_EPILOG,
            formatter_class=_Formatter,
            parents=[common] if name != "demo" else [],
        )
        sub.set_defaults(run=run)
        return sub

    command("demo", "tour of the API against the embedded mock (no credentials)", _demo)

    get = command("get", "print a conversation as JSON", _get)
    get.add_argument("conversation_id")

    list_ = command(
        "list",
        "print every message of a conversation, one JSON object per line (oldest first by "
        "default, unlike the library's messages.list, which is newest first like Wix)",
        _list,
    )
    list_.add_argument("conversation_id")
    _visibility(list_)
    list_.add_argument(
        "--order",
        default="ASC",
        choices=spec().choices("SortOrder"),
        help="ASC: oldest first; DESC: newest first",
    )

    send = command("send", "send a text message to the participant", _send)
    send.add_argument("conversation_id")
    send.add_argument("text")

    export = command(
        "export",
        "write each conversation to DIR/<id>.jsonl: one message per line (wire JSON), oldest "
        "first, several conversations at a time; resumable after Ctrl-C, a crash or a full "
        "disk. A progress bar shows on stderr when it is a terminal (with the [cli] extra).",
        _export,
    )
    export.add_argument("conversation_ids", nargs="+", metavar="CONVERSATION_ID")
    export.add_argument("--out", required=True, metavar="DIR", type=Path, help="output directory")
    how = export.add_mutually_exclusive_group()
    how.add_argument(
        "--resume",
        action="store_true",
        help="continue an export that was stopped: nothing lost, nothing written twice "
        "(without it, existing files are refused)",
    )
    how.add_argument(
        "--since-last",
        action="store_true",
        help="append only the messages newer than the last exported one (finishes a stopped "
        "export first; starts one when there is none)",
    )
    _visibility(export)
    export.add_argument(
        "--jobs", type=int, default=4, help="conversations exported at the same time"
    )
    export.add_argument(
        "--page-size", type=int, default=100, help="messages per request (1 to 100)"
    )
    add_webhook_command(commands)
    return parser


def _visibility(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--visibility",
        default="BUSINESS",
        choices=spec().choices("MessageVisibility"),
        help="BUSINESS: every message; BUSINESS_AND_PARTICIPANT: those the participant sees",
    )


def _rate_limit(text: str) -> tuple[int, float] | str | None:
    if text == "auto":
        return "auto"
    if text == "off":
        return None
    requests, _, seconds = text.partition("/")
    try:
        return int(requests), float(seconds)
    except ValueError:
        raise argparse.ArgumentTypeError("use auto, off, or N/SECONDS such as 200/60") from None


def _make_client(cls: type[ClientT], args: argparse.Namespace) -> ClientT:
    api_key = os.environ.get("WIX_API_KEY") or None
    if args.api_key_file:
        try:
            api_key = Path(args.api_key_file).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise _CredentialsError(f"cannot read --api-key-file: {error.strerror}") from None
    if not api_key:
        raise _CredentialsError("no API key: set WIX_API_KEY or pass --api-key-file FILE")
    site_id = args.site_id or (None if args.account_id else os.environ.get("WIX_SITE_ID"))
    account_id = args.account_id or (None if site_id else os.environ.get("WIX_ACCOUNT_ID"))
    if not site_id and not account_id:
        raise _CredentialsError(
            "no site: pass --site-id ID or set WIX_SITE_ID (or --account-id / WIX_ACCOUNT_ID)"
        )
    try:
        return cls(
            api_key=api_key,
            site_id=site_id or None,
            account_id=account_id or None,
            base_url=args.base_url,
            rate_limit=args.rate_limit,
        )
    except InvalidArgumentError as error:
        raise _CredentialsError(str(error)) from None


def _print_json(value: Any) -> None:
    print(dumps_text(value, encoding=sys.stdout.encoding, sort_keys=True))


def _get(args: argparse.Namespace) -> int:
    with _make_client(InboxClient, args) as client:
        _print_json(client.conversations.get(args.conversation_id).to_dict())
    return 0


def _list(args: argparse.Namespace) -> int:
    with _make_client(InboxClient, args) as client:
        for message in client.messages.list(
            args.conversation_id, visibility=args.visibility, order=args.order
        ):
            _print_json(message.to_dict())
    return 0


def _send(args: argparse.Namespace) -> int:
    with _make_client(InboxClient, args) as client:
        _print_json(client.messages.send(args.conversation_id, args.text).to_dict())
    return 0


def _export(args: argparse.Namespace) -> int:
    from ._export import ExportError, Mode, check_arguments, export_conversations, make_progress

    mode: Mode = "resume" if args.resume else "since_last" if args.since_last else "new"
    try:  # before anything is created or sent
        check_arguments(args.conversation_ids, page_size=args.page_size, jobs=args.jobs, cli=True)
    except InvalidArgumentError as invalid:
        _error(str(invalid))
        return EXIT_USAGE
    client = _make_client(AsyncInboxClient, args)
    progress = make_progress(len(args.conversation_ids), enabled=sys.stderr.isatty())

    async def run() -> Any:
        _one_ctrl_c_only()
        async with client:
            return await export_conversations(
                client,
                args.conversation_ids,
                args.out,
                mode=mode,
                visibility=args.visibility,
                page_size=args.page_size,
                jobs=args.jobs,
                progress=progress,
            )

    before = signal.getsignal(signal.SIGINT)
    try:
        summary = asyncio.run(run())
    except KeyboardInterrupt:
        raise KeyboardInterrupt(
            "what was exported is kept: run the same command with --resume to continue"
        ) from None
    finally:
        if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # ignored: on the way out
            _set_sigint(before)
    codes = []
    for conversation_id, error in summary.failed.items():
        if isinstance(error, ExportError):
            _error(str(error))
            codes.append(EXIT_ERROR)
        elif isinstance(error, WixError):
            _error(f"{conversation_id}: {type(error).__name__}: {error}")
            codes.append(_exit_code(error))
        else:
            _error(f"{conversation_id}: {type(error).__name__}: {error}")
            codes.append(EXIT_ERROR)
    print(summary.line(args.out), file=sys.stderr)
    return codes[0] if codes else 0


def _one_ctrl_c_only() -> None:
    """Ignore every Ctrl-C after the first. asyncio.run makes the first one a cancellation (the
    export stops at an ``await``, never between a page and its checkpoint), but a second one a
    KeyboardInterrupt raised wherever that cancellation's clean-up is: a traceback. Called on
    the loop, once asyncio.run has installed its handler."""
    first = signal.getsignal(signal.SIGINT)
    if not callable(first):
        return

    def once(signum: int, frame: Any) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        first(signum, frame)

    _set_sigint(once)


def _set_sigint(handler: Any) -> None:
    if handler is not None and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, handler)


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
