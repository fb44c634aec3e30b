"""Lazy iteration over every message of a conversation, page by page.

Only one page is held at a time. Every page is asked for with the first request's visibility,
order and page size (Wix requires that for its cursors to stay valid). Iteration follows
``cursors.next`` until it is null, goes on past an empty page that still has a cursor, and stops
with :class:`UnexpectedResponseError` if the server hands out a cursor it gave before, which
would otherwise loop forever.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import TYPE_CHECKING

from ._exceptions import UnexpectedResponseError
from ._models import MessagePage

if TYPE_CHECKING:
    from wix_inbox_api.models import Message

__all__ = ["AsyncMessageIterator", "CursorTrail", "MessageIterator"]


class CursorTrail:
    """Remembers the cursors followed so far and refuses one seen before."""

    def __init__(self) -> None:
        self._seen: set[bytes] = set()

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


class MessageIterator:
    """Iterates the messages of a conversation across all pages (sync).

    Iterating again starts again from the first page.
    """

    def __init__(self, fetch: Callable[[str | None], MessagePage]) -> None:
        self._fetch = fetch

    def iter_pages(self) -> Iterator[MessagePage]:
        """Yield the pages themselves (with their cursors)."""
        trail = CursorTrail()
        cursor: str | None = None
        while True:
            page = self._fetch(cursor)
            yield page
            cursor = trail.next_cursor(page)
            if cursor is None:
                return

    def __iter__(self) -> Iterator[Message]:
        # chain walks each page's list in C: no generator step per message.
        return itertools.chain.from_iterable(page.messages for page in self.iter_pages())


class AsyncMessageIterator:
    """Iterates the messages of a conversation across all pages (``async for``)."""

    def __init__(self, fetch: Callable[[str | None], Awaitable[MessagePage]]) -> None:
        self._fetch = fetch

    async def iter_pages(self) -> AsyncIterator[MessagePage]:
        """Yield the pages themselves (with their cursors)."""
        trail = CursorTrail()
        cursor: str | None = None
        while True:
            page = await self._fetch(cursor)
            yield page
            cursor = trail.next_cursor(page)
            if cursor is None:
                return

    async def __aiter__(self) -> AsyncIterator[Message]:
        async for page in self.iter_pages():
            for message in page.messages:
                yield message
