"""Paging: hundreds of messages through ``messages.list`` / ``iter_pages`` / ``list_page``.

The big conversation lives in the mock; servers that misbehave (an empty page that still has a
cursor, a cursor handed out twice) are scripted loopback servers.
"""

from __future__ import annotations

from collections.abc import Iterator
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
from wix_inbox import InvalidArgumentError, UnexpectedResponseError, WixError
from wix_inbox.testing import MockInbox

TOTAL = 350


@pytest.fixture(scope="module")
def shared_inbox() -> Iterator[tuple[MockInbox, str]]:
    """One mock for the module, with a conversation of 350 messages (seeded once: it takes a
    quarter of a second); every 5th message is visible to the business only."""
    with MockInbox() as mock:
        conversation_id = mock.create_conversation()["id"]
        assert isinstance(conversation_id, str)
        for number in range(TOTAL):
            mock.add_message(
                conversation_id,
                f"message {number}",
                visibility="BUSINESS" if number % 5 == 0 else "BUSINESS_AND_PARTICIPANT",
                direction="PARTICIPANT_TO_BUSINESS" if number % 2 else "BUSINESS_TO_PARTICIPANT",
            )
        yield mock, conversation_id


@pytest.fixture
def inbox(shared_inbox: tuple[MockInbox, str]) -> MockInbox:
    """Overrides conftest's ``inbox``: the module's mock, its request log emptied."""
    mock, _ = shared_inbox
    mock.clear_faults()
    mock.reset_requests()
    return mock


@pytest.fixture
def big_conversation(shared_inbox: tuple[MockInbox, str]) -> str:
    return shared_inbox[1]


def _stored_sequences(inbox: MockInbox, conversation_id: str, visibility: str) -> list[str]:
    return [
        m["sequence"]
        for m in inbox.messages(conversation_id)
        if visibility == "BUSINESS" or m["visibility"] == visibility
    ]


@pytest.mark.parametrize("order", ["ASC", "DESC"])
@pytest.mark.parametrize(
    ("visibility", "page_sizes"),
    [("BUSINESS", [100, 100, 100, 50]), ("BUSINESS_AND_PARTICIPANT", [100, 100, 80])],
)
def test_list_walks_every_page_once(
    surface: Surface,
    inbox: MockInbox,
    big_conversation: str,
    order: str,
    visibility: str,
    page_sizes: list[int],
) -> None:
    messages = surface.collect(
        surface.iterate(big_conversation, visibility=visibility, order=order, page_size=100)
    )

    expected = _stored_sequences(inbox, big_conversation, visibility)
    assert len(expected) == sum(page_sizes)
    sequences = [m.sequence for m in messages]
    assert sequences == (expected if order == "ASC" else expected[::-1])
    assert len({m.id for m in messages}) == len(messages)
    requests = routed(inbox, "listMessages")
    assert len(requests) == len(page_sizes)
    for number, request in enumerate(requests):
        # Every page asks with the first request's visibility, order and page size.
        assert request.query["visibility"] == [visibility]
        assert request.query["sorting.order"] == [order]
        assert request.query["paging.limit"] == ["100"]
        assert ("paging.cursor" in request.query) == (number > 0)
        assert request.status == 200


def test_iter_pages_yields_the_pages_with_their_cursors(
    surface: Surface, big_conversation: str
) -> None:
    pages = surface.pages(surface.iterate(big_conversation, order="ASC", page_size=100))

    assert [len(page) for page in pages] == [100, 100, 100, 50]
    assert all(page.next_cursor for page in pages[:-1])
    assert pages[-1].next_cursor is None
    assert pages[0].prev_cursor is None
    assert all(page.prev_cursor for page in pages[1:])
    firsts = [int(page.messages[0].sequence or 0) for page in pages]
    assert firsts == sorted(firsts)


def test_default_page_size_is_100_newest_first(
    surface: Surface, inbox: MockInbox, big_conversation: str
) -> None:
    pages = surface.pages(surface.iterate(big_conversation))

    assert [len(page) for page in pages] == [100, 100, 100, 50]
    query = routed(inbox, "listMessages")[0].query
    assert query["paging.limit"] == ["100"]
    assert query["sorting.order"] == ["DESC"]
    assert query["visibility"] == ["BUSINESS"]
    newest = inbox.messages(big_conversation)[-1]["sequence"]
    assert pages[0].messages[0].sequence == newest


def test_small_pages(surface: Surface, inbox: MockInbox, big_conversation: str) -> None:
    pages = surface.pages(
        surface.iterate(big_conversation, visibility="BUSINESS_AND_PARTICIPANT", page_size=7)
    )

    assert len(pages) == 40  # 280 messages
    assert {len(page) for page in pages} == {7}
    assert len(routed(inbox, "listMessages")) == 40


def test_manual_paging_with_list_page(
    surface: Surface, inbox: MockInbox, big_conversation: str
) -> None:
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(10):
        page = surface.list_page(big_conversation, limit=100, order="DESC", cursor=cursor)
        seen.extend(str(m.id) for m in page)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == [m["id"] for m in reversed(inbox.messages(big_conversation))]


@pytest.mark.parametrize("bad", [0, 101, -1, 1000, True, 2.5, "10", None])
def test_page_size_outside_1_to_100_is_refused_when_calling_list(
    surface: Surface, inbox: MockInbox, conversation_id: str, bad: Any
) -> None:
    with pytest.raises(InvalidArgumentError, match=r"page_size|limit") as caught:
        surface.iterate(conversation_id, page_size=bad)  # at call time, not at iteration

    assert isinstance(caught.value, ValueError)
    assert inbox.requests == []


@pytest.mark.parametrize("bad", [0, 101, -5, False, 1.0])
def test_limit_outside_1_to_100_is_refused_by_list_page(
    surface: Surface, inbox: MockInbox, conversation_id: str, bad: Any
) -> None:
    with pytest.raises(InvalidArgumentError):
        surface.list_page(conversation_id, limit=bad)

    assert inbox.requests == []


@pytest.mark.parametrize("size", [1, 100])
def test_page_size_bounds_are_accepted(
    surface: Surface, inbox: MockInbox, conversation_id: str, size: int
) -> None:
    inbox.add_message(conversation_id, "one")

    assert len(surface.collect(surface.iterate(conversation_id, page_size=size))) == 1
    assert routed(inbox, "listMessages")[0].query["paging.limit"] == [str(size)]


@pytest.mark.parametrize(
    "options",
    [{"visibility": "EVERYONE"}, {"order": "UP"}, {"visibility": None}, {"order": "asc"}],
)
def test_bad_visibility_or_order_is_refused_when_calling_list(
    surface: Surface, inbox: MockInbox, conversation_id: str, options: dict[str, Any]
) -> None:
    with pytest.raises(InvalidArgumentError):
        surface.iterate(conversation_id, **options)
    with pytest.raises(InvalidArgumentError):
        surface.list_page(conversation_id, **options)

    assert inbox.requests == []


@pytest.mark.parametrize("cursor", ["", "x" * 16001, 42, b"x", "c\ud800"], ids=repr)
def test_bad_cursor_argument_is_refused(
    surface: Surface, inbox: MockInbox, conversation_id: str, cursor: Any
) -> None:
    with pytest.raises(InvalidArgumentError):
        surface.list_page(conversation_id, cursor=cursor)

    assert inbox.requests == []


# ------------------------------------------------------------------- misbehaving servers

CID = "6202c3bb-f263-3c16-8c90-d6387d9ed420"


def _script(pages: dict[str | None, tuple[list[int], str | None]]) -> Any:
    """A server answering each cursor (None: the first request) with a page."""

    def answer(_number: int, seen: Seen) -> Canned:
        cursor = seen.query.get("paging.cursor", [None])[0]
        numbers, next_cursor = pages[cursor]
        return Canned(200, page_body([wire_message(n) for n in numbers], next_cursor))

    return answer


def test_an_empty_page_with_a_cursor_does_not_end_the_iteration(clients: Clients) -> None:
    script = _script({None: ([1, 2], "c1"), "c1": ([], "c2"), "c2": ([], "c3"), "c3": ([3], None)})
    with scripted(script) as server:
        surface = clients(base_url=server.url)

        messages = surface.collect(surface.iterate(CID, page_size=2))
        pages = surface.pages(surface.iterate(CID, page_size=2))

    assert [m.to_dict()["content"]["basic"]["items"][0]["text"] for m in messages] == [
        "message 1",
        "message 2",
        "message 3",
    ]
    assert [len(page) for page in pages] == [2, 0, 0, 1]
    cursors = [s.query.get("paging.cursor") for s in server.requests[:4]]
    assert cursors == [None, ["c1"], ["c2"], ["c3"]]
    assert len(server.requests) == 8


@pytest.mark.parametrize(
    "pages",
    [
        {None: ([1], "same"), "same": ([2], "same")},
        {None: ([1], "a"), "a": ([2], "b"), "b": ([3], "a")},
        {None: ([], "a"), "a": ([], "a")},
    ],
    ids=["same-cursor", "cycle", "empty-pages"],
)
def test_a_repeated_cursor_stops_with_unexpected_response_error(
    clients: Clients, pages: dict[str | None, tuple[list[int], str | None]]
) -> None:
    with scripted(_script(pages)) as server:
        surface = clients(base_url=server.url)
        with pytest.raises(UnexpectedResponseError, match="repeated a paging cursor"):
            surface.collect(surface.iterate(CID))
        requests = len(server.requests)
        with pytest.raises(UnexpectedResponseError):
            surface.pages(surface.iterate(CID))

    # It stops as soon as a cursor comes back: one request per page the script has.
    assert requests == len(pages)
    assert len(server.requests) == 2 * requests


def test_a_next_cursor_that_no_request_can_carry_is_unexpected(clients: Clients) -> None:
    # JSON can escape a lone surrogate ("\\ud800"); following it raised UnicodeEncodeError.
    body = b'{"messages": [], "pagingMetadata": {"cursors": {"next": "c\\ud800"}}}'
    with scripted([Canned(200, body)]) as server:
        surface = clients(base_url=server.url)
        with pytest.raises(UnexpectedResponseError, match=r"cursors\.next"):
            surface.collect(surface.iterate(CID))
        with pytest.raises(UnexpectedResponseError):
            surface.list_page(CID)

    assert len(server.requests) == 2


def test_a_cursor_rejected_by_the_server_is_a_bad_request(
    surface: Surface, inbox: MockInbox, big_conversation: str
) -> None:
    with pytest.raises(WixError) as caught:
        surface.list_page(big_conversation, cursor="not-a-cursor-of-this-server")

    assert type(caught.value).__name__ == "BadRequestError"
    assert len(routed(inbox, "listMessages")) == 1
