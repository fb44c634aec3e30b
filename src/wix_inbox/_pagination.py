"""Lazy iteration over every message of a conversation, page by page.

Only one page is held at a time. Every page is asked for with the first request's visibility,
order and page size (Wix requires that for its cursors to stay valid). Iteration follows
``cursors.next`` until it is null, goes on past an empty page that still has a cursor, and stops
with :class:`UnexpectedResponseError` when the pages stop making progress, which would otherwise
loop forever: a cursor it gave before, a message of the page before, a message out of sequence
order (Wix sorts pages by sequence), or :data:`MAX_PAGES_WITHOUT_MESSAGES` pages in a row with
no message but a next cursor. A page that fails these checks is not handed out.

Resuming: ``messages.list(..., cursor=saved)`` starts at a saved ``resume_cursor``, and after
each message handed out the iterator's ``resume_cursor`` goes on with exactly the next one::

    for message in iterator:
        save(message)
        checkpoint(iterator.resume_cursor)

loses and repeats nothing, wherever the run stops (give the resumed listing the same
conversation, visibility, order and page size). After a page's last message ``resume_cursor``
is Wix's own cursor of the next page; inside a page it is a resume token of ours
(:mod:`wix_inbox._resume`): the page's Wix cursor plus the id and sequence of the last message
handed out, so the resumed run reads that page again and hands out only what follows it. If
that message is no longer in the page (deleted, or the page moved), the whole page is handed
out: nothing is lost, and this case alone can repeat messages. A damaged token, or one of
another listing, is refused with :class:`InvalidArgumentError` before anything is sent.
Like Wix's cursors, a resumed listing goes on in the snapshot it started in: newest first,
messages that arrived since the first page was read are not promised (``list_new`` gets them).
Before the first message it is the cursor the listing started from. When the last page is
done, ``resume_cursor`` is None and ``complete`` is True: resuming from None would start over,
so record completion (and the last sequence) instead, and fetch later messages with
``messages.list_new(after_sequence=...)``.

``iter_pages`` resumes by page: while a page is handed out ``resume_cursor`` is the next page's
cursor (a plain Wix cursor, or None after the last page), so checkpoint it once the page is
handled. Started from a token, its first page holds only the messages after the marker.

The token is worked out only when ``resume_cursor`` is read, from the page being handed out and
the position of its list iterator: the listing loop itself does one attribute write per page.
"""

from __future__ import annotations

import hashlib
import operator
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterator
from itertools import islice
from operator import length_hint
from typing import TYPE_CHECKING, NamedTuple

from ._exceptions import UnexpectedResponseError
from ._models import MessagePage
from ._resume import Marker, ResumePoint, after_marker, parse

if TYPE_CHECKING:
    from wix_inbox_api.models import Message

__all__ = ["MAX_PAGES_WITHOUT_MESSAGES", "AsyncMessageIterator", "CursorTrail", "MessageIterator"]

MAX_PAGES_WITHOUT_MESSAGES = 20
# Message ids remembered, of this many recent pages: a server cycling through a few pages
# with fresh cursors is caught even when its messages carry no sequence.
_RECENT_PAGES = 10
_ID = operator.attrgetter("id")
_SEQUENCE = operator.attrgetter("sequence")


class CursorTrail:
    """Remembers the cursors followed so far and refuses one seen before; checks that each page
    makes progress (see the module's docstring). Memory: one digest per page, the ids of the
    last few pages, one sequence."""

    def __init__(self) -> None:
        self._seen: set[bytes] = set()
        self._recent: deque[set[str]] = deque(maxlen=_RECENT_PAGES)
        self._recent_ids: set[str] = set()  # the union of the sets in _recent
        self._edge: int | None = None  # the sequence of the last message seen
        self._direction = 0  # +1 ascending, -1 descending, 0 not known yet
        self._empty_pages = 0

    def check_progress(self, page: MessagePage) -> None:
        """Raise :class:`UnexpectedResponseError` if ``page`` repeats or goes back."""
        messages = page.messages
        ids = self._checked_quickly(messages)
        if ids is None:  # not the common shape, or a problem: the message-by-message walk
            ids = self._checked_each(messages)
        if len(self._recent) == _RECENT_PAGES:
            self._recent_ids -= self._recent[0]  # about to drop out of the window
        self._recent.append(ids)
        self._recent_ids |= ids
        self._empty_pages = 0 if messages else self._empty_pages + 1
        if self._empty_pages >= MAX_PAGES_WITHOUT_MESSAGES and page.next_cursor:
            self._stalled(f"{self._empty_pages} pages in a row had no message")

    def _checked_quickly(self, messages: list[Message]) -> set[str] | None:
        """The page's ids, when every message has a string id and a digit-string sequence and
        the page passes the checks; None otherwise (then :meth:`_checked_each` decides and
        names the problem). Whole-page operations that run in C, no Python step per message:
        this runs on every page of every listing."""
        if not messages:
            return None
        try:
            ids = list(map(_ID, messages))
            sequences = list(map(_SEQUENCE, messages))
            # join refuses anything but text: every id and every sequence is a string.
            "".join(ids)
            digits = "".join(sequences)
        except (AttributeError, TypeError):
            return None
        fresh = set(ids)
        if len(fresh) != len(ids) or not fresh.isdisjoint(self._recent_ids):
            return None
        if not (all(sequences) and digits.isascii() and digits.encode().isdigit()):
            return None
        # Digit strings of one length sort as their numbers do: compare the text then.
        ordered = sequences if len(set(map(len, sequences))) == 1 else list(map(int, sequences))
        head = int(sequences[0])
        direction = self._direction
        if self._edge is not None:
            if head == self._edge:
                return None
            step = 1 if head > self._edge else -1
            if direction and step != direction:
                return None
            direction = step
        if len(ordered) > 1:
            if not direction:
                direction = 1 if int(sequences[1]) > head else -1
            compare = operator.lt if direction == 1 else operator.gt
            if not all(map(compare, ordered, islice(ordered, 1, None))):
                return None
        self._direction = direction
        self._edge = int(sequences[-1])
        return fresh

    def _checked_each(self, messages: list[Message]) -> set[str]:
        ids: set[str] = set()
        for message in messages:
            message_id = getattr(message, "id", None)
            if isinstance(message_id, str):
                if message_id in ids or message_id in self._recent_ids:
                    self._stalled(f"message {message_id[:40]!r} came again")
                ids.add(message_id)
            sequence = getattr(message, "sequence", None)
            if isinstance(sequence, str) and sequence.isascii() and sequence.isdigit():
                self._step(int(sequence))
        return ids

    def _step(self, sequence: int) -> None:
        if self._edge is not None:
            step = (sequence > self._edge) - (sequence < self._edge)
            if step == 0 or (self._direction and step != self._direction):
                self._stalled(f"sequence {sequence} is out of order after {self._edge}")
            self._direction = step
        self._edge = sequence

    def _stalled(self, why: str) -> None:
        raise UnexpectedResponseError(
            f"the pages stopped making progress after {len(self._seen) + 1} pages ({why}); "
            "stopping instead of looping forever"
        )

    def next_cursor(self, page: MessagePage) -> str | None:
        """The cursor to fetch after ``page``, or None when ``page`` was the last one."""
        cursor = page.next_cursor
        if not cursor:
            return None
        digest = hashlib.blake2b(cursor.encode(), digest_size=16).digest()
        if digest in self._seen:
            raise UnexpectedResponseError(
                f"the server repeated a paging cursor after {len(self._seen)} pages; "
                "stopping instead of looping forever"
            )
        self._seen.add(digest)
        return cursor


class _Open(NamedTuple):
    """The page whose messages are being handed out (``__iter__`` / ``__aiter__``)."""

    base: str | None  # resume_cursor before its first message: its cursor, or the start token
    cursor: str | None  # the Wix cursor that read it (None: the first page)
    messages: list[Message]  # what is handed out of it (after the start marker, if any)
    rest: Iterator[Message]  # the list's own iterator: how far it went is read from it
    next_cursor: str | None


class _Resumable:
    """The resume state both iterators share (see the module docstring).

    Per page it stores what the page is and the list iterator handing out its messages; the
    position reached, and the token for it, are worked out only when ``resume_cursor`` is read.
    """

    def __init__(self, cursor: ResumePoint | str | None) -> None:
        if not isinstance(cursor, ResumePoint):
            cursor = parse(cursor)  # InvalidArgumentError for a damaged token
        self._start = cursor
        self._resume: str | None = cursor.token
        self._complete = False
        self._open: _Open | None = None
        self._marker: ResumePoint | None = None  # the start marker, until its page is read
        self._writer: tuple[_Open, Marker] | None = None  # writes the open page's tokens

    @property
    def resume_cursor(self) -> str | None:
        """What to pass as ``cursor=`` to go on after everything handed out so far: a Wix
        cursor at a page boundary, a resume token inside a page, None when ``complete``."""
        page = self._open
        if page is None:
            return self._resume
        left = length_hint(page.rest)
        if not left:
            return page.next_cursor
        handed = len(page.messages) - left
        if not handed:
            return page.base
        writer = self._writer
        if writer is None or writer[0] is not page:
            writer = self._writer = (page, Marker(self._start.query, page.cursor))
        return writer[1].token(page.messages[handed - 1]) or page.base

    @property
    def complete(self) -> bool:
        """True once the last page has been handed out whole: nothing is left to resume."""
        page = self._open
        if page is None:
            return self._complete
        return page.next_cursor is None and not length_hint(page.rest)

    def _restart(self) -> str | None:
        self._resume = self._start.token
        self._complete = False
        self._open = None
        self._marker = self._start if self._start.marked else None
        return self._start.cursor

    def _unmarked(self, page: MessagePage) -> list[Message]:
        """The page's messages, after the start marker if this is the page it points into."""
        marker = self._marker
        if marker is None:
            return page.messages
        self._marker = None
        return after_marker(page.messages, marker)

    def _page_done(self, page: MessagePage) -> None:
        """``iter_pages``: called just before a page is handed out."""
        self._open = None
        self._resume = page.next_cursor
        self._complete = page.next_cursor is None

    def _enter(self, cursor: str | None, page: MessagePage) -> Iterator[Message]:
        """``__iter__``: the iterator handing out the page's messages, recorded as the state."""
        messages = self._unmarked(page)
        base = cursor if messages is page.messages else self._start.token
        rest = iter(messages)
        self._open = _Open(base, cursor, messages, rest, page.next_cursor)
        return rest


class MessageIterator(_Resumable):
    """Iterates the messages of a conversation across all pages (sync).

    Starts at ``cursor`` (None: the first page; a Wix cursor or a resume token saved from
    ``resume_cursor``). ``resume_cursor``, read after any message, resumes exactly after it,
    and ``complete`` says nothing is left (see the module docstring). Iterating again starts
    again from ``cursor``.
    """

    def __init__(
        self, fetch: Callable[[str | None], MessagePage], cursor: ResumePoint | str | None = None
    ) -> None:
        super().__init__(cursor)
        self._fetch = fetch

    def iter_pages(self) -> Iterator[MessagePage]:
        """Yield the pages themselves (with their cursors); ``resume_cursor`` is the next
        page's cursor while a page is handed out (started from a resume token, the first page
        holds only the messages after its marker)."""
        trail = CursorTrail()
        cursor = self._restart()
        while True:
            page = self._fetch(cursor)
            trail.check_progress(page)
            self._page_done(page)
            yield _with(page, self._unmarked(page))
            cursor = trail.next_cursor(page)
            if cursor is None:
                return

    def __iter__(self) -> Iterator[Message]:
        trail = CursorTrail()
        cursor = self._restart()
        while True:
            page = self._fetch(cursor)
            trail.check_progress(page)
            yield from self._enter(cursor, page)  # walked in C: no Python step per message
            cursor = trail.next_cursor(page)
            if cursor is None:
                return


class AsyncMessageIterator(_Resumable):
    """Iterates the messages of a conversation across all pages (``async for``); resumes like
    :class:`MessageIterator`."""

    def __init__(
        self,
        fetch: Callable[[str | None], Awaitable[MessagePage]],
        cursor: ResumePoint | str | None = None,
    ) -> None:
        super().__init__(cursor)
        self._fetch = fetch

    async def iter_pages(self) -> AsyncGenerator[MessagePage, None]:
        """Yield the pages themselves (with their cursors); ``resume_cursor`` is the next
        page's cursor while a page is handed out (started from a resume token, the first page
        holds only the messages after its marker)."""
        trail = CursorTrail()
        cursor = self._restart()
        while True:
            page = await self._fetch(cursor)
            trail.check_progress(page)
            self._page_done(page)
            yield _with(page, self._unmarked(page))
            cursor = trail.next_cursor(page)
            if cursor is None:
                return

    async def __aiter__(self) -> AsyncIterator[Message]:
        trail = CursorTrail()
        cursor = self._restart()
        while True:
            page = await self._fetch(cursor)
            trail.check_progress(page)
            for message in self._enter(cursor, page):
                yield message
            cursor = trail.next_cursor(page)
            if cursor is None:
                return


def _with(page: MessagePage, messages: list[Message]) -> MessagePage:
    """``page`` holding only ``messages`` (the first page of a resumed listing)."""
    if messages is page.messages:
        return page
    return MessagePage(messages, page.next_cursor, page.prev_cursor)
