"""Contains some shared types for properties"""

import datetime
from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, BinaryIO, Generic, Literal, TypeVar
from uuid import UUID

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


def format_datetime(value: datetime.datetime) -> str:
    """Serialise a date-time the way the Wix API writes it: ``2021-12-30T08:12:43.799Z``.

    Aware values are converted to UTC; naive values are taken to be UTC already.
    Precision is milliseconds (sub-millisecond digits are truncated), so every
    date-time string in Wix's own form (UTC, milliseconds, ``Z``) survives
    ``from_dict`` -> ``to_dict`` byte for byte. An aware value whose UTC time falls
    outside the years 1 to 9999 (e.g. ``0001-01-01T00:00+05:00``), which Python cannot
    represent in UTC, keeps its own offset: the same instant, still RFC 3339.
    """
    tz = value.tzinfo
    if tz is not None and tz is not datetime.UTC and value.utcoffset() is not None:
        try:
            value = value.astimezone(datetime.UTC)
        except OverflowError:
            return value.isoformat(timespec="milliseconds")
    # "YYYY-MM-DDTHH:MM:SS.mmm" is always 23 characters; drop any "+00:00".
    return value.isoformat(timespec="milliseconds")[:23] + "Z"


# GUIDs parsed so far, by their text. A page of messages repeats the same few (the app, the
# participant, the business user), and UUID() is pure Python: ~12 % of a page's parse.
# UUIDs are immutable, so sharing one instance is safe. Bounded: cleared when full.
_UUIDS: dict[str, UUID] = {}
_UUIDS_MAX = 4096


def parse_uuid(value: str) -> UUID:
    """``UUID(value)``, with the same result and the same errors, remembered by text."""
    try:
        return _UUIDS[value]
    except (KeyError, TypeError):
        pass
    result = UUID(value)
    if type(value) is str:
        if len(_UUIDS) >= _UUIDS_MAX:
            _UUIDS.clear()
        _UUIDS[value] = result
    return result


def parse_uuid_or_keep(value: str) -> UUID | str:
    """``parse_uuid(value)``, or ``value`` itself when it is not a GUID (what a union of a
    GUID and a string does with text that is not a GUID)."""
    try:
        return _UUIDS[value]
    except KeyError:
        pass
    try:
        return parse_uuid(value)
    except (TypeError, ValueError, AttributeError, KeyError):
        return value


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "format_datetime",
    "parse_uuid",
    "parse_uuid_or_keep",
]
