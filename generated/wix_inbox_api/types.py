"""Contains some shared types for properties"""

import datetime
import os
import threading
from collections.abc import Callable, Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, TYPE_CHECKING, Any, BinaryIO, ClassVar, Generic, Literal, TypeVar
from uuid import UUID

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False

    def __reduce__(self) -> str:
        return "UNSET"  # pickle and copy: the module's UNSET itself


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


class LazyModel:
    """Base of the generated models: what ``from_dict_lazy`` needs.

    ``Model.from_dict_lazy(data)`` is ``from_dict(data)``, except for the optional fields whose
    value is another model (``Message.content``, ``Message.sender``): each of those is built
    the first time it is read, exactly as ``from_dict`` would have built it (everything below
    it at once), and stored in its slot, so later reads cost nothing. A field absent from
    ``data`` is UNSET at once, and once every field is built nothing of ``data`` is kept.
    Why: a page of messages is mostly those nested objects, and a client paging through a
    conversation for ids, sequences and dates (a sync checking what is new) would otherwise
    build thousands of objects per page that nobody reads. Nothing else a caller can observe
    changes: equality, ``repr``, ``to_dict``, pickling and copying read every field, so they
    build what is left, and a field set before it is read keeps the value set (its JSON
    value stays in memory until the model goes, and ``del`` of such a field brings the JSON
    value back rather than emptying the slot). Values are not checked (``from_dict`` does not
    check them either): the client checks the shape of every response first, so a later
    build cannot fail (tests/test_generated_models.py checks that the spec keeps it so). The
    nested JSON values are used as they are, not copied: do not change them (``json.loads``'
    result is never shared). Threads: a field is built once, under a lock, and every reader
    gets that object. An unread model costs more memory than a built one (the JSON of its
    nested objects is bigger than the objects); once read, the same.
    """

    __slots__ = ("_wire",)
    # The JSON values of the fields not built yet, by attribute name (None: none left).
    _wire: dict[str, Any] | None
    # The fields from_dict_lazy leaves for later: attribute name -> (the function building it
    # from its JSON value, the class's slot descriptor, which reads the slot without falling
    # back to __getattr__).
    _lazy: ClassVar[Mapping[str, tuple[Callable[[Any], Any], Any]]] = {}

    if not TYPE_CHECKING:  # hidden from type checkers, which would then accept any name

        def __getattr__(self, name: str) -> Any:
            # Called only when the slot `name` is empty (or `name` is no slot at all).
            field = type(self)._lazy.get(name)
            if field is not None:
                build, slot = field
                # One build at a time: the thread that finds the JSON value still pending
                # builds and publishes; one that comes after finds it gone and reads the slot,
                # so every reader gets the same object (an edit made to it is not lost).
                with _BUILD_LOCK:
                    try:
                        pending = _WIRE_SLOT.__get__(
                            self
                        )  # the slot itself: no recursion
                    except AttributeError:
                        pending = None
                    raw = pending.get(name, _MISSING) if pending else _MISSING
                    if raw is not _MISSING:
                        try:
                            value = build(raw)
                        except (
                            AttributeError
                        ) as exc:  # would read as "no such attribute"
                            raise TypeError(
                                f"{type(self).__name__}.{name}: {exc}"
                            ) from None
                        # A read of this field during its own build (a gc callback, a finalizer
                        # in this thread: the lock is re-entrant) may have published first.
                        if pending.get(name, _MISSING) is raw:
                            object.__setattr__(self, name, value)
                            del pending[name]
                            if not pending:
                                self._wire = None
                            return value
                try:
                    return slot.__get__(self)  # built by another thread meanwhile
                except AttributeError:
                    pass
            raise AttributeError(
                f"{type(self).__name__!r} object has no attribute {name!r}",
                name=name,
                obj=self,
            )


_WIRE_SLOT: Any = LazyModel.__dict__["_wire"]
_MISSING: Any = object()
# Held while a field is built (re-entrant: a builder may read a deferred field of its own).
_BUILD_LOCK = threading.RLock()


def _new_build_lock() -> None:
    # A fork while another thread builds would leave the child a lock nobody releases.
    global _BUILD_LOCK
    _BUILD_LOCK = threading.RLock()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_new_build_lock)


def lazy_fields(
    cls: type[LazyModel], fields: Mapping[str, Callable[[Any], Any]]
) -> None:
    """Declare the fields of ``cls`` that from_dict_lazy leaves for later, with their builders."""
    cls._lazy = {name: (build, cls.__dict__[name]) for name, build in fields.items()}


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "LazyModel",
    "RequestFiles",
    "Response",
    "Unset",
    "format_datetime",
    "lazy_fields",
    "parse_uuid",
    "parse_uuid_or_keep",
]
