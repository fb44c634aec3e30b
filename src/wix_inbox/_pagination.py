"""Lazy iteration over every message of a conversation, page by page.

Only one page is held at a time. Every page is asked for with the first request's visibility,
order and page size (Wix requires that for its cursors to stay valid). Iteration follows
``cursors.next`` until it is null, goes on past an empty page that still has a cursor, and stops
with :class:`UnexpectedResponseError` when the pages stop making progress, which would otherwise
loop forever: a cursor it gave before, a message of the page before, a message out of sequence
order (Wix sorts pages by sequence), or :data:`MAX_PAGES_WITHOUT_MESSAGES` pages in a row with
no message but a next cursor. A page that fails these checks is not handed out.

Resuming: ``messages.list(..., cursor=saved)`` starts at a saved cursor, and the iterator's
``resume_cursor`` is the cursor to save. While messages of a page are being yielded it is the
cursor *of that page* (the one that fetched it); just before the page's last message is yielded
it becomes the *next* page's cursor. So, after handling each message::

    for message in iterator:
        save(message)
        checkpoint(iterator.resume_cursor)

a run stopped at a page boundary resumes exactly after the last message handled, and a run
stopped in the middle of a page loses nothing but reads that page again from its start: the
messages of that page already handled come again (at most one page of them). Make ``save``
idempotent (keyed on the message id or sequence) for exactly-once, or checkpoint only when
``resume_cursor`` changes together with the page's messages (the ``iter_pages`` loop does that
naturally). When the last page is done, ``resume_cursor`` is None and ``complete`` is True:
resuming from None would start over, so record completion (and the last sequence) instead, and
fetch later messages with ``messages.list_new(after_sequence=...)``.
"""

from __future__ import annotations

import hashlib
import operator
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from ._exceptions import UnexpectedResponseError
from ._models import MessagePage

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


class _Resumable:
    """The resume state both iterators share (see the module docstring)."""

    def __init__(self, cursor: str | None) -> None:
        self._start = cursor
        self.resume_cursor: str | None = cursor
        self.complete = False

    def _restart(self) -> str | None:
        self.resume_cursor = self._start
        self.complete = False
        return self._start

    def _page_done(self, page: MessagePage) -> None:
        """Called just before a page's last message (or an empty page) is handed out."""
        self.resume_cursor = page.next_cursor
        self.complete = page.next_cursor is None


class MessageIterator(_Resumable):
    """Iterates the messages of a conversation across all pages (sync).

    Starts at ``cursor`` (None: the first page). ``resume_cursor`` and ``complete`` tell where
    to resume after a stop (see the module docstring). Iterating again starts again from
    ``cursor``.
    """

    def __init__(
        self, fetch: Callable[[str | None], MessagePage], cursor: str | None = None
    ) -> None:
        super().__init__(cursor)
        self._fetch = fetch

    def iter_pages(self) -> Iterator[MessagePage]:
        """Yield the pages themselves (with their cursors); ``resume_cursor`` is the next
        page's cursor while a page is handed out."""
        trail = CursorTrail()
        cursor = self._restart()
        while True:
            page = self._fetch(cursor)
            trail.check_progress(page)
            self._page_done(page)
            yield page
            cursor = trail.next_cursor(page)
            if cursor is None:
                return

    def __iter__(self) -> Iterator[Message]:
        trail = CursorTrail()
        cursor = self._restart()
        while True:
            page = self._fetch(cursor)
            trail.check_progress(page)
            yield from _messages(self, page)
            cursor = trail.next_cursor(page)
            if cursor is None:
                return


class AsyncMessageIterator(_Resumable):
    """Iterates the messages of a conversation across all pages (``async for``); resumes like
    :class:`MessageIterator`."""

    def __init__(
        self, fetch: Callable[[str | None], Awaitable[MessagePage]], cursor: str | None = None
    ) -> None:
        super().__init__(cursor)
        self._fetch = fetch

    async def iter_pages(self) -> AsyncGenerator[MessagePage, None]:
        """Yield the pages themselves (with their cursors); ``resume_cursor`` is the next
        page's cursor while a page is handed out."""
        trail = CursorTrail()
        cursor = self._restart()
        while True:
            page = await self._fetch(cursor)
            trail.check_progress(page)
            self._page_done(page)
            yield page
            cursor = trail.next_cursor(page)
            if cursor is None:
                return

    async def __aiter__(self) -> AsyncIterator[Message]:
        trail = CursorTrail()
        cursor = self._restart()
        while True:
            page = await self._fetch(cursor)
            trail.check_progress(page)
            for message in _messages(self, page):
                yield message
            cursor = trail.next_cursor(page)
            if cursor is None:
                return


def _messages(state: _Resumable, page: MessagePage) -> Iterator[Message]:
    """The page's messages; ``state`` moves to the next page just before the last one."""
    messages = page.messages
    if not messages:
        state._page_done(page)
        return
    yield from messages[:-1]  # walked in C: no Python step per message
    state._page_done(page)
    yield messages[-1]
