"""``client.conversations`` and ``client.messages``: thin, typed entry points.

Each method only builds its call in :mod:`wix_inbox._operations` and hands it to the client's
driver; the sync and async classes differ in nothing but ``await``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from . import _operations as ops
from ._listnew import AsyncNewMessageIterator, NewMessageIterator, after_sequence_arg
from ._models import GetOrCreateResult, MessagePage
from ._pagination import AsyncMessageIterator, MessageIterator
from ._resume import resume_point

if TYPE_CHECKING:
    from wix_inbox_api.models import Conversation, Message, MessageContent

    from ._client import AsyncInboxClient, InboxClient

__all__ = ["AsyncConversations", "AsyncMessages", "Conversations", "Messages"]

Timeout = float | httpx.Timeout | None


class Conversations:
    """Conversations between the business and its participants."""

    def __init__(self, client: InboxClient) -> None:
        self._client = client

    def get(self, conversation_id: ops.Id, *, timeout: Timeout = None) -> Conversation:
        """The conversation with this GUID."""
        return self._client._execute(ops.get_conversation(conversation_id), timeout)

    def get_or_create(
        self,
        *,
        contact_id: ops.Id | None = None,
        member_id: ops.Id | None = None,
        anonymous_visitor_id: ops.Id | None = None,
        timeout: Timeout = None,
    ) -> GetOrCreateResult:
        """The conversation with one participant (pass exactly one id), created if missing."""
        call = ops.get_or_create_conversation(
            contact_id=contact_id, member_id=member_id, anonymous_visitor_id=anonymous_visitor_id
        )
        return self._client._execute(call, timeout)


class Messages:
    """Messages of a conversation."""

    def __init__(self, client: InboxClient) -> None:
        self._client = client

    def list(
        self,
        conversation_id: ops.Id,
        *,
        visibility: ops.Visibility = "BUSINESS",
        order: ops.Order = "DESC",
        page_size: int = 100,
        cursor: str | None = None,
        timeout: Timeout = None,
    ) -> MessageIterator:
        """Every message, lazily, page by page: newest first (Wix's default) unless
        ``order="ASC"``.

        ``cursor`` starts right after the last message handled, from a ``resume_cursor``
        saved after it (give the same ``visibility``, ``order`` and ``page_size`` as the run
        that saved it; a resume token of another listing, or a damaged one, raises
        :class:`InvalidArgumentError` before anything is sent). Saving ``resume_cursor`` after
        each message loses and repeats nothing; see :class:`MessageIterator`. For "what is new
        since last time" use :meth:`list_new`.
        """
        page = ops.list_messages(
            conversation_id, visibility=visibility, order=order, page_size=page_size
        )
        start = resume_point(cursor, page)  # a cursor or a resume token, checked now
        self._client._call_timeout(timeout)  # checked now, like the other arguments
        return MessageIterator(lambda at: self._client._execute(page(at), timeout), start)

    def list_new(
        self,
        conversation_id: ops.Id,
        *,
        after_sequence: str | int | None = None,
        visibility: ops.Visibility = "BUSINESS",
        page_size: int = 100,
        timeout: Timeout = None,
    ) -> NewMessageIterator:
        """The messages with a ``sequence`` greater than ``after_sequence``, oldest first.

        With ``after_sequence`` (the last sequence you have) it reads newest-first pages only
        until it meets that sequence: one request when fewer than ``page_size`` are new; the
        new messages are held in memory. Without it, the whole history, oldest first, one page
        in memory at a time. Either way the iterator has ``complete``, and ``resume_cursor``
        (resume with ``list(order="ASC", cursor=...)``; always None after a sequence, where
        a run resumes by sequence: see :class:`~wix_inbox.NewMessageIterator`). Sequences
        compare as numbers. Requests are made lazily.
        """
        after = after_sequence_arg(after_sequence)
        listing = self.list(
            conversation_id,
            visibility=visibility,
            order="ASC" if after is None else "DESC",
            page_size=page_size,
            timeout=timeout,
        )
        return NewMessageIterator(listing, after)

    def list_page(
        self,
        conversation_id: ops.Id,
        *,
        visibility: ops.Visibility = "BUSINESS",
        limit: int | None = None,
        cursor: str | None = None,
        order: ops.Order = "DESC",
        timeout: Timeout = None,
    ) -> MessagePage:
        """One page of messages; pass the previous page's ``next_cursor`` for the next one."""
        call = ops.list_messages_page(
            conversation_id, visibility=visibility, order=order, limit=limit, cursor=cursor
        )
        return self._client._execute(call, timeout)

    def send(
        self,
        conversation_id: ops.Id,
        content: str | MessageContent,
        *,
        visibility: ops.Visibility = "BUSINESS_AND_PARTICIPANT",
        direction: ops.Direction = "BUSINESS_TO_PARTICIPANT",
        send_as: ops.SendAs | None = None,
        send_notifications: bool | None = None,
        silent: bool | None = None,
        timeout: Timeout = None,
    ) -> Message:
        """Send a message (a str is sent as text). Never retried once it may have arrived."""
        call = ops.send_message(
            conversation_id,
            content,
            visibility=visibility,
            direction=direction,
            send_as=send_as,
            send_notifications=send_notifications,
            silent=silent,
        )
        return self._client._execute(call, timeout)


class AsyncConversations:
    """Conversations between the business and its participants (async)."""

    def __init__(self, client: AsyncInboxClient) -> None:
        self._client = client

    async def get(self, conversation_id: ops.Id, *, timeout: Timeout = None) -> Conversation:
        """The conversation with this GUID."""
        return await self._client._execute(ops.get_conversation(conversation_id), timeout)

    async def get_or_create(
        self,
        *,
        contact_id: ops.Id | None = None,
        member_id: ops.Id | None = None,
        anonymous_visitor_id: ops.Id | None = None,
        timeout: Timeout = None,
    ) -> GetOrCreateResult:
        """The conversation with one participant (pass exactly one id), created if missing."""
        call = ops.get_or_create_conversation(
            contact_id=contact_id, member_id=member_id, anonymous_visitor_id=anonymous_visitor_id
        )
        return await self._client._execute(call, timeout)


class AsyncMessages:
    """Messages of a conversation (async)."""

    def __init__(self, client: AsyncInboxClient) -> None:
        self._client = client

    def list(
        self,
        conversation_id: ops.Id,
        *,
        visibility: ops.Visibility = "BUSINESS",
        order: ops.Order = "DESC",
        page_size: int = 100,
        cursor: str | None = None,
        timeout: Timeout = None,
    ) -> AsyncMessageIterator:
        """Every message, lazily, page by page: ``async for message in ...``; newest first
        (Wix's default) unless ``order="ASC"``. ``cursor`` resumes, as in
        :meth:`Messages.list`."""
        page = ops.list_messages(
            conversation_id, visibility=visibility, order=order, page_size=page_size
        )
        start = resume_point(cursor, page)  # a cursor or a resume token, checked now
        self._client._call_timeout(timeout)  # checked now, like the other arguments
        return AsyncMessageIterator(lambda at: self._client._execute(page(at), timeout), start)

    def list_new(
        self,
        conversation_id: ops.Id,
        *,
        after_sequence: str | int | None = None,
        visibility: ops.Visibility = "BUSINESS",
        page_size: int = 100,
        timeout: Timeout = None,
    ) -> AsyncNewMessageIterator:
        """``async for``: the messages newer than ``after_sequence``, oldest first; as
        :meth:`Messages.list_new`."""
        after = after_sequence_arg(after_sequence)
        listing = self.list(
            conversation_id,
            visibility=visibility,
            order="ASC" if after is None else "DESC",
            page_size=page_size,
            timeout=timeout,
        )
        return AsyncNewMessageIterator(listing, after)

    async def list_page(
        self,
        conversation_id: ops.Id,
        *,
        visibility: ops.Visibility = "BUSINESS",
        limit: int | None = None,
        cursor: str | None = None,
        order: ops.Order = "DESC",
        timeout: Timeout = None,
    ) -> MessagePage:
        """One page of messages; pass the previous page's ``next_cursor`` for the next one."""
        call = ops.list_messages_page(
            conversation_id, visibility=visibility, order=order, limit=limit, cursor=cursor
        )
        return await self._client._execute(call, timeout)

    async def send(
        self,
        conversation_id: ops.Id,
        content: str | MessageContent,
        *,
        visibility: ops.Visibility = "BUSINESS_AND_PARTICIPANT",
        direction: ops.Direction = "BUSINESS_TO_PARTICIPANT",
        send_as: ops.SendAs | None = None,
        send_notifications: bool | None = None,
        silent: bool | None = None,
        timeout: Timeout = None,
    ) -> Message:
        """Send a message (a str is sent as text). Never retried once it may have arrived."""
        call = ops.send_message(
            conversation_id,
            content,
            visibility=visibility,
            direction=direction,
            send_as=send_as,
            send_notifications=send_notifications,
            silent=silent,
        )
        return await self._client._execute(call, timeout)
