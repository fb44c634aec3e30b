"""Argument checks that run before anything is sent.

Limits and lists of values come from the spec (see :mod:`wix_inbox._openapi`, loaded on the
first check that needs it); this module turns violations into :class:`InvalidArgumentError`
and adds the checks about arguments that are not request fields.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._exceptions import FieldViolation, InvalidArgumentError

if TYPE_CHECKING:
    from ._openapi import Spec

__all__ = [
    "check_body",
    "is_guid",
    "is_text",
    "require_choice",
    "require_guid",
    "require_page_size",
    "require_text_param",
]

_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def _spec() -> Spec:
    from ._openapi import spec  # the spec and its validator engine load on first use

    return spec()


def is_guid(value: object) -> bool:
    """True for exactly Wix's GUID form (8-4-4-4-12 hex digits), or a :class:`uuid.UUID`;
    the one definition of it."""
    if isinstance(value, uuid.UUID):
        return True
    # fullmatch: "$" alone lets a trailing \n through.
    return isinstance(value, str) and _GUID.fullmatch(value) is not None


def require_guid(name: str, value: object) -> str:
    """``value`` as GUID text if it is a GUID string or a :class:`uuid.UUID`, else
    :class:`InvalidArgumentError`.

    Exactly Wix's GUID form: anything else could smuggle "/", "?" or "#" into a URL path."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if not isinstance(value, str) or not is_guid(value):
        shown = repr(value) if isinstance(value, str) else type(value).__name__
        raise InvalidArgumentError(
            f"{name} must be a GUID (a str like 6fd2b962-dd8f-382f-8d27-ae63f188c939, or a "
            f"uuid.UUID), got {shown}"
        )
    return value


def require_page_size(name: str, value: object) -> int:
    """A page size Wix accepts: a whole number from 1 to the spec's maximum of ``paging.limit``
    (0 would mean "the server's default" on the wire, which is no size at all)."""
    schema = _spec().parameter("/inbox/v2/messages", "get", "paging.limit")
    lowest, highest = max(1, int(schema.get("minimum", 1))), int(schema["maximum"])
    if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
        raise InvalidArgumentError(
            f"{name} must be a whole number from {lowest} to {highest}, got {value!r}"
        )
    return value


def require_choice(name: str, value: object, enum: str) -> str:
    """``value`` (a string or a str enum member) if it is a value of the spec's enum schema
    ``enum`` (its ``UNKNOWN_*`` zero value excluded)."""
    choices = _spec().choices(enum)
    text = str(value.value) if hasattr(value, "value") else value
    if not isinstance(text, str) or text not in choices:
        raise InvalidArgumentError(f"{name} must be one of {', '.join(choices)}, got {value!r}")
    return text


def require_text_param(name: str, value: object, *, where: str, param: str) -> str:
    """A non-empty str within the spec's ``maxLength`` of query parameter ``param`` of the
    operation at path ``where``; never echoed (a cursor is opaque and may be long)."""
    schema = _spec().parameter(where, "get", param)
    longest = int(schema["maxLength"])
    if not isinstance(value, str) or not value or len(value) > longest:
        raise InvalidArgumentError(f"{name} must be a non-empty string of at most {longest} chars")
    if not is_text(value):
        raise InvalidArgumentError(f"{name} is not valid Unicode text (it has a lone surrogate)")
    return value


def is_text(value: str) -> bool:
    """False for a str that cannot be sent: one with a lone surrogate (not valid Unicode), which
    httpx fails to encode with UnicodeEncodeError while building the request."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _not_text(value: object, path: str = "") -> list[str]:
    """The paths of the strings in a JSON-like ``value`` that :func:`is_text` refuses."""
    if isinstance(value, str):
        return [] if is_text(value) else [path or "$"]
    found: list[str] = []
    if isinstance(value, Mapping):
        for key, item in value.items():
            found += _not_text(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _not_text(item, f"{path}[{index}]")
    return found


def check_body(schema_name: str, body: Mapping[str, Any]) -> None:
    """Raise :class:`InvalidArgumentError` listing every way ``body`` breaks the spec schema."""
    from ._openapi import FieldViolation as OpenApiViolation

    try:
        violations = _spec().component_violations(schema_name, body)
    except ValueError:
        # The validator refuses a value of a type JSON has no name for ("Unsupported type"):
        # an object inside a hand-built body, a str or int subclass the helpers did not see.
        raise InvalidArgumentError(
            "invalid request: a value is of a type that is not plain JSON (use str, int, "
            "float, bool, list, dict)"
        ) from None
    violations += [
        OpenApiViolation(path, "is not valid Unicode text (it has a lone surrogate)", "FORMAT")
        for path in _not_text(body)
    ]
    if not violations:
        return
    text = "; ".join(f"{v.field}: {v.description}" for v in violations)
    error = InvalidArgumentError(f"invalid request: {text}")
    error.field_violations = [
        FieldViolation(
            field=v.field,
            description=v.description,
            violated_rule=v.violated_rule,
            data=dict(v.data or {}),
        )
        for v in violations
    ]
    raise error
