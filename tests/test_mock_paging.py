"""MockInbox listMessages: page sizes, order, cursors, visibility, both query encodings."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from test_mock_support import (
    CONTACT,
    api,
    checked,
    dot_r,
    list_params,
    violated_fields,
)
from wix_inbox.testing import MockInbox


@pytest.fixture(scope="module")
def seeded() -> Iterator[tuple[MockInbox, str]]:
    """One mock for the read-only tests of this module: 350 messages, every 7th BUSINESS-only."""
    with MockInbox() as mock:
        conversation_id = mock.create_conversation(contact_id=CONTACT)["id"]
        for index in range(350):
            mock.add_message(
                conversation_id,
                f"message {index}",
                visibility="BUSINESS" if index % 7 == 6 else "BUSINESS_AND_PARTICIPANT",
            )
        yield mock, conversation_id


@pytest.fixture
def mock(seeded: tuple[MockInbox, str]) -> MockInbox:
    return seeded[0]


@pytest.fixture
def conversation_id(seeded: tuple[MockInbox, str]) -> str:
    return seeded[1]


@pytest.fixture
def client(mock: MockInbox) -> Iterator[httpx.Client]:
    with api(mock) as c:
        yield c


def _page(client: httpx.Client, params: dict[str, Any]) -> dict[str, Any]:
    body = checked(client.get("/inbox/v2/messages", params=params), "listMessages")
    assert isinstance(body, dict)
    assert body["pagingMetadata"]["count"] == len(body["messages"])
    return body


def _pages(
    client: httpx.Client, params: dict[str, Any], *, between_pages: Any = None
) -> list[list[dict[str, Any]]]:
    pages: list[list[dict[str, Any]]] = []
    cursor = None
    for _ in range(1000):
        query = dict(params)
        if cursor:
            query["paging.cursor"] = cursor
        page = _page(client, query)
        assert page["messages"], "a next cursor never leads to an empty page"
        pages.append(page["messages"])
        cursor = page["pagingMetadata"]["cursors"]["next"]
        if cursor is None:
            return pages
        if between_pages is not None:
            between_pages()
    raise AssertionError("paging did not end")


def _all(
    client: httpx.Client, params: dict[str, Any], *, between_pages: Any = None
) -> list[dict[str, Any]]:
    return [m for page in _pages(client, params, between_pages=between_pages) for m in page]


def _sequences(messages: list[dict[str, Any]]) -> list[int]:
    return [int(m["sequence"]) for m in messages]


def test_default_page_is_30_newest_first(
    mock: MockInbox, client: httpx.Client, conversation_id: str
) -> None:
    page = _page(client, list_params(conversation_id))
    assert len(page["messages"]) == 30
    stored = mock.messages(conversation_id)
    assert page["messages"] == list(reversed(stored))[:30]
    assert page["pagingMetadata"]["cursors"]["next"]
    assert page["pagingMetadata"]["cursors"]["prev"] is None


@pytest.mark.parametrize(("limit", "expected"), [(0, 30), (1, 1), (100, 100), (57, 57)])
def test_limit(client: httpx.Client, conversation_id: str, limit: int, expected: int) -> None:
    page = _page(client, list_params(conversation_id, **{"paging.limit": limit}))
    assert len(page["messages"]) == expected


@pytest.mark.parametrize("limit", ["101", "-1", "ten", "1.5"])
def test_bad_limit_is_a_validation_error(
    client: httpx.Client, conversation_id: str, limit: str
) -> None:
    response = client.get(
        "/inbox/v2/messages", params=list_params(conversation_id, **{"paging.limit": limit})
    )
    assert "paging.limit" in violated_fields(response)


@pytest.mark.parametrize("order", ["DESC", "ASC"])
def test_pages_through_everything_once(
    mock: MockInbox, client: httpx.Client, conversation_id: str, order: str
) -> None:
    params = list_params(conversation_id, **{"paging.limit": 100, "sorting.order": order})
    messages = _all(client, params)
    expected = _sequences(mock.messages(conversation_id))
    assert _sequences(messages) == (expected if order == "ASC" else expected[::-1])
    assert len(messages) == 350


def test_last_page_has_no_next_cursor_even_when_full(
    client: httpx.Client, conversation_id: str
) -> None:
    # 350 = 7 * 50: the 7th page is full, and must still be the last one
    pages = _pages(client, list_params(conversation_id, **{"paging.limit": 50}))
    assert [len(page) for page in pages] == [50] * 7


def test_participant_visibility_hides_business_only_messages(
    mock: MockInbox, client: httpx.Client, conversation_id: str
) -> None:
    params = list_params(conversation_id, "BUSINESS_AND_PARTICIPANT", **{"paging.limit": 100})
    visible = _all(client, params)
    assert {m["visibility"] for m in visible} == {"BUSINESS_AND_PARTICIPANT"}
    assert len(visible) == 300
    assert len(_all(client, list_params(conversation_id, **{"paging.limit": 100}))) == 350


def test_prev_cursor_returns_the_previous_page(client: httpx.Client, conversation_id: str) -> None:
    params = list_params(conversation_id, **{"paging.limit": 40})
    first = _page(client, params)
    second = _page(client, {**params, "paging.cursor": first["pagingMetadata"]["cursors"]["next"]})
    back = _page(client, {**params, "paging.cursor": second["pagingMetadata"]["cursors"]["prev"]})
    assert back["messages"] == first["messages"]
    assert back["pagingMetadata"]["cursors"]["prev"] is None


def test_cursor_keeps_its_sorting_when_the_request_omits_it(
    client: httpx.Client, conversation_id: str
) -> None:
    params = list_params(conversation_id, **{"paging.limit": 10})
    first = _page(client, {**params, "sorting.order": "ASC"})
    second = _page(client, {**params, "paging.cursor": first["pagingMetadata"]["cursors"]["next"]})
    assert _sequences(first["messages"] + second["messages"]) == sorted(
        _sequences(first["messages"] + second["messages"])
    )


def _tamper(cursor: str) -> str:
    raw = bytearray(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    raw[10] ^= 0x01
    return base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()


def test_bad_cursors_are_rejected(
    mock: MockInbox, client: httpx.Client, conversation_id: str
) -> None:
    params = list_params(conversation_id, **{"paging.limit": 10})
    cursor = _page(client, params)["pagingMetadata"]["cursors"]["next"]
    assert isinstance(cursor, str)
    bad = {
        "tampered": {**params, "paging.cursor": _tamper(cursor)},
        "garbage": {**params, "paging.cursor": "not a cursor!"},
        "other visibility": {
            **list_params(conversation_id, "BUSINESS_AND_PARTICIPANT"),
            "paging.cursor": cursor,
        },
        "other sorting": {**params, "sorting.order": "ASC", "paging.cursor": cursor},
    }
    for name, query in bad.items():
        response = client.get("/inbox/v2/messages", params=query)
        assert violated_fields(response) == {"paging.cursor": "VALIDATION"}, name
    # a cursor of another mock (other secret) is foreign too
    with MockInbox() as other, api(other) as other_client:
        other_id = other.create_conversation(contact_id=CONTACT)["id"]
        for index in range(3):
            other.add_message(other_id, f"m{index}")
        foreign = _page(other_client, list_params(other_id, **{"paging.limit": 1}))
        foreign_cursor = foreign["pagingMetadata"]["cursors"]["next"]
    response = client.get("/inbox/v2/messages", params={**params, "paging.cursor": foreign_cursor})
    assert violated_fields(response) == {"paging.cursor": "VALIDATION"}


def test_cursor_of_another_site_is_rejected(mock: MockInbox, client: httpx.Client) -> None:
    other = mock.add_site(name="Other", account_id=mock.account_id)
    other_conversation = mock.create_conversation(contact_id=CONTACT, site_id=other.site_id)
    for index in range(3):
        mock.add_message(other_conversation["id"], f"m{index}")
    with api(mock, **{"wix-site-id": other.site_id}) as other_client:
        params = list_params(other_conversation["id"], **{"paging.limit": 1})
        cursor = _page(other_client, params)["pagingMetadata"]["cursors"]["next"]
    response = client.get("/inbox/v2/messages", params={**params, "paging.cursor": cursor})
    assert violated_fields(response) == {"paging.cursor": "VALIDATION"}


def test_messages_arriving_mid_paging_are_neither_duplicated_nor_skipped() -> None:
    with MockInbox() as mock, api(mock) as client:
        conversation_id = mock.create_conversation()["id"]
        for index in range(95):
            mock.add_message(conversation_id, f"old {index}")
        old = _sequences(mock.messages(conversation_id))
        counter = iter(range(1000))

        def arrive() -> None:
            for _ in range(7):
                mock.add_message(conversation_id, f"new {next(counter)}")

        params = list_params(conversation_id, **{"paging.limit": 20})
        newest_first = _all(client, params, between_pages=arrive)
        assert _sequences(newest_first) == old[::-1]  # DESC: exactly the snapshot
        before = _sequences(mock.messages(conversation_id))
        oldest_first = _all(client, {**params, "sorting.order": "ASC"}, between_pages=arrive)
        got = _sequences(oldest_first)
        assert len(got) == len(set(got))
        assert got == sorted(got)
        assert got[: len(before)] == before  # ASC: nothing skipped, new ones follow at the end


def test_both_query_encodings_give_the_same_answer(
    client: httpx.Client, conversation_id: str
) -> None:
    dotted = _page(
        client, list_params(conversation_id, **{"paging.limit": 10, "sorting.order": "ASC"})
    )
    request = {
        "conversationId": conversation_id,
        "visibility": "BUSINESS",
        "paging": {"limit": 10},
        "sorting": {"fieldName": "sequence", "order": "ASC"},
    }
    encoded = _page(client, {".r": dot_r(request)})
    assert encoded["messages"] == dotted["messages"]
    cursor = encoded["pagingMetadata"]["cursors"]["next"]
    following = _page(client, {".r": dot_r({**request, "paging": {"limit": 10, "cursor": cursor}})})
    assert following["messages"][0]["sequence"] > dotted["messages"][-1]["sequence"]
    # validation errors name the same field in both encodings
    too_big = client.get(
        "/inbox/v2/messages", params={".r": dot_r({**request, "paging": {"limit": 500}})}
    )
    assert violated_fields(too_big) == {"paging.limit": "MAX"}
    assert violated_fields(client.get("/inbox/v2/messages", params={".r": "%%%"})) == {
        ".r": "FORMAT"
    }


def test_required_and_enum_parameters(client: httpx.Client, conversation_id: str) -> None:
    assert violated_fields(client.get("/inbox/v2/messages")) == {
        "conversationId": "REQUIRED_FIELD",
        "visibility": "REQUIRED_FIELD",
    }
    bad_guid = client.get("/inbox/v2/messages", params=list_params("not-a-guid"))
    assert violated_fields(bad_guid) == {"conversationId": "FORMAT"}
    for visibility in ("EVERYONE", "UNKNOWN_VISIBILITY"):
        response = client.get("/inbox/v2/messages", params=list_params(conversation_id, visibility))
        assert violated_fields(response) == {"visibility": "INVALID_ENUM_VALUE"}
    response = client.get(
        "/inbox/v2/messages",
        params=list_params(conversation_id, **{"sorting.fieldName": "x" * 513}),
    )
    assert violated_fields(response) == {"sorting.fieldName": "MAX_LENGTH"}
