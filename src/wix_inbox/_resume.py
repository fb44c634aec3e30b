"""Resume tokens: where a listing stopped *inside* a page, as one string to save.

A Wix cursor only points at the start of a page, so a listing stopped after the 3rd message of
a page of 10 cannot be resumed exactly with one. ``resume_cursor`` then hands out a token of
ours instead: the page's Wix cursor (none for the first page) plus the last message handed out
(its ``id`` and ``sequence``, a marker, not an index, so a page whose content shifted is still
resumed right). Resuming from it reads that page again and hands out only what comes after the
marker. If the marker is no longer in the page (the message was deleted, or the page moved),
the whole page is handed out: nothing is lost, and that rare case alone may repeat messages.

Layout: ``wix-inbox-resume:1:<meta>.<check>.<Wix cursor>``; ``meta`` is base64url JSON of the
listing's fingerprint (conversation, visibility, order, page size) and the marker, ``check`` a
BLAKE2b digest of the rest (it catches truncation and edits; it is no secret) and the Wix
cursor comes last, verbatim. The spec says only that cursors are opaque strings of at most
16,000 characters; Wix's (like the mock's) are base64 text, which never holds ``:``, so the
prefix tells a token from a cursor. The Wix part is what is sent and is held to every limit of
``paging.cursor`` (length, valid text, percent-encoded size); a token is at most
:data:`MAX_OVERHEAD` characters longer than its Wix part. Anything that starts with the prefix
and does not decode is refused with :class:`InvalidArgumentError` before anything is sent.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ._exceptions import InvalidArgumentError

if TYPE_CHECKING:
    from wix_inbox_api.models import Message

__all__ = ["MAX_OVERHEAD", "PREFIX", "ResumePoint", "after_marker", "marker_token", "resume_point"]

PREFIX = "wix-inbox-resume:1:"
_MAX_META = 1024  # base64url characters of the marker part
_MAX_ID = 200  # a marker id longer than this is left out (Wix's ids are 36-character GUIDs)
_MAX_SEQUENCE = 40
_CHECK_BYTES = 9  # 12 base64url characters
MAX_OVERHEAD = len(PREFIX) + _MAX_META + 2 + 12
"""How much longer than its Wix cursor a resume token can be."""
_MAX_TOKEN = 16_000 + MAX_OVERHEAD


class ResumePoint(NamedTuple):
    """Where a listing starts: the Wix cursor of the first page to read (None: the very first
    page) and, for a token, the marker of the last message already handed out."""

    cursor: str | None
    message_id: str | None = None
    sequence: str | None = None
    query: str = ""  # the listing's fingerprint ("" when not known)
    token: str | None = None  # what was given, handed back as ``resume_cursor`` before a page

    @property
    def marked(self) -> bool:
        return self.message_id is not None or self.sequence is not None


def query_key(params: Sequence[tuple[str, str]]) -> str:
    """A short fingerprint of a listing's query (the first page's parameters, no cursor)."""
    text = "\n".join(f"{name}={value.lower()}" for name, value in params)
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=6).digest()
    return _b64(digest)


def resume_point(cursor: object, page: Callable[[str | None], Any]) -> ResumePoint:
    """The start of a listing from ``cursor`` (None, a Wix cursor or a token), checked now.

    ``page`` builds the listing's request for a cursor; it refuses a bad Wix cursor with
    :class:`InvalidArgumentError` (the spec's limits), so the Wix part is checked by it."""
    query = query_key(page(None).params)
    if cursor is None:
        return ResumePoint(None, query=query)
    point = parse(cursor, query)
    if point.cursor is not None:
        page(point.cursor)
    return point


def parse(cursor: object, query: str = "") -> ResumePoint:
    """``cursor`` as a :class:`ResumePoint`: a token is decoded and checked (against the
    listing's fingerprint ``query`` when given); anything else is taken as a Wix cursor."""
    if not isinstance(cursor, str) or not cursor.startswith(PREFIX):
        return ResumePoint(cursor, query=query, token=cursor)  # type: ignore[arg-type]
    point = _decode(cursor)
    if point is None:
        raise InvalidArgumentError(
            "cursor is a damaged resume token (it was truncated or altered): pass a "
            "resume_cursor exactly as the listing gave it"
        )
    if query and point.query != query:
        raise InvalidArgumentError(
            "cursor is a resume token of another listing: resume with the same conversation, "
            "visibility, order and page_size as the listing that gave it"
        )
    return point


def _decode(token: str) -> ResumePoint | None:
    if len(token) > _MAX_TOKEN:
        return None
    parts = token[len(PREFIX) :].split(".", 2)
    if len(parts) != 3 or len(parts[0]) > _MAX_META:
        return None
    meta, check, cursor = parts
    try:
        if check != _check(meta, cursor):
            return None
        fields = json.loads(_unb64(meta))
    except (ValueError, UnicodeError, RecursionError):  # binascii.Error is a ValueError
        return None
    if not (isinstance(fields, list) and len(fields) == 3):
        return None
    query, message_id, sequence = fields
    if not isinstance(query, str) or not _is_marker(message_id, sequence):
        return None
    return ResumePoint(cursor or None, message_id, sequence, query, token)


def _is_marker(message_id: object, sequence: object) -> bool:
    id_ok = message_id is None or (isinstance(message_id, str) and 0 < len(message_id) <= _MAX_ID)
    seq_ok = sequence is None or (
        isinstance(sequence, str) and 0 < len(sequence) <= _MAX_SEQUENCE and sequence.isdigit()
    )
    return id_ok and seq_ok and (message_id is not None or sequence is not None)


def marker_token(query: str, cursor: str | None, message: Message) -> str | None:
    """The token for "resume after ``message`` of the page read with ``cursor``", or None when
    ``message`` has neither an id nor a sequence to find it again by."""
    message_id = getattr(message, "id", None)
    if not (isinstance(message_id, str) and 0 < len(message_id) <= _MAX_ID):
        message_id = None
    sequence = getattr(message, "sequence", None)
    if not (
        isinstance(sequence, str)
        and 0 < len(sequence) <= _MAX_SEQUENCE
        and sequence.isascii()
        and sequence.isdigit()
    ):
        sequence = None
    if message_id is None and sequence is None:
        return None
    meta = _b64(json.dumps([query, message_id, sequence], separators=(",", ":")).encode())
    tail = cursor or ""
    return f"{PREFIX}{meta}.{_check(meta, tail)}.{tail}"


def after_marker(messages: list[Message], point: ResumePoint) -> list[Message]:
    """The messages after ``point``'s marker; all of them when the marker is not found (never
    lose a message: a repeat is the lesser harm)."""
    for index, message in enumerate(messages):
        if (point.message_id is None or getattr(message, "id", None) == point.message_id) and (
            point.sequence is None or getattr(message, "sequence", None) == point.sequence
        ):
            return messages[index + 1 :]
    return messages


def _check(meta: str, cursor: str) -> str:
    text = f"{PREFIX}{meta}.{cursor}".encode()  # UnicodeEncodeError for a lone surrogate
    return _b64(hashlib.blake2b(text, digest_size=_CHECK_BYTES).digest())


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    if not text.isascii():
        raise binascii.Error("not base64")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
