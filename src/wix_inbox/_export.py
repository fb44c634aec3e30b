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
* One process at a time per conversation: a run holds an exclusive lock on
  ``.<conversation id>.jsonl.lock`` (``fcntl.flock``, not blocking) from before it reads the
  file until it is done with it; a second run of the same conversation fails at once instead of
  appending the same messages again. (No lock on Windows, which has no ``fcntl``.)
* Nothing is created before the arguments are checked (GUIDs, page size, jobs) and a
  conversation's file only once its first page has arrived: a refused command (bad id, 401,
  404) leaves nothing behind that would make the corrected one need ``--resume``.
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
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, Protocol

import attrs

from ._client import AsyncInboxClient
from ._exceptions import InvalidArgumentError, WixError
from ._jsontext import dumps_text
from ._listnew import sequence_of
from ._validation import require_guid, require_page_size

if sys.platform != "win32":
    import fcntl

if TYPE_CHECKING:
    from wix_inbox_api.models import Message

__all__ = [
    "ExportError",
    "ExportSummary",
    "Mode",
    "check_arguments",
    "export_conversations",
    "repair",
]

Mode = Literal["new", "resume", "since_last"]
CHECKPOINT_SUFFIX = ".checkpoint"
_FORMAT = 1
MAX_JOBS = 64


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
        if set(data) != set(_FIELD_CHECKS):
            raise ExportError(f"{path}: not a checkpoint of this version of wix-inbox")
        for name, check in _FIELD_CHECKS.items():
            if not check(data[name]):
                raise ExportError(f"{path}: corrupt checkpoint ({name} is {data[name]!r})")
        return cls(**data)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_sequence(value: object) -> bool:
    """A ``sequence`` as the export writes it: ASCII digits only (``str.isdigit`` alone also
    takes other scripts' digits, which ``int()`` reads but Wix never sends)."""
    return isinstance(value, str) and 0 < len(value) <= 100 and value.isascii() and value.isdigit()


# What each field of a checkpoint must be: a file edited by hand or damaged is refused in one
# line instead of failing later with a TypeError.
_FIELD_CHECKS: dict[str, Callable[[object], bool]] = {
    "conversation_id": lambda v: isinstance(v, str),
    "visibility": lambda v: isinstance(v, str),
    "cursor": lambda v: v is None or isinstance(v, str),
    "size": _is_count,
    "last_sequence": lambda v: v is None or _is_sequence(v),
    "messages": _is_count,
    "complete": lambda v: isinstance(v, bool),
}


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
        if not _is_sequence(sequence):
            raise ValueError
    except (ValueError, KeyError, TypeError):
        raise ExportError(f"{path}: the last line is not an exported message") from None
    return str(sequence)


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
    return dumps_text(message.to_dict(), separators=(",", ":")).encode()


class _Conversation:
    """The export of one conversation: its file, its checkpoint, and how far both go."""

    def __init__(self, out_dir: Path, conversation_id: str, visibility: str) -> None:
        self.id = conversation_id
        self.visibility = visibility
        self.path = out_dir / f"{conversation_id}.jsonl"
        self.checkpoint_path = out_dir / f"{conversation_id}.jsonl{CHECKPOINT_SUFFIX}"
        self.lock_path = out_dir / f".{conversation_id}.jsonl.lock"
        self.checkpoint: _Checkpoint | None = None
        self.last: int | None = None  # sequence of the file's last line

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the conversation's lock file (ExportError when another process holds it);
        then remove the temporary files a killed run left behind."""
        fd = _lock(self.lock_path, self.path)
        try:
            for stale in self.path.parent.glob(f".{self.checkpoint_path.name}.*.tmp"):
                with contextlib.suppress(FileNotFoundError):
                    stale.unlink()
            yield
        finally:
            if fd is not None:
                # Removed while still locked: a run that opened it meanwhile sees, once it
                # gets the lock, that the path is gone or is another file, and takes that one.
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.lock_path)
                os.close(fd)

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
        if self.path.exists():
            last = repair(self.path)
            size = self.path.stat().st_size
        else:
            last, size = None, 0  # created by save(), once the first page has arrived
        self.last = int(last) if last is not None else None
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


def _lock(lock_path: Path, data_path: Path) -> int | None:
    """An open descriptor of ``lock_path`` holding an exclusive ``flock`` (None on Windows)."""
    if sys.platform == "win32":  # pragma: no cover - no fcntl there
        return None
    for _ in range(5):  # another run may remove the file between our open and our lock
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise ExportError(f"{data_path} is being exported by another process") from None
        except BaseException:
            os.close(fd)
            raise
        try:
            if os.stat(lock_path).st_ino == os.fstat(fd).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)
    raise ExportError(f"{data_path} is being exported by another process")


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
    time. A conversation that fails is recorded in ``summary.failed``; the others go on.
    Bad arguments raise :class:`InvalidArgumentError` before anything is created."""
    unique = check_arguments(conversation_ids, page_size=page_size, jobs=jobs)
    progress = progress or _NoProgress()
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = ExportSummary(conversations=len(unique))
    gate = asyncio.Semaphore(jobs)
    started = clock()

    async def one(conversation_id: str) -> None:
        async with gate:
            conversation = _Conversation(out_dir, conversation_id, visibility)
            try:
                with conversation.locked():
                    await _export_one(client, conversation, mode, page_size, summary, progress)
            except (ExportError, OSError, WixError) as error:
                summary.failed[conversation_id] = error

    try:
        await asyncio.gather(*(one(cid) for cid in unique))
    finally:
        summary.seconds = clock() - started
        progress.close()
    return summary


def check_arguments(
    conversation_ids: Sequence[object], *, page_size: object, jobs: object, cli: bool = False
) -> list[str]:
    """The conversation ids (GUIDs; each once, in order) if every argument is valid, else
    :class:`InvalidArgumentError` naming the first bad one (as the CLI's options when ``cli``).
    A GUID is also what keeps ``../x`` from naming a file outside the output directory."""
    name = "CONVERSATION_ID" if cli else "conversation id"
    ids = [require_guid(name, conversation_id) for conversation_id in conversation_ids]
    require_page_size("--page-size" if cli else "page_size", page_size)
    if isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= MAX_JOBS:
        shown = "--jobs" if cli else "jobs"
        raise InvalidArgumentError(f"{shown} must be from 1 to {MAX_JOBS}, got {jobs!r}")
    return list(dict.fromkeys(ids))
