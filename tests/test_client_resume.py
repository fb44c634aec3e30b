"""Listing that resumes: ``messages.list(cursor=...)``, ``resume_cursor``, ``list_new``."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from test_client_support import Surface, routed
from wix_inbox import (
    AsyncInboxClient,
    InboxClient,
    InvalidArgumentError,
    Message,
    MessageIterator,
)
from wix_inbox._pagination import AsyncMessageIterator
from wix_inbox.testing import MockInbox

PAGE = 10
TOTAL = 25  # pages of 10, 10, 5


def _take(
    surface: Surface, iterator: MessageIterator | AsyncMessageIterator, count: int
) -> tuple[list[Message], str | None, bool]:
    """The first ``count`` messages, then ``resume_cursor`` and ``complete`` at that point."""
    if isinstance(iterator, MessageIterator):
        it = iter(iterator)
        taken = [next(it) for _ in range(count)]
        return taken, iterator.resume_cursor, iterator.complete

    async def run() -> list[Message]:
        agen = iterator.__aiter__()
        return [await agen.__anext__() for _ in range(count)]

    taken = surface._wait(run())
    return taken, iterator.resume_cursor, iterator.complete


def _sequences(messages: list[Message]) -> list[str]:
    return [str(m.sequence) for m in messages]


@pytest.mark.parametrize("order", ["ASC", "DESC"])
def test_resume_from_every_point_loses_nothing_and_repeats_only_the_open_page(
    surface: Surface, inbox: MockInbox, conversation_id: str, order: str
) -> None:
    inbox.add_messages(conversation_id, TOTAL)
    everything = _sequences(surface.collect(surface.iterate(conversation_id, order=order)))
    assert len(everything) == TOTAL

    for handled in range(TOTAL + 1):
        listing = surface.iterate(conversation_id, order=order, page_size=PAGE)
        taken, cursor, complete = _take(surface, listing, handled)
        assert _sequences(taken) == everything[:handled]
        if handled == TOTAL:
            # The last message is handed out: nothing is left, and None would mean "restart".
            assert complete and cursor is None
            continue
        assert not complete
        inbox.reset_requests()
        rest = _sequences(
            surface.collect(
                surface.iterate(conversation_id, order=order, page_size=PAGE, cursor=cursor)
            )
        )
        # Mid-page, resume_cursor is the open page's own cursor: that page is read again from
        # its start. At a page boundary (after a page's last message) it is the next page's.
        page_start = handled - handled % PAGE
        assert rest == everything[page_start:], handled
        if handled % PAGE == 0:  # a boundary: exactly the rest, nothing repeated
            assert rest == everything[handled:]
        pages_left = -(-(TOTAL - page_start) // PAGE)
        assert len(routed(inbox, "listMessages")) == pages_left


def test_resume_cursor_before_iteration_is_the_start_cursor(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    inbox.add_messages(conversation_id, TOTAL)
    first = surface.pages(surface.iterate(conversation_id, page_size=PAGE, order="ASC"))[0]
    listing = surface.iterate(
        conversation_id, page_size=PAGE, order="ASC", cursor=first.next_cursor
    )
    assert listing.resume_cursor == first.next_cursor and not listing.complete
    pages = surface.pages(listing)
    assert [len(p) for p in pages] == [10, 5]
    assert listing.complete and listing.resume_cursor is None


def test_a_bad_cursor_is_refused_before_anything_is_sent(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    for bad in ("", "\ud800", 5):
        with pytest.raises(InvalidArgumentError):
            surface.iterate(conversation_id, cursor=bad)
    assert inbox.requests == []


# ------------------------------------------------------------------------------- list_new


def _list_new(surface: Surface, conversation_id: str, **options: Any) -> list[Message]:
    client = surface.client
    if isinstance(client, InboxClient):
        return list(client.messages.list_new(conversation_id, **options))
    assert isinstance(client, AsyncInboxClient)
    aclient = client

    async def run() -> list[Message]:
        return [m async for m in aclient.messages.list_new(conversation_id, **options)]

    return surface._wait(run())


@pytest.mark.parametrize("new", [0, 1, 100, 1000])
def test_list_new_reads_newest_first_only_down_to_the_known_sequence(
    surface: Surface, inbox: MockInbox, conversation_id: str, new: int
) -> None:
    inbox.add_messages(conversation_id, 1000, text="old {n}")
    known = inbox.messages(conversation_id)[-1]["sequence"]
    inbox.add_messages(conversation_id, new, text="new {n}")
    expected = [m["sequence"] for m in inbox.messages(conversation_id)][1000:]
    inbox.reset_requests()

    found = _list_new(surface, conversation_id, after_sequence=known)

    assert _sequences(found) == expected  # oldest first, exactly the new ones
    requests = routed(inbox, "listMessages")
    # Pages of 100, newest first, until one holds the known message (a full page of new ones
    # cannot tell that the next one is old).
    assert len(requests) == new // 100 + 1
    assert all(r.query["sorting.order"] == ["DESC"] for r in requests)


def test_list_new_costs_one_request_for_three_new_in_a_long_history(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    inbox.add_messages(conversation_id, 10_000)
    known = inbox.messages(conversation_id)[-1]["sequence"]
    inbox.add_messages(conversation_id, 3, text="new {n}")
    inbox.reset_requests()
    found = _list_new(surface, conversation_id, after_sequence=known)
    assert [m.to_dict()["content"]["basic"]["items"][0]["text"] for m in found] == [
        "new 1",
        "new 2",
        "new 3",
    ]
    assert len(inbox.requests) == 1


def test_sequences_of_different_lengths_compare_as_numbers() -> None:
    with (
        MockInbox() as mock,
        InboxClient(api_key=mock.api_key, site_id=mock.site_id, base_url=mock.url) as client,
    ):
        cid = mock.create_conversation()["id"]
        mock.add_messages(cid, 12, first_sequence=1)  # "1" ... "12"
        assert [m["sequence"] for m in mock.messages(cid)][8:10] == ["9", "10"]
        after_9 = [m.sequence for m in client.messages.list_new(cid, after_sequence="9")]
        after_10 = [m.sequence for m in client.messages.list_new(cid, after_sequence=10)]
        assert after_9 == ["10", "11", "12"]
        assert after_10 == ["11", "12"]
        assert list(client.messages.list_new(cid, after_sequence="12")) == []
        assert len(list(client.messages.list_new(cid, after_sequence="0"))) == 12


def test_list_new_without_a_sequence_streams_the_whole_history_oldest_first(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    inbox.add_messages(conversation_id, 250)
    inbox.reset_requests()
    found = _list_new(surface, conversation_id)
    assert _sequences(found) == [m["sequence"] for m in inbox.messages(conversation_id)]
    requests = routed(inbox, "listMessages")
    # Oldest-first pages, one at a time: nothing is gathered before it is handed out.
    assert len(requests) == 3
    assert all(r.query["sorting.order"] == ["ASC"] for r in requests)


@pytest.mark.parametrize("bad", ["", "12a", "-1", "1.5", " 1", -1, True, 1.0, "\uff11\uff12"])
def test_list_new_refuses_a_bad_sequence_before_sending(
    surface: Surface, inbox: MockInbox, conversation_id: str, bad: object
) -> None:
    with pytest.raises(InvalidArgumentError, match="after_sequence"):
        _list_new(surface, conversation_id, after_sequence=bad)
    assert inbox.requests == []


def test_async_list_new_closes_the_page_iteration(inbox: MockInbox, conversation_id: str) -> None:
    inbox.add_messages(conversation_id, 300)
    known = inbox.messages(conversation_id)[100]["sequence"]

    async def run() -> list[str]:
        async with AsyncInboxClient(
            api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url
        ) as client:
            return [
                str(m.sequence)
                async for m in client.messages.list_new(conversation_id, after_sequence=known)
            ]

    found = asyncio.run(run())
    assert found == [m["sequence"] for m in inbox.messages(conversation_id)][101:]
