"""What the client does per page of a listing: arguments checked once, the same filters on every
page, and the cyclic GC paused only while a response is parsed (and always resumed)."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import httpx
import pytest

from test_client_support import Canned, Clients, Seen, page_body, scripted, wire_message
from wix_inbox import InboxClient, InvalidArgumentError, UnexpectedResponseError
from wix_inbox._core import _parse
from wix_inbox._models import MessagePage
from wix_inbox._operations import list_messages

CID = "6fd2b962-dd8f-382f-8d27-ae63f188c939"


@pytest.fixture
def gc_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was:
            gc.disable()


def _pages(number: int, seen: Seen) -> Canned:
    cursor = seen.query.get("paging.cursor", [None])[0]
    nxt = {None: "c1", "c1": "c2", "c2": None}[cursor]
    return Canned(200, page_body([wire_message(number)], nxt))


def test_every_page_repeats_the_first_requests_filters(clients: Clients) -> None:
    with scripted(_pages) as server:
        surface = clients(base_url=server.url)
        messages = surface.collect(surface.iterate(CID, page_size=7, order="ASC"))

    assert len(messages) == 3
    first = server.requests[0].query
    assert "paging.cursor" not in first
    for seen, cursor in zip(server.requests[1:], ["c1", "c2"], strict=True):
        query = dict(seen.query)
        assert query.pop("paging.cursor") == [cursor]
        assert query == first
    assert first["paging.limit"] == ["7"] and first["sorting.order"] == ["ASC"]


def test_a_listing_checks_its_arguments_before_the_first_page() -> None:
    with pytest.raises(InvalidArgumentError, match="page_size"):
        list_messages(CID, visibility="BUSINESS", order="DESC", page_size=0)
    with pytest.raises(InvalidArgumentError, match="visibility"):
        list_messages(CID, visibility="NOBODY", order="DESC", page_size=5)  # type: ignore[arg-type]
    page = list_messages(CID, visibility="BUSINESS", order="DESC", page_size=5)
    # A cursor that no request can carry is refused for that page, before it is sent.
    with pytest.raises(InvalidArgumentError, match="cursor"):
        page("x" * 16001)
    assert page(None).params == (
        ("conversationId", CID),
        ("visibility", "BUSINESS"),
        ("sorting.order", "DESC"),
        ("paging.limit", "5"),
    )
    assert page("abc").params[-1] == ("paging.cursor", "abc")


def test_the_gc_runs_again_after_a_listing_and_after_a_bad_page(gc_enabled: None) -> None:
    with (
        scripted(_pages) as server,
        InboxClient(api_key="k", site_id=CID, base_url=server.url) as c,
    ):
        assert len(list(c.messages.list(CID))) == 3
        assert gc.isenabled()
    with (
        scripted([Canned(200, b"{not json")]) as server,
        InboxClient(api_key="k", site_id=CID, base_url=server.url) as c,
    ):
        with pytest.raises(UnexpectedResponseError):
            c.messages.list_page(CID)
        assert gc.isenabled()


def test_a_gc_the_caller_disabled_stays_disabled(gc_enabled: None) -> None:
    call = list_messages(CID, visibility="BUSINESS", order="DESC", page_size=5)(None)
    response = httpx.Response(200, content=b'{"messages": []}')
    gc.disable()
    try:
        page = _parse(call, response)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert len(page) == 0 and page.next_cursor is None


def test_the_gc_is_paused_only_during_the_parse(
    gc_enabled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    states: list[bool] = []
    call = list_messages(CID, visibility="BUSINESS", order="DESC", page_size=5)(None)
    original = call.parse

    def spy(body: Mapping[str, Any]) -> MessagePage:
        states.append(gc.isenabled())
        return original(body)

    spied = attrs.evolve(call, parse=spy)
    response = httpx.Response(200, content=b'{"messages": []}')
    _parse(spied, response)
    assert states == [False]
    assert gc.isenabled()


def test_a_listing_hands_out_messages_whose_nested_parts_are_built_when_read() -> None:
    # What a page costs is mostly its nested objects: the client builds a message's scalars
    # (id, sequence, dates) at once and its content and sender when first read.
    with (
        scripted(_pages) as server,
        InboxClient(api_key="k", site_id=CID, base_url=server.url) as c,
    ):
        messages = list(c.messages.list(CID))
    first = messages[0]
    content_slot = type(first).__dict__["content"]
    with pytest.raises(AttributeError):
        content_slot.__get__(first)  # not built yet
    assert first.content.preview_text == "message 0"  # type: ignore[union-attr]
    assert content_slot.__get__(first) is first.content
    assert [m.to_dict() for m in messages] == [wire_message(n) for n in (0, 1, 2)]


@pytest.mark.parametrize(
    "content",
    [
        "text",
        {"basic": {"items": "not a list"}},
        {"basic": {"items": [{"image": {"url": 5}}]}},
        {"template": {"buttons": [{"postbackProperties": "not an object"}]}},
    ],
)
def test_a_nested_part_of_the_wrong_shape_fails_the_page_not_a_later_read(content: Any) -> None:
    # Building later cannot fail: the whole body's shape is checked before anything is parsed.
    bad = wire_message(1) | {"content": content}
    with (
        scripted([Canned(200, page_body([bad], None))]) as server,
        InboxClient(api_key="k", site_id=CID, base_url=server.url) as c,
        pytest.raises(UnexpectedResponseError, match="documented shape"),
    ):
        c.messages.list_page(CID)


def test_a_guid_that_is_not_unicode_text_is_named_as_such() -> None:
    # JSON can escape a lone surrogate; the shape check cannot read it as text, and says so
    # (it used to report the body as "nested too deeply").
    bad = wire_message(1) | {"appId": "\ud800"}
    with (
        scripted([Canned(200, page_body([bad], None))]) as server,
        InboxClient(api_key="k", site_id=CID, base_url=server.url) as c,
        pytest.raises(UnexpectedResponseError, match="not valid Unicode"),
    ):
        c.messages.list_page(CID)
