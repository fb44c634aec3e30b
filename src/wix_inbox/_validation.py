"""Argument checks that run before anything is sent.

Limits come from the spec (see :mod:`wix_inbox._openapi`); this module turns violations into
:class:`InvalidArgumentError` and adds the checks about arguments that are not request fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._exceptions import FieldViolation, InvalidArgumentError
from ._openapi import FieldViolation as OpenApiViolation
from ._openapi import is_guid, spec

__all__ = ["check_body", "is_text", "require_choice", "require_guid", "require_page_size"]


def require_guid(name: str, value: object) -> str:
    """``value`` if it is a GUID string, else :class:`InvalidArgumentError`.

    Exactly Wix's GUID form: anything else could smuggle "/", "?" or "#" into a URL path."""
    if not isinstance(value, str) or not is_guid(value):
        raise InvalidArgumentError(
            f"{name} must be a GUID like 6fd2b962-dd8f-382f-8d27-ae63f188c939, got {value!r}"
        )
    return value


def require_page_size(name: str, value: object) -> int:
    """A page size Wix accepts: a whole number from 1 to 100."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise InvalidArgumentError(f"{name} must be a whole number from 1 to 100, got {value!r}")
    return value


def require_choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    """``value`` (a string or a str enum member) if it is one of ``choices``."""
    text = str(value.value) if hasattr(value, "value") else value
    if not isinstance(text, str) or text not in choices:
        raise InvalidArgumentError(f"{name} must be one of {', '.join(choices)}, got {value!r}")
    return text


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
    violations = spec().component_violations(schema_name, body)
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
