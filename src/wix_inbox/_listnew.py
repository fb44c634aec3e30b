"""``messages.list_new``: the messages newer than a known sequence, oldest first, cheaply.

Which listing to use when:

* **Sync "what is new since last time"** (a helpdesk or CRM sync, a chatbot catching up):
  ``list_new(conversation_id, after_sequence=last_seen)``. It reads newest-first pages only
  until it meets ``last_seen``, so a conversation of 100,000 messages with 3 new ones costs one
  request. It holds the new messages in memory (they arrive newest first and are handed out
  oldest first), which is right for "a few since last time".
* **The whole history, or a large backlog** (a backup, a first sync): ``list_new`` without
  ``after_sequence`` (or ``list(order="ASC")``): oldest-first pages, one page in memory at a
  time, resumable from ``resume_cursor`` (see :mod:`wix_inbox._pagination`).

Both return one type, :class:`NewMessageIterator` (:class:`AsyncNewMessageIterator`), so that
``resume_cursor`` and ``complete`` are typed whichever way ``list_new`` is called (a return
type that depends on ``after_sequence`` would need overloads, and a caller passing an
``int | None``, as ``wix-inbox export`` does, would still get a union to narrow). After a
sequence no cursor exists to resume from, so ``resume_cursor`` is None there: such a run resumes
by sequence, which costs as little.

Sequences are strings of digits that grow with each message; they are compared as numbers
("10" is after "9").
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from contextlib import aclosing
from operator import length_hint
from typing import TYPE_CHECKING

from ._exceptions import InvalidArgumentError, UnexpectedResponseError
from ._models import MessagePage

if TYPE_CHECKING:
    from wix_inbox_api.models import Message

    from ._pagination import AsyncMessageIterator, MessageIterator

__all__ = [
    "AsyncNewMessageIterator",
    "NewMessageIterator",
    "after_sequence_arg",
    "sequence_of",
]

_MAX_DIGITS = 40


def after_sequence_arg(value: object) -> int | None:
    """``after_sequence`` checked: a string of digits, a whole number >= 0, or None."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if (
        isinstance(value, str)
        and 0 < len(value) <= _MAX_DIGITS
        and value.isascii()
        and value.isdigit()
    ):
        return int(value)
    raise InvalidArgumentError(
        f"after_sequence must be a message's sequence (a string of digits) or None, got {value!r}"
    )


def sequence_of(message: Message) -> int:
    """A message's ``sequence`` as a number (UnexpectedResponseError when it has none)."""
    value = message.sequence
    if (
        isinstance(value, str)
        and 0 < len(value) <= _MAX_DIGITS
        and value.isascii()
        and value.isdigit()
    ):
        return int(value)
    raise UnexpectedResponseError("a listed message has no sequence of digits")


def _take_newer(page: MessagePage, after: int, into: list[Message]) -> bool:
    """Add the page's messages newer than ``after`` (page newest first); True once an older
    or equal one was met, so no further page is needed."""
    for message in page.messages:
        if sequence_of(message) <= after:
            return True
        into.append(message)
    return False


def _read_new(pages: Iterator[MessagePage], after: int) -> Iterator[Message]:
    """Read newest-first ``pages`` down to ``after``; the new messages, to hand out oldest
    first (``length_hint`` of the result says how many are left)."""
    found: list[Message] = []
    for page in pages:
        if _take_newer(page, after, found):
            break
    return reversed(found)


async def _read_new_async(
    pages: AsyncGenerator[MessagePage, None], after: int
) -> Iterator[Message]:
    """:func:`_read_new` for async pages. The pages are closed here, not left to the garbage
    collector: an async generator left open is finalised later, on another task."""
    found: list[Message] = []
    async with aclosing(pages) as opened:
        async for page in opened:
            if _take_newer(page, after, found):
                break
    return reversed(found)


class _NewMessages:
    """The state of one ``list_new`` call, shared by :class:`NewMessageIterator` and
    :class:`AsyncNewMessageIterator` (which differ in nothing but ``await``): which mode it
    is in, and what it says about resuming in that mode.

    Whole history (``after`` is None): messages come straight from an oldest-first listing,
    whose own ``resume_cursor`` and ``complete`` are shown. After a sequence: the first step
    reads newest-first pages down to ``after``; the new messages are then handed out oldest
    first from memory.
    """

    def __init__(self, listing: MessageIterator | AsyncMessageIterator, after: int | None) -> None:
        self._listing = listing
        self._after = after
        self._found: Iterator[Message] | None = None  # after a sequence: what is left, once read
        self._read = False  # after a sequence: the pages were read, or the read was tried

    @property
    def resume_cursor(self) -> str | None:
        """Whole history: what to pass as ``cursor=`` to ``messages.list(order="ASC")`` (same
        ``visibility`` and ``page_size``) to go on exactly after the last message handed out
        (see :class:`~wix_inbox.MessageIterator`); None once ``complete``.

        After a sequence: always None, because no cursor exists for that. The new messages
        were read from newest-first pages and are handed out from memory; no Wix cursor points
        at "after this one, going forward". Resume such a run by sequence instead:
        ``list_new(after_sequence=<sequence of the last message handled>)``, one request when
        few are new. (Passing None as ``cursor=`` to ``list`` would start the history over.)
        """
        if self._after is None:
            return self._listing.resume_cursor
        return None

    @property
    def complete(self) -> bool:
        """True once every message this call lists has been handed out: nothing is left to
        resume. Whole history: the listing's last page was handed out whole. After a
        sequence: the pages were read down to ``after_sequence`` and every new message found
        has been handed out. False before the first step, and after a failed read."""
        if self._after is None:
            return self._listing.complete
        found = self._found
        return found is not None and not length_hint(found)

    def _to_read(self) -> int | None:
        """After a sequence, when the pages are to be read now: the sequence to read down to.
        Only once: a read that failed ends the iteration, as a generator that raised would."""
        if self._read or self._after is None:
            return None
        self._read = True
        return self._after

    def _hand_out(self) -> Message | None:
        """After a sequence: the next new message, or None when none is left."""
        found = self._found
        return None if found is None else next(found, None)


class NewMessageIterator(_NewMessages, Iterator["Message"]):
    """What ``messages.list_new`` returns: the messages newer than ``after_sequence``, oldest
    first (without it, the whole history), with ``resume_cursor`` and ``complete``.

    One type for both modes, so that code checked with ``mypy --strict`` reads
    ``resume_cursor`` without a cast however ``list_new`` was called; what the two attributes
    mean in each mode is on the properties. Requests are made from the first ``next()``. An
    iterator, not an iterable: it is consumed once (call ``list_new`` again to list again).
    """

    _listing: MessageIterator

    def __init__(self, listing: MessageIterator, after: int | None) -> None:
        super().__init__(listing, after)
        self._stream = iter(listing) if after is None else None  # the whole history

    def __next__(self) -> Message:
        stream = self._stream
        if stream is not None:
            return next(stream)
        after = self._to_read()
        if after is not None:
            self._found = _read_new(self._listing.iter_pages(), after)
        message = self._hand_out()
        if message is None:
            raise StopIteration
        return message


class AsyncNewMessageIterator(_NewMessages, AsyncIterator["Message"]):
    """:class:`NewMessageIterator` for ``async for`` (what ``AsyncInboxClient``'s
    ``messages.list_new`` returns)."""

    _listing: AsyncMessageIterator

    def __init__(self, listing: AsyncMessageIterator, after: int | None) -> None:
        super().__init__(listing, after)
        self._stream = aiter(listing) if after is None else None  # the whole history

    async def aclose(self) -> None:
        """Close the whole-history listing now, when it is left before its end (what
        ``contextlib.aclosing`` calls): an async generator left open is finalised later, by
        the garbage collector, on another task. Nothing to do after a sequence (the pages
        are closed once read)."""
        close = getattr(self._stream, "aclose", None)
        if close is not None:
            await close()

    async def __anext__(self) -> Message:
        stream = self._stream
        if stream is not None:
            return await anext(stream)
        after = self._to_read()
        if after is not None:
            self._found = await _read_new_async(self._listing.iter_pages(), after)
        message = self._hand_out()
        if message is None:
            raise StopAsyncIteration
        return message
