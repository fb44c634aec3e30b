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

Sequences are strings of digits that grow with each message; they are compared as numbers
("10" is after "9").
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from contextlib import aclosing
from typing import TYPE_CHECKING

from ._exceptions import InvalidArgumentError, UnexpectedResponseError
from ._models import MessagePage

if TYPE_CHECKING:
    from wix_inbox_api.models import Message

    from ._pagination import AsyncMessageIterator, MessageIterator

__all__ = [
    "AsyncOldestFirst",
    "OldestFirst",
    "after_sequence_arg",
    "new_messages",
    "new_messages_async",
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


def new_messages(newest_first: Iterator[MessagePage], after: int) -> Iterator[Message]:
    """The messages of ``newest_first`` pages newer than ``after``, oldest first."""
    found: list[Message] = []
    for page in newest_first:
        if _take_newer(page, after, found):
            break
    yield from reversed(found)


async def new_messages_async(
    newest_first: AsyncGenerator[MessagePage, None], after: int
) -> AsyncIterator[Message]:
    """:func:`new_messages` for async pages."""
    found: list[Message] = []
    async with aclosing(newest_first) as pages:
        async for page in pages:
            if _take_newer(page, after, found):
                break
    for message in reversed(found):
        yield message


class OldestFirst(Iterator["Message"]):
    """``list_new`` without ``after_sequence``: an iterator (as before) over an oldest-first
    :class:`~wix_inbox._pagination.MessageIterator`, whose ``resume_cursor`` and ``complete``
    it shows, so the whole-history listing resumes as the module docstring promises."""

    def __init__(self, listing: MessageIterator) -> None:
        self._listing = listing
        self._messages = iter(listing)

    def __next__(self) -> Message:
        return next(self._messages)

    @property
    def resume_cursor(self) -> str | None:
        """See :attr:`MessageIterator.resume_cursor`: pass it as ``cursor=`` to
        ``messages.list(order="ASC")`` to go on after the last message handed out."""
        return self._listing.resume_cursor

    @property
    def complete(self) -> bool:
        return self._listing.complete


class AsyncOldestFirst(AsyncIterator["Message"]):
    """:class:`OldestFirst` for ``async for``."""

    def __init__(self, listing: AsyncMessageIterator) -> None:
        self._listing = listing
        self._messages = aiter(listing)

    async def __anext__(self) -> Message:
        return await anext(self._messages)

    @property
    def resume_cursor(self) -> str | None:
        return self._listing.resume_cursor

    @property
    def complete(self) -> bool:
        return self._listing.complete
