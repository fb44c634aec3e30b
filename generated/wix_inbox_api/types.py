""" Contains some shared types for properties """

import datetime
from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import BinaryIO, Generic, TypeVar, Literal, IO

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
    """ Contains information for file uploads """

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """ Return a tuple representation that httpx will accept for multipart/form-data """
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """ A response from an endpoint """

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


def format_datetime(value: datetime.datetime) -> str:
    """Serialise a date-time the way the Wix API writes it: ``2021-12-30T08:12:43.799Z``.

    Aware values are converted to UTC; naive values are taken to be UTC already.
    Precision is milliseconds (sub-millisecond digits are truncated), so every
    date-time string in Wix's own form (UTC, milliseconds, ``Z``) survives
    ``from_dict`` -> ``to_dict`` byte for byte.
    """
    tz = value.tzinfo
    if tz is not None and tz is not datetime.UTC and value.utcoffset() is not None:
        value = value.astimezone(datetime.UTC)
    # "YYYY-MM-DDTHH:MM:SS.mmm" is always 23 characters; drop any "+00:00".
    return value.isoformat(timespec="milliseconds")[:23] + "Z"


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset", "format_datetime"]
