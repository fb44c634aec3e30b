"""What ``messages.list_new`` returns: one iterator type for both modes (the whole history, or
what is new after a sequence), with ``resume_cursor`` and ``complete``, sync and async.

mypy --strict checks this file (``nox -s typecheck``): the ``assert_type`` lines fail that
session if ``list_new`` is declared to return anything else, or if the attributes stop being
reachable without a cast. The rest runs against the mock.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import assert_type

import pytest

from test_client_support import routed
from wix_inbox import (
    AsyncInboxClient,
    AsyncNewMessageIterator,
    BadRequestError,
    InboxClient,
    Message,
    NewMessageIterator,
)
from wix_inbox.testing import MockInbox

PAGE = 10


def _client(inbox: MockInbox) -> InboxClient:
    return InboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url)


def _aclient(inbox: MockInbox) -> AsyncInboxClient:
    return AsyncInboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url)


def _sequences(messages: list[Message]) -> list[str]:
    return [str(m.sequence) for m in messages]


def _add(inbox: MockInbox, conversation_id: str, old: int, new: int) -> tuple[str, list[str]]:
    """``old`` messages, then ``new`` more: the last old sequence and the new sequences."""
    inbox.add_messages(conversation_id, old, text="old {n}")
    known = str(inbox.messages(conversation_id)[-1]["sequence"])
    inbox.add_messages(conversation_id, new, text="new {n}")
    inbox.reset_requests()
    return known, [str(m["sequence"]) for m in inbox.messages(conversation_id)][old:]


def test_list_new_is_one_typed_iterator_in_both_modes(
    inbox: MockInbox, conversation_id: str
) -> None:
    # An `int | None`, as `wix-inbox export` passes it: the call that an @overload on
    # `after_sequence: None` could not match (and that broke type: ignore comments there).
    last: int | None = None
    with _client(inbox) as client:
        whole = client.messages.list_new(conversation_id)
        since = client.messages.list_new(conversation_id, after_sequence="0")
        either = client.messages.list_new(conversation_id, after_sequence=last)
        assert_type(whole, NewMessageIterator)
        assert_type(since, NewMessageIterator)
        assert_type(either, NewMessageIterator)
        assert_type(whole.resume_cursor, str | None)
        assert_type(since.complete, bool)
        for listing in (whole, since, either):
            assert isinstance(listing, NewMessageIterator)
            assert iter(listing) is listing  # still a plain iterator, as before

    async def run() -> None:
        async with _aclient(inbox) as aclient:
            whole = aclient.messages.list_new(conversation_id)
            since = aclient.messages.list_new(conversation_id, after_sequence=7)
            assert_type(whole, AsyncNewMessageIterator)
            assert_type(since, AsyncNewMessageIterator)
            assert_type(since.resume_cursor, str | None)
            assert_type(whole.complete, bool)
            for listing in (whole, since):
                assert isinstance(listing, AsyncNewMessageIterator)
                assert aiter(listing) is listing

    asyncio.run(run())
    assert inbox.requests == []  # nothing was iterated: no request was made


def test_after_a_sequence_sync_complete_once_every_new_one_is_handed_out(
    inbox: MockInbox, conversation_id: str
) -> None:
    known, new = _add(inbox, conversation_id, 30, 5)
    with _client(inbox) as client:
        listing = client.messages.list_new(conversation_id, after_sequence=known, page_size=PAGE)
        assert not listing.complete and listing.resume_cursor is None
        first = [next(listing) for _ in range(3)]
        assert len(routed(inbox, "listMessages")) == 1  # all 5 were read with the first
        assert not listing.complete
        assert listing.resume_cursor is None  # no cursor: this mode resumes by sequence
        # The documented resume: by the sequence of the last message handled.
        rest = list(
            client.messages.list_new(conversation_id, after_sequence=str(first[-1].sequence))
        )
        assert _sequences(first + rest) == new
        last_two = [next(listing), next(listing)]
        assert listing.complete  # with the last one handed out, before StopIteration
        assert listing.resume_cursor is None
        assert next(listing, None) is None and listing.complete
    assert _sequences(first + last_two) == new


def test_after_a_sequence_async_complete_once_every_new_one_is_handed_out(
    inbox: MockInbox, conversation_id: str
) -> None:
    known, new = _add(inbox, conversation_id, 30, 5)

    async def run() -> tuple[list[Message], list[bool], list[str | None]]:
        async with _aclient(inbox) as aclient:
            listing = aclient.messages.list_new(
                conversation_id, after_sequence=known, page_size=PAGE
            )
            completes, cursors = [listing.complete], [listing.resume_cursor]
            found = []
            async for message in listing:
                found.append(message)
                completes.append(listing.complete)
                cursors.append(listing.resume_cursor)
            completes.append(listing.complete)
            return found, completes, cursors

    found, completes, cursors = asyncio.run(run())
    assert _sequences(found) == new
    assert completes == [False, False, False, False, False, True, True]
    assert cursors == [None] * 6
    assert len(routed(inbox, "listMessages")) == 1


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_after_a_sequence_with_nothing_new_is_complete_after_one_request(
    inbox: MockInbox, conversation_id: str, mode: str
) -> None:
    known, new = _add(inbox, conversation_id, 30, 0)
    assert new == []
    if mode == "sync":
        with _client(inbox) as client:
            listing = client.messages.list_new(conversation_id, after_sequence=known)
            before = listing.complete
            found = list(listing)
            after = listing.complete
    else:

        async def run() -> tuple[bool, list[Message], bool]:
            async with _aclient(inbox) as aclient:
                listing = aclient.messages.list_new(conversation_id, after_sequence=known)
                before = listing.complete
                return before, [m async for m in listing], listing.complete

        before, found, after = asyncio.run(run())
    assert (before, found, after) == (False, [], True)
    assert len(routed(inbox, "listMessages")) == 1


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_after_a_sequence_a_failed_read_ends_the_iteration_incomplete(
    inbox: MockInbox, conversation_id: str, mode: str
) -> None:
    """A failed read is not mistaken for "nothing new": ``complete`` stays False (so a caller
    that records completion does not skip what it never saw), and the iterator then ends, as
    the generator it replaced did."""
    known, _ = _add(inbox, conversation_id, 30, 5)
    inbox.inject("listMessages", status=400)
    if mode == "sync":
        with _client(inbox) as client:
            listing = client.messages.list_new(conversation_id, after_sequence=known)
            with pytest.raises(BadRequestError):
                next(listing)
            assert next(listing, None) is None
            complete = listing.complete
    else:

        async def run() -> bool:
            async with _aclient(inbox) as aclient:
                listing = aclient.messages.list_new(conversation_id, after_sequence=known)
                with pytest.raises(BadRequestError):
                    await anext(listing)
                assert await anext(listing, None) is None
                return listing.complete

        complete = asyncio.run(run())
    assert not complete
    assert len(routed(inbox, "listMessages")) == 1  # the later step asked nothing again


def test_whole_history_async_resumes_from_its_resume_cursor(
    inbox: MockInbox, conversation_id: str
) -> None:
    inbox.add_messages(conversation_id, 25)
    expected = [str(m["sequence"]) for m in inbox.messages(conversation_id)]

    async def run() -> tuple[list[Message], list[Message], bool, str | None, bool, str | None]:
        async with _aclient(inbox) as aclient:
            listing = aclient.messages.list_new(conversation_id, page_size=PAGE)
            assert not listing.complete and listing.resume_cursor is None  # nothing read yet
            first = [await anext(listing) for _ in range(12)]  # inside the second page
            middle = (listing.complete, listing.resume_cursor)
            resumed = aclient.messages.list(
                conversation_id, order="ASC", page_size=PAGE, cursor=middle[1]
            )
            rest = [m async for m in resumed]
            async for _ in listing:  # to the end
                pass
            return first, rest, *middle, listing.complete, listing.resume_cursor

    first, rest, middle_complete, cursor, end_complete, end_cursor = asyncio.run(run())
    assert not middle_complete and cursor is not None
    assert _sequences(first + rest) == expected
    assert end_complete and end_cursor is None


def test_whole_history_sync_is_complete_after_its_last_message(
    inbox: MockInbox, conversation_id: str
) -> None:
    inbox.add_messages(conversation_id, 20)  # two full pages: the end is known at the last
    with _client(inbox) as client:
        listing = client.messages.list_new(conversation_id, page_size=PAGE)
        found = [next(listing) for _ in range(20)]
        assert listing.complete and listing.resume_cursor is None
        assert next(listing, None) is None
    assert len(found) == 20


def test_every_iterator_class_is_exported_from_the_package() -> None:
    # wix_inbox lists its names itself (so that `import wix_inbox` loads nothing); this keeps
    # that list in step with the listing modules', as test_runtime does for the errors.
    import wix_inbox
    from wix_inbox import _listnew, _pagination

    for module in (_listnew, _pagination):
        classes = [n for n in module.__all__ if isinstance(getattr(module, n), type)]
        assert classes, module.__name__
        for name in classes:
            if name == "CursorTrail":  # the pages' progress check, not something users hold
                continue
            assert name in wix_inbox.__all__, name
            assert getattr(wix_inbox, name) is getattr(module, name)


def test_an_async_whole_history_left_early_is_closed_by_aclosing(inbox: MockInbox) -> None:
    cid = inbox.create_conversation()["id"]
    inbox.add_messages(cid, 5)

    async def run() -> tuple[str, bool]:
        async with _aclient(inbox) as client:
            listing = client.messages.list_new(cid, page_size=2)
            async with contextlib.aclosing(listing) as messages:
                async for message in messages:
                    first = message
                    break
            stream = listing._stream
            assert stream is not None
            return str(first.sequence), stream.ag_frame is None  # type: ignore[attr-defined]

    sequence, closed = asyncio.run(run())
    assert sequence == inbox.messages(cid)[0]["sequence"]
    assert closed  # the listing's generator was closed then, not left to the collector
