"""Listing that resumes: ``messages.list(cursor=...)``, ``resume_cursor``, ``list_new``."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from test_client_support import (
    Canned,
    Clients,
    Seen,
    Surface,
    page_body,
    routed,
    scripted,
    wire_message,
)
from wix_inbox import (
    AsyncInboxClient,
    InboxClient,
    InvalidArgumentError,
    Message,
    MessageIterator,
)
from wix_inbox._pagination import AsyncMessageIterator
from wix_inbox._resume import MAX_OVERHEAD, PREFIX, Marker, marker_token, parse
from wix_inbox.testing import MockInbox

CID = "6202c3bb-f263-3c16-8c90-d6387d9ed420"
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


def _pages_from(handled: int) -> int:
    """Pages a listing resumed after ``handled`` messages reads: from the page it stopped in
    (a mid-page token re-reads that page) to the last."""
    page_start = handled - handled % PAGE
    return -(-(TOTAL - page_start) // PAGE)


@pytest.mark.parametrize("order", ["ASC", "DESC"])
def test_resume_from_every_point_loses_nothing_and_repeats_nothing(
    surface: Surface, inbox: MockInbox, conversation_id: str, order: str
) -> None:
    inbox.add_messages(conversation_id, TOTAL)
    everything = _sequences(surface.collect(surface.iterate(conversation_id, order=order)))
    assert len(everything) == TOTAL and len(set(everything)) == TOTAL

    for handled in range(TOTAL + 1):
        listing = surface.iterate(conversation_id, order=order, page_size=PAGE)
        taken, cursor, complete = _take(surface, listing, handled)
        assert _sequences(taken) == everything[:handled]
        if handled == TOTAL:
            # The last message is handed out: nothing is left, and None would mean "restart".
            assert complete and cursor is None
            continue
        assert not complete
        if handled == 0:
            assert cursor is None  # nothing handed out: start from the start
        elif handled % PAGE == 0:  # a page boundary: Wix's own cursor of the next page
            assert cursor is not None and not cursor.startswith(PREFIX)
        else:  # inside a page: a token of ours
            assert cursor is not None and cursor.startswith(PREFIX)
        inbox.reset_requests()
        rest = _sequences(
            surface.collect(
                surface.iterate(conversation_id, order=order, page_size=PAGE, cursor=cursor)
            )
        )
        # Exactly once: what the first run handed out, then the rest, nothing twice.
        assert _sequences(taken) + rest == everything, handled
        assert len(routed(inbox, "listMessages")) == _pages_from(handled), handled


@pytest.mark.parametrize("order", ["ASC", "DESC"])
@pytest.mark.parametrize("stride", [1, 3, 7, 10, 11])
def test_a_run_stopped_again_and_again_still_gets_every_message_once(
    surface: Surface, inbox: MockInbox, conversation_id: str, order: str, stride: int
) -> None:
    """Resume from a token, stop inside the same page again, resume again: chained runs."""
    inbox.add_messages(conversation_id, TOTAL)
    everything = _sequences(surface.collect(surface.iterate(conversation_id, order=order)))
    saved: list[str] = []
    cursor: str | None = None
    for _run in range(TOTAL + 1):  # bounded: every run hands out at least one message
        listing = surface.iterate(conversation_id, order=order, page_size=PAGE, cursor=cursor)
        count = min(stride, TOTAL - len(saved))
        taken, cursor, complete = _take(surface, listing, count)
        saved += _sequences(taken)
        if complete:
            break
    assert complete and cursor is None
    assert saved == everything


def test_the_checkpoint_loop_of_the_readme_is_exact(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    """``for m in it: save(m); checkpoint(it.resume_cursor)``, stopped by an exception from
    ``save`` at a point inside a page, then run again from the checkpoint."""
    inbox.add_messages(conversation_id, TOTAL)
    saved: list[str] = []
    checkpoint: list[str | None] = [None]

    class Stop(Exception):
        pass

    def run(stop_after: int | None) -> None:
        listing = surface.iterate(
            conversation_id, order="ASC", page_size=PAGE, cursor=checkpoint[-1]
        )
        if isinstance(listing, MessageIterator):
            for message in listing:
                if len(saved) == stop_after:
                    raise Stop
                saved.append(str(message.sequence))
                checkpoint.append(listing.resume_cursor)
            return
        alisting = listing

        async def drive() -> None:
            async for message in alisting:
                if len(saved) == stop_after:
                    raise Stop
                saved.append(str(message.sequence))
                checkpoint.append(alisting.resume_cursor)

        surface._wait(drive())

    with pytest.raises(Stop):
        run(stop_after=14)  # the 15th message arrived, was not saved
    run(stop_after=None)
    assert saved == [m["sequence"] for m in inbox.messages(conversation_id)]


def test_iter_pages_from_a_token_starts_with_the_rest_of_its_page(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    inbox.add_messages(conversation_id, TOTAL)
    everything = _sequences(surface.collect(surface.iterate(conversation_id, order="ASC")))
    listing = surface.iterate(conversation_id, order="ASC", page_size=PAGE)
    taken, token, _ = _take(surface, listing, 13)
    assert token is not None and token.startswith(PREFIX)

    resumed = surface.iterate(conversation_id, order="ASC", page_size=PAGE, cursor=token)
    assert resumed.resume_cursor == token and not resumed.complete  # before the first page
    pages = surface.pages(resumed)
    assert [len(page) for page in pages] == [7, 5]
    assert _sequences(taken) + [str(m.sequence) for p in pages for m in p] == everything
    assert resumed.complete and resumed.resume_cursor is None


def test_a_token_sends_the_wix_cursor_it_holds_and_stays_short(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    inbox.add_messages(conversation_id, TOTAL)
    first_page = surface.pages(surface.iterate(conversation_id, order="ASC", page_size=PAGE))[0]
    listing = surface.iterate(conversation_id, order="ASC", page_size=PAGE)
    _, token, _ = _take(surface, listing, 12)  # inside the 2nd page, read with a Wix cursor
    assert token is not None and first_page.next_cursor is not None
    assert token.endswith(first_page.next_cursor)
    assert len(token) <= len(first_page.next_cursor) + MAX_OVERHEAD
    inbox.reset_requests()
    surface.collect(surface.iterate(conversation_id, order="ASC", page_size=PAGE, cursor=token))
    sent = [r.query.get("paging.cursor") for r in routed(inbox, "listMessages")]
    assert sent[0] == [first_page.next_cursor]


def _real_token(surface: Surface, conversation_id: str, handled: int = 13) -> str:
    listing = surface.iterate(conversation_id, order="ASC", page_size=PAGE)
    _, token, _ = _take(surface, listing, handled)
    assert token is not None and token.startswith(PREFIX)
    return token


def test_a_damaged_or_forged_token_is_refused_before_anything_is_sent(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    inbox.add_messages(conversation_id, TOTAL)
    token = _real_token(surface, conversation_id)
    point = parse(token)
    inbox.reset_requests()

    def refused(bad: object, **options: Any) -> None:
        with pytest.raises(InvalidArgumentError) as caught:
            surface.iterate(
                conversation_id, **{"order": "ASC", "page_size": PAGE, **options}, cursor=bad
            )
        if isinstance(bad, str) and len(bad) > len(PREFIX) + 8:
            assert bad[len(PREFIX) :] not in str(caught.value)  # a token is never echoed

    # Every single character changed, and every cut, after the prefix.
    for index in range(len(PREFIX), len(token)):
        swapped = "A" if token[index] != "A" else "B"
        refused(token[:index] + swapped + token[index + 1 :])
        refused(token[:index])
    refused(token + "x")
    refused(PREFIX)
    refused(PREFIX + "..")
    refused(token[: len(PREFIX)] + "\ud800" + token[len(PREFIX) + 1 :])
    refused(PREFIX + "x" * 40_000)
    # Well formed and checksummed, but not what a listing writes.
    query = point.query
    for meta in (
        f"{query}~~",  # no marker at all
        "~~",
        f"{query}~{point.message_id}",
        f"{query}~{point.message_id}~{point.sequence}~1",
        f"bad query!~{point.message_id}~1",
        f"{query}~{point.message_id}~12a",
        f"{query}~an id~1",
        f"{query}~{'i' * 201}~1",
        f"{query}~{point.message_id}~{'1' * 41}",
    ):
        refused(f"{PREFIX}{meta}.{Marker(query, None).check(meta)}.")
    # A token of another listing: other order, page size, visibility or conversation.
    refused(token, order="DESC")
    refused(token, page_size=PAGE + 1)
    refused(token, visibility="BUSINESS_AND_PARTICIPANT")
    other = inbox.create_conversation()["id"]
    with pytest.raises(InvalidArgumentError, match="another listing"):
        surface.iterate(other, order="ASC", page_size=PAGE, cursor=token)
    # A token whose Wix part breaks the spec's limits on paging.cursor.
    fake = Message.from_dict({"id": "x", "sequence": "1"})
    refused(marker_token(point.query, "c" * 16_001, fake))
    refused(marker_token(point.query, "\u00e9" * 15_000, fake))  # too long once percent-encoded
    assert inbox.requests == []


def test_a_token_whose_marker_message_is_gone_loses_nothing(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    """The marker is not found when the page is read again (the message was deleted, or its
    page moved): the whole page is handed out, the only case that may repeat messages."""
    inbox.add_messages(conversation_id, TOTAL)
    everything = _sequences(surface.collect(surface.iterate(conversation_id, order="ASC")))
    point = parse(_real_token(surface, conversation_id))
    for marker in (
        {"id": "00000000-0000-4000-8000-00000000dead", "sequence": everything[12]},
        {"id": point.message_id, "sequence": "1"},  # the id, but not its sequence
        {"id": "00000000-0000-4000-8000-00000000dead"},
    ):
        token = marker_token(point.query, point.cursor, Message.from_dict(marker))
        assert token is not None
        inbox.reset_requests()
        rest = _sequences(
            surface.collect(
                surface.iterate(conversation_id, order="ASC", page_size=PAGE, cursor=token)
            )
        )
        assert rest == everything[10:]  # the 2nd page whole, then the 3rd: nothing lost
        assert len(routed(inbox, "listMessages")) == 2
    # Found by its sequence alone (a message without an id): exact again.
    token = marker_token(point.query, point.cursor, Message.from_dict({"sequence": everything[12]}))
    assert token is not None
    rest = _sequences(
        surface.collect(surface.iterate(conversation_id, order="ASC", page_size=PAGE, cursor=token))
    )
    assert rest == everything[13:]


def test_a_page_that_grew_since_the_stop_is_resumed_after_its_marker(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    """New messages arrive after a stop inside the last page (oldest first): the resumed run
    hands out the rest of that page and the new ones, nothing twice."""
    inbox.add_messages(conversation_id, TOTAL)
    listing = surface.iterate(conversation_id, order="ASC", page_size=PAGE)
    taken, token, _ = _take(surface, listing, 22)
    inbox.add_messages(conversation_id, 4, text="late {n}")
    rest = surface.collect(
        surface.iterate(conversation_id, order="ASC", page_size=PAGE, cursor=token)
    )
    assert _sequences(taken) + _sequences(rest) == [
        m["sequence"] for m in inbox.messages(conversation_id)
    ]


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


def test_odd_ids_and_cursors_from_the_server_still_resume_exactly(clients: Clients) -> None:
    """An id that is no GUID (the sequence alone marks it) and a message with neither: reading
    ``resume_cursor`` never raises, and resuming from it is exact, or repeats the page when
    nothing can mark the message."""
    odd = {"id": "a b/c"}

    def answer(_number: int, seen: Seen) -> Canned:
        cursor = seen.query.get("paging.cursor", [None])[0]
        if cursor is None:
            first = [wire_message(1), {**wire_message(2), **odd}, wire_message(3)]
            return Canned(200, page_body(first, "c1"))
        unmarked = {k: v for k, v in wire_message(5).items() if k not in ("id", "sequence")}
        second = [wire_message(4), unmarked, wire_message(6)]
        return Canned(200, page_body(second, None))

    with scripted(answer) as server:
        surface = clients(base_url=server.url)
        listing = surface.iterate(CID, page_size=3, order="ASC")
        _, token, _ = _take(surface, listing, 2)  # after the odd-id message
        assert token is not None and token.startswith(PREFIX)
        assert (
            parse(token).message_id is None and parse(token).sequence == wire_message(2)["sequence"]
        )
        resumed = surface.iterate(CID, page_size=3, order="ASC", cursor=token)
        rest, _, _ = _take(surface, resumed, 4)  # up to the end of the 2nd page
        assert [m.to_dict().get("sequence") for m in rest] == [
            wire_message(3)["sequence"],
            wire_message(4)["sequence"],
            None,
            wire_message(6)["sequence"],
        ]

        listing = surface.iterate(CID, page_size=3, order="ASC")
        _, token, _ = _take(surface, listing, 5)  # after the message with neither id nor sequence
        assert token == "c1"  # nothing marks it: its page is read again, not a message lost
        _, token, complete = _take(surface, surface.iterate(CID, page_size=3, order="ASC"), 6)
        assert token is None and complete


def test_list_new_without_a_sequence_resumes_from_its_resume_cursor(
    inbox: MockInbox, conversation_id: str
) -> None:
    inbox.add_messages(conversation_id, 25)
    expected = [m["sequence"] for m in inbox.messages(conversation_id)]
    with InboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url) as client:
        listing = client.messages.list_new(conversation_id, page_size=10)
        assert next(listing) is not None  # still an iterator
        first = [next(listing) for _ in range(11)]  # 12 handed out: inside the second page
        assert not listing.complete
        cursor = listing.resume_cursor
        rest = list(client.messages.list(conversation_id, order="ASC", page_size=10, cursor=cursor))
    assert _sequences(first + rest) == expected[1:]

    async def run() -> tuple[list[Message], bool]:
        async with AsyncInboxClient(
            api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url
        ) as aclient:
            listing = aclient.messages.list_new(conversation_id, page_size=10)
            found = [m async for m in listing]
            return found, listing.complete

    found, complete = asyncio.run(run())
    assert _sequences(found) == expected and complete
