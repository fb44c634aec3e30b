"""The paging progress guard (CursorTrail.check_progress) decides every page the same way
whether its whole-page fast path or its message-by-message walk runs: the same pages pass, the
same page fails, with the same reason."""

from __future__ import annotations

from typing import Any

import pytest

from wix_inbox import UnexpectedResponseError
from wix_inbox._models import MessagePage
from wix_inbox._pagination import CursorTrail
from wix_inbox_api.models import Message

Spec = list[tuple[str | None, str | None]]  # (id, sequence) per message; None: absent


def _page(spec: Spec, number: int) -> MessagePage:
    wire: list[dict[str, Any]] = []
    for message_id, sequence in spec:
        message: dict[str, Any] = {}
        if message_id is not None:
            message["id"] = message_id
        if sequence is not None:
            message["sequence"] = sequence
        wire.append(message)
    return MessagePage(
        messages=[Message.from_dict(m) for m in wire],
        next_cursor=f"c{number}",
        prev_cursor=None,
    )


def _run(pages: list[Spec], *, quick: bool) -> str:
    """'ok' or the error text, after checking ``pages`` in order."""
    trail = CursorTrail()
    if not quick:
        trail._checked_quickly = lambda messages: None  # type: ignore[method-assign]
    try:
        for number, spec in enumerate(pages):
            trail.check_progress(_page(spec, number))
    except UnexpectedResponseError as error:
        return error.message
    return "ok"


def _seq(start: int, count: int, step: int = -1) -> Spec:
    return [(f"id{start + i * step}", str(start + i * step)) for i in range(count)]


_PAST_WINDOW: list[Spec] = [[(f"x{n}", None)] for n in range(10)]

CASES: dict[str, tuple[list[Spec], str]] = {
    "descending pages": ([_seq(1000, 100), _seq(900, 100), _seq(800, 100)], "ok"),
    "ascending pages": ([_seq(1, 100, 1), _seq(101, 100, 1)], "ok"),
    "sequences of different lengths": ([[("a", "9"), ("b", "10"), ("c", "100")]], "ok"),
    "id twice in a page": ([[("a", "3"), ("b", "2"), ("a", "1")]], "message 'a' came again"),
    "id of a recent page": (
        [[("a", None), ("b", None)], [("c", None)], [("d", None), ("a", None)]],
        "message 'a' came again",
    ),
    "id of a page past the window": ([[("a", None)], *_PAST_WINDOW, [("a", None)]], "ok"),
    "out of order inside a page": (
        [[("a", "10"), ("b", "9"), ("c", "11"), ("d", "8")]],
        "sequence 11 is out of order after 9",
    ),
    "out of order, sequences of one length": (
        [[("a", "15"), ("b", "14"), ("c", "16")]],
        "sequence 16 is out of order after 14",
    ),
    "same sequence twice": ([[("a", "5"), ("b", "5")]], "sequence 5 is out of order after 5"),
    "direction turns across pages": (
        [_seq(1000, 3), [("z", "1001")]],
        "sequence 1001 is out of order after 998",
    ),
    "edge of the page before": ([_seq(1000, 3), [("z", "998")]], "out of order after 998"),
    "some messages without a sequence": (
        [[("a", "5"), ("b", None), ("c", "4")], [("d", "6")]],
        "sequence 6 is out of order after 4",
    ),
    "sequences that are not ASCII digits are not compared": (
        [[("a", "5"), ("b", "7x"), ("c", "\u0661\u0662"), ("d", "4"), ("e", "")]],
        "ok",
    ),
    "messages without ids": ([[(None, "3"), (None, "2")], [(None, "1")]], "ok"),
    "empty pages": ([[]] * 5, "ok"),
    "too many empty pages": ([[]] * 20, "20 pages in a row had no message"),
}


@pytest.mark.parametrize("case", CASES)
def test_the_quick_check_and_the_walk_agree(case: str) -> None:
    pages, expected = CASES[case]
    quick = _run(pages, quick=True)
    walked = _run(pages, quick=False)
    assert quick == walked
    if expected == "ok":
        assert quick == "ok"
    else:
        assert expected in quick and "stopped making progress" in quick


def test_the_quick_check_is_what_runs_on_an_ordinary_page() -> None:
    trail = CursorTrail()
    page = _page(_seq(1000, 100), 0)
    assert trail._checked_quickly(page.messages) == {f"id{1000 - i}" for i in range(100)}
