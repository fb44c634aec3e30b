"""``wix-inbox export``: each conversation to a JSONL file, resumable after any stop.

Layout in the output directory, per conversation::

    <conversation id>.jsonl             one message per line (its wire JSON), oldest first
    <conversation id>.jsonl.checkpoint  where to go on: JSON, replaced atomically

How "no message lost, none written twice, no half-written line" holds after Ctrl-C, a crash or
a full disk:

* Messages are read oldest first (``order="ASC"``), so the file is always a prefix of the
  history by sequence. A run that goes on first cuts a truncated last line (one without its
  newline), then skips every message whose sequence is not greater than the file's last line:
  nothing can be written twice, whichever of file and checkpoint was written last.
* After each page: the page's lines are written, flushed and fsync'ed, *then* the checkpoint
  (the cursor of the next page, the file size and the last sequence) is written to a temporary
  file and moved over the old one with ``os.replace``: the checkpoint never claims more than
  the file holds, and is never half written. Its cursor only saves requests: if it does not
  match the file (an older file put back, say), the listing starts over and the sequence rule
  above still writes each message exactly once.
* Asyncio delivers Ctrl-C as a cancellation at an ``await``; the write of a page and of its
  checkpoint contains none, so the first Ctrl-C never splits them.

``--since-last`` (``mode="since_last"``) appends what is new after a finished export with
``messages.list_new(after_sequence=<last line's sequence>)``: one request when a page's worth
or fewer arrived. Conversations are exported concurrently through one client, so through one
rate limiter.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, Protocol

import attrs

from ._client import AsyncInboxClient
from ._exceptions import WixError
from ._listnew import sequence_of

if TYPE_CHECKING:
    from wix_inbox_api.models import Message

__all__ = ["ExportError", "ExportSummary", "Mode", "export_conversations", "repair"]

Mode = Literal["new", "resume", "since_last"]
CHECKPOINT_SUFFIX = ".checkpoint"
_FORMAT = 1


class ExportError(Exception):
    """The export cannot go on as asked (files in the way, a checkpoint of another export)."""


@attrs.define
class ExportSummary:
    """What a run did."""

    conversations: int = 0
    written: int = 0  # messages written by this run
    skipped: int = 0  # messages read again but already in the file (after a stop)
    pages: int = 0
    seconds: float = 0.0
    failed: dict[str, BaseException] = attrs.field(factory=dict)

    def line(self, out_dir: Path) -> str:
        rate = self.written / self.seconds if self.seconds > 0 else 0.0
        text = (
            f"exported {self.written} new message(s) of {self.conversations} conversation(s) "
            f"to {out_dir} in {self.seconds:.1f} s ({self.pages} page(s), {rate:.0f} msg/s)"
        )
        if self.skipped:
            text += f"; {self.skipped} already there"
        if self.failed:
            text += f"; {len(self.failed)} failed"
        return text


class Progress(Protocol):
    def advance(self, messages: int, pages: int) -> None: ...
    def close(self) -> None: ...


class _NoProgress:
    def advance(self, messages: int, pages: int) -> None:
        pass

    def close(self) -> None:
        pass


class _BarProgress:
    """tqdm's bar on stderr: messages written, their rate, and pages read."""

    def __init__(self, conversations: int) -> None:
        from tqdm import tqdm  # lazily: only when a bar is shown

        self._pages = 0
        self._bar = tqdm(
            total=None,
            unit=" msg",
            desc=f"export ({conversations} conv.)",
            file=sys.stderr,
            dynamic_ncols=True,
            mininterval=0.2,
        )

    def advance(self, messages: int, pages: int) -> None:
        self._pages += pages
        self._bar.set_postfix(pages=self._pages, refresh=False)
        self._bar.update(messages)

    def close(self) -> None:
        self._bar.close()


def make_progress(conversations: int, *, enabled: bool) -> Progress:
    """A tqdm bar when ``enabled`` (stderr is a terminal) and tqdm is installed."""
    if enabled:
        try:
            return _BarProgress(conversations)
        except ImportError:
            print(
                "(no progress bar: install wix-inbox-client[cli] to get one)",
                file=sys.stderr,
            )
    return _NoProgress()


@attrs.define
class _Checkpoint:
    conversation_id: str
    visibility: str
    cursor: str | None  # ASC cursor of the next page to read (None: the first page)
    size: int  # bytes of the JSONL file this checkpoint covers
    last_sequence: str | None
    messages: int
    complete: bool

    def to_json(self) -> str:
        return json.dumps({"format": _FORMAT, **attrs.asdict(self)}, indent=1) + "\n"

    @classmethod
    def read(cls, path: Path) -> _Checkpoint | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            raise ExportError(f"{path}: unreadable checkpoint ({error})") from None
        if not isinstance(data, dict) or data.pop("format", None) != _FORMAT:
            raise ExportError(f"{path}: not a checkpoint of this version of wix-inbox")
        try:
            return cls(**data)
        except TypeError:
            raise ExportError(f"{path}: not a checkpoint of this version of wix-inbox") from None


def repair(path: Path) -> str | None:
    """Cut a truncated last line off ``path``; return the sequence of its last line (None when
    empty). A missing file is created empty."""
    with open(path, "a+b") as file:
        size = file.seek(0, os.SEEK_END)
        end = _end_of_last_line(file, size)
        if end != size:
            file.truncate(end)
            file.flush()
            os.fsync(file.fileno())
        if end == 0:
            return None
        start = _end_of_last_line(file, end - 1)
        file.seek(start)
        line = file.read(end - start)
    try:
        sequence = json.loads(line)["sequence"]
        if not (isinstance(sequence, str) and sequence.isdigit()):
            raise ValueError
    except (ValueError, KeyError, TypeError):
        raise ExportError(f"{path}: the last line is not an exported message") from None
    return sequence


def _end_of_last_line(file: IO[bytes], before: int) -> int:
    """Offset just past the last newline among the first ``before`` bytes (0 if none)."""
    position = before
    while position > 0:
        chunk = min(65536, position)
        position -= chunk
        file.seek(position)
        data = file.read(chunk)
        newline = data.rfind(b"\n")
        if newline >= 0:
            return position + newline + 1
    return 0


def _encode(message: Message) -> bytes:
    return json.dumps(message.to_dict(), ensure_ascii=False, separators=(",", ":")).encode()


class _Conversation:
    """The export of one conversation: its file, its checkpoint, and how far both go."""

    def __init__(self, out_dir: Path, conversation_id: str, visibility: str) -> None:
        self.id = conversation_id
        self.visibility = visibility
        self.path = out_dir / f"{conversation_id}.jsonl"
        self.checkpoint_path = out_dir / f"{conversation_id}.jsonl{CHECKPOINT_SUFFIX}"
        self.checkpoint: _Checkpoint | None = None
        self.last: int | None = None  # sequence of the file's last line

    def open(self, mode: Mode) -> None:
        exists = self.path.exists() or self.checkpoint_path.exists()
        if mode == "new" and exists:
            raise ExportError(
                f"{self.path} exists: add --resume to continue it, --since-last to add what "
                "is new, or remove it"
            )
        checkpoint = _Checkpoint.read(self.checkpoint_path)
        if checkpoint is not None and (
            checkpoint.conversation_id != self.id or checkpoint.visibility != self.visibility
        ):
            raise ExportError(
                f"{self.checkpoint_path} is of an export with visibility "
                f"{checkpoint.visibility}, not {self.visibility}"
            )
        last = repair(self.path)
        self.last = int(last) if last is not None else None
        size = self.path.stat().st_size
        if checkpoint is not None and not (
            checkpoint.size <= size
            and (
                checkpoint.last_sequence is None
                or (self.last is not None and int(checkpoint.last_sequence) <= self.last)
            )
        ):
            checkpoint = None  # it does not describe this file: start over, skip by sequence
        self.checkpoint = checkpoint

    def save(self, messages: Sequence[Message], cursor: str | None, complete: bool) -> int:
        """Append the messages newer than the file's last line, then move the checkpoint on.
        Returns how many were written. Contains no ``await``: never split by a cancellation."""
        lines = []
        for message in messages:
            sequence = sequence_of(message)
            if self.last is None or sequence > self.last:
                lines.append(_encode(message) + b"\n")
                self.last = sequence
        with open(self.path, "ab") as file:
            if lines:
                file.write(b"".join(lines))
                file.flush()
                os.fsync(file.fileno())
            size = file.tell()
        previous = self.checkpoint.messages if self.checkpoint else 0
        self.checkpoint = _Checkpoint(
            conversation_id=self.id,
            visibility=self.visibility,
            cursor=cursor,
            size=size,
            last_sequence=str(self.last) if self.last is not None else None,
            messages=previous + len(lines),
            complete=complete,
        )
        _write_atomically(self.checkpoint_path, self.checkpoint.to_json())
        return len(lines)


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


async def _export_one(
    client: AsyncInboxClient,
    conversation: _Conversation,
    mode: Mode,
    page_size: int,
    summary: ExportSummary,
    progress: Progress,
) -> None:
    conversation.open(mode)
    checkpoint = conversation.checkpoint
    if checkpoint is not None and checkpoint.complete:
        if mode != "since_last":
            return  # finished before: nothing to resume
        new = [
            message
            async for message in client.messages.list_new(
                conversation.id,
                after_sequence=conversation.last,  # the file's last line decides
                visibility=conversation.visibility,  # type: ignore[arg-type]
                page_size=page_size,
            )
        ]
        written = conversation.save(new, checkpoint.cursor, complete=True)
        summary.pages += len(new) // page_size + 1  # what list_new read (newest first)
        summary.written += written
        summary.skipped += len(new) - written
        progress.advance(written, 1)
        return
    at = checkpoint.cursor if checkpoint is not None else None
    listing = client.messages.list(
        conversation.id,
        visibility=conversation.visibility,  # type: ignore[arg-type]
        order="ASC",
        page_size=page_size,
        cursor=at,
    )
    async for page in listing.iter_pages():
        # The cursor to go on from; after the last page, the one that read it (not None,
        # which would mean "from the start").
        at = page.next_cursor or at
        written = conversation.save(page.messages, at, complete=page.next_cursor is None)
        summary.pages += 1
        summary.written += written
        summary.skipped += len(page.messages) - written
        progress.advance(written, 1)


async def export_conversations(
    client: AsyncInboxClient,
    conversation_ids: Sequence[str],
    out_dir: Path,
    *,
    mode: Mode = "new",
    visibility: str = "BUSINESS",
    page_size: int = 100,
    jobs: int = 4,
    progress: Progress | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> ExportSummary:
    """Export each conversation into ``out_dir`` (see the module docstring), ``jobs`` at a
    time. A conversation that fails is recorded in ``summary.failed``; the others go on."""
    progress = progress or _NoProgress()
    out_dir.mkdir(parents=True, exist_ok=True)
    unique = list(dict.fromkeys(conversation_ids))
    summary = ExportSummary(conversations=len(unique))
    gate = asyncio.Semaphore(max(1, jobs))
    started = clock()

    async def one(conversation_id: str) -> None:
        async with gate:
            conversation = _Conversation(out_dir, conversation_id, visibility)
            try:
                await _export_one(client, conversation, mode, page_size, summary, progress)
            except (ExportError, OSError, WixError) as error:
                summary.failed[conversation_id] = error

    try:
        await asyncio.gather(*(one(cid) for cid in unique))
    finally:
        summary.seconds = clock() - started
        progress.close()
    return summary
