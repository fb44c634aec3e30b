"""Resume tokens: where a listing stopped *inside* a page, as one string to save.

A Wix cursor only points at the start of a page, so a listing stopped after the 3rd message of
a page of 10 cannot be resumed exactly with one. ``resume_cursor`` then hands out a token of
ours instead: the page's Wix cursor (none for the first page) plus the last message handed out
(its ``id`` and ``sequence``, a marker, not an index, so a page whose content shifted is still
resumed right). Resuming from it reads that page again and hands out only what comes after the
marker. If the marker is no longer in the page (the message was deleted, or the page moved),
the whole page is handed out: nothing is lost, and that rare case alone may repeat messages.

Layout: ``wix-inbox-resume:1:<query>~<id>~<sequence>.<check>.<Wix cursor>``: ``query`` is a
short fingerprint of the listing (conversation, visibility, order, page size), so a token is
refused by another listing; ``id`` and ``sequence`` mark the message (either may be empty; an
id with characters other than letters, digits, ``-`` and ``_`` is left out, and the sequence
alone marks the message); ``check``
is a BLAKE2b digest of all the rest (it catches truncation and edits; it is no secret); the Wix
cursor comes last, verbatim. Written per message without JSON or base64 of the cursor, a token
costs a couple of microseconds. The spec says only that cursors are opaque strings of at most
16,000 characters; those Wix returns are base64 text in practice (the mock's are base64url),
which never holds ``:``, so the prefix tells a token from a cursor. The Wix part is what is
sent and is held to every limit of ``paging.cursor`` (length, valid text, percent-encoded
size); a token is at most :data:`MAX_OVERHEAD` characters longer than its Wix part. Anything
that starts with the prefix and does not decode is refused with :class:`InvalidArgumentError`
before anything is sent.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ._exceptions import InvalidArgumentError

if TYPE_CHECKING:
    from wix_inbox_api.models import Message

__all__ = [
    "MAX_OVERHEAD",
    "PREFIX",
    "Marker",
    "ResumePoint",
    "after_marker",
    "marker_token",
    "resume_point",
]

PREFIX = "wix-inbox-resume:1:"
_MAX_SEQUENCE = 40
# A marker id is kept only if it is this plain (Wix's ids are GUIDs); otherwise the sequence
# alone marks the message.
_ID = re.compile(r"[A-Za-z0-9_-]{1,200}")
_QUERY = re.compile(r"[A-Za-z0-9_-]{0,16}")
_MAX_META = 16 + 1 + 200 + 1 + _MAX_SEQUENCE
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
    fields = meta.split("~")
    if len(fields) != 3:
        return None
    query, message_id, sequence = fields
    if not (
        _QUERY.fullmatch(query)
        and (not message_id or _ID.fullmatch(message_id))
        and (not sequence or _is_sequence(sequence))
        and (message_id or sequence)
    ):
        return None
    if check != Marker(query, cursor or None).check(meta):
        return None
    return ResumePoint(cursor or None, message_id or None, sequence or None, query, token)


def _is_sequence(text: str) -> bool:
    return len(text) <= _MAX_SEQUENCE and text.isascii() and text.isdigit()


class Marker:
    """Writes the tokens of one page (read with ``cursor``): the page's part of the check is
    hashed once, so a token per message handed out costs little."""

    __slots__ = ("_hashed", "cursor", "query")

    def __init__(self, query: str, cursor: str | None) -> None:
        self.query = query
        self.cursor = cursor
        self._hashed: Any = None

    def check(self, meta: str) -> str:
        hashed = self._hashed
        if hashed is None:
            tail = self.cursor or ""
            hashed = hashlib.blake2b(digest_size=_CHECK_BYTES)
            # surrogatepass: a cursor with a lone surrogate still gets a token (never an
            # exception from reading resume_cursor); sending it is refused later, as a cursor.
            hashed.update(f"{PREFIX}{len(tail)}:{tail}".encode("utf-8", "surrogatepass"))
            self._hashed = hashed
        hashed = hashed.copy()
        hashed.update(meta.encode())
        return base64.urlsafe_b64encode(hashed.digest()).decode("ascii")

    def token(self, message: Message) -> str | None:
        """The token for "resume after ``message``", or None when ``message`` has neither an
        id nor a sequence to find it again by."""
        message_id = getattr(message, "id", None)
        if not (isinstance(message_id, str) and _ID.fullmatch(message_id)):
            message_id = ""
        sequence = getattr(message, "sequence", None)
        if not (isinstance(sequence, str) and _is_sequence(sequence)):
            sequence = ""
        if not (message_id or sequence):
            return None
        meta = f"{self.query}~{message_id}~{sequence}"
        return f"{PREFIX}{meta}.{self.check(meta)}.{self.cursor or ''}"


def marker_token(query: str, cursor: str | None, message: Message) -> str | None:
    """:meth:`Marker.token` for one message."""
    return Marker(query, cursor).token(message)


def after_marker(messages: list[Message], point: ResumePoint) -> list[Message]:
    """The messages after ``point``'s marker; all of them when the marker is not found (never
    lose a message: a repeat is the lesser harm)."""
    for index, message in enumerate(messages):
        if (point.message_id is None or getattr(message, "id", None) == point.message_id) and (
            point.sequence is None or getattr(message, "sequence", None) == point.sequence
        ):
            return messages[index + 1 :]
    return messages


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")
