"""Validation of request bodies against ``spec/openapi.yaml``, the project's source of truth.

Every documented limit (lengths, list sizes, formats, enums) is checked here from the spec
itself, so a limit is written down once, in the spec, and the client refuses a request that Wix
would refuse before sending it. The spec ships inside the wheel as ``wix_inbox/_spec/openapi.yaml``;
in a source checkout it is read from ``spec/openapi.yaml``.
"""

from __future__ import annotations

import functools
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs
import jsonschema
import referencing
import yaml
from referencing.jsonschema import DRAFT202012

__all__ = ["SpecViolation", "load_spec", "schema_violations", "spec_text"]

_SPEC_URI = "urn:wix-inbox:openapi"


def spec_text() -> str:
    """The text of the OpenAPI document, from package data or the source tree."""
    packaged = resources.files("wix_inbox").joinpath("_spec").joinpath("openapi.yaml")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    source = Path(__file__).resolve().parents[2] / "spec" / "openapi.yaml"
    return source.read_text(encoding="utf-8")


@functools.cache
def load_spec() -> Mapping[str, Any]:
    """The parsed OpenAPI document (parsed once per process)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document: Mapping[str, Any] = yaml.load(spec_text(), Loader=loader)
    return document


def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return _GUID.fullmatch(value) is not None and _valid_uuid(value)


def _valid_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return "T" in value


_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")

FORMAT_CHECKER = jsonschema.FormatChecker(formats=())
FORMAT_CHECKER.checks("uri")(_is_uri)
FORMAT_CHECKER.checks("uuid")(_is_uuid)
FORMAT_CHECKER.checks("date-time")(_is_datetime)


@functools.cache
def _registry() -> referencing.Registry[Any]:
    resource = DRAFT202012.create_resource(dict(load_spec()))
    registry: referencing.Registry[Any] = referencing.Registry().with_resource(_SPEC_URI, resource)
    return registry


def _one_of(
    validator: Any, members: Sequence[str], instance: object, schema: Mapping[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    """``x-wix-one-of``: exactly one of the listed members is set (Wix's "oneof" groups)."""
    if not isinstance(instance, dict):
        return
    present = [name for name in members if instance.get(name) is not None]
    if len(present) == 1:
        return
    listed = ", ".join(members)
    if present:
        text = f"must set exactly one of {listed}, not {' and '.join(present)}"
    else:
        text = f"must set exactly one of {listed}"
    yield jsonschema.ValidationError(text, validator="x-wix-one-of", validator_value=members)


def _required_paths(
    validator: Any, paths: Sequence[str], instance: object, schema: Mapping[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    """``x-wix-required-paths``: nested fields that must be present (``message.content``)."""
    if not isinstance(instance, dict):
        return
    for dotted in paths:
        node: object = instance
        *parents, leaf = dotted.split(".")
        for name in parents:
            node = node.get(name) if isinstance(node, dict) else None
        if isinstance(node, dict) and node.get(leaf) is None:
            error = jsonschema.ValidationError(
                "is required", validator="x-wix-required-paths", validator_value=paths
            )
            error.path.extend([*parents, leaf])
            yield error


_Validator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator,
    {"x-wix-one-of": _one_of, "x-wix-required-paths": _required_paths},
)


@functools.cache
def _validator(pointer: str) -> Any:
    """A compiled validator for the schema at ``pointer`` (a JSON pointer into the spec)."""
    schema = {"$ref": f"{_SPEC_URI}#{pointer}"}
    return _Validator(schema, registry=_registry(), format_checker=FORMAT_CHECKER)


@attrs.frozen
class SpecViolation:
    """One place where a value breaks the spec: a dotted field path, a message and the rule."""

    field: str
    description: str
    rule: str
    data: Mapping[str, Any] = attrs.field(factory=dict)


_RULES = {
    "maxLength": "MAX_LENGTH",
    "minLength": "MIN_LENGTH",
    "maxItems": "MAX_SIZE",
    "minItems": "MIN_SIZE",
    "maximum": "MAX",
    "minimum": "MIN",
    "format": "FORMAT",
    "enum": "INVALID_ENUM_VALUE",
    "required": "REQUIRED_FIELD",
    "type": "TYPE",
    "x-wix-one-of": "ONE_OF_ALIGNMENT",
    "x-wix-required-paths": "REQUIRED_FIELD",
}


def field_path(parts: Iterable[str | int]) -> str:
    """``["message", "content", "items", 0]`` → ``"message.content.items[0]"``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def schema_violations(
    pointer: str, value: object, *, prefix: Sequence[str | int] = ()
) -> list[SpecViolation]:
    """Every violation of the schema at ``pointer`` by ``value``, most specific first."""
    return sorted(_violations(pointer, value, prefix), key=lambda v: v.field)


def _violations(
    pointer: str, value: object, prefix: Sequence[str | int]
) -> Iterator[SpecViolation]:
    for error in _validator(pointer).iter_errors(value):
        path = [*prefix, *error.absolute_path]
        if error.validator == "required" and isinstance(error.instance, dict):
            missing = [
                name
                for name in (error.validator_value or [])
                if isinstance(name, str) and name not in error.instance
            ]
            for name in missing:
                yield SpecViolation(field_path([*path, name]), "is required", "REQUIRED_FIELD", {})
            continue
        rule = _RULES.get(str(error.validator), "VALIDATION")
        data: dict[str, Any] = {}
        if error.validator in (
            "maxLength",
            "minLength",
            "maxItems",
            "minItems",
            "maximum",
            "minimum",
        ):
            data["threshold"] = error.validator_value
        elif error.validator == "format":
            data["format"] = error.validator_value
        elif error.validator == "enum":
            data["allowed"] = list(error.validator_value)
        yield SpecViolation(field_path(path), _describe(error), rule, data)


def _describe(error: jsonschema.ValidationError) -> str:
    v = error.validator
    if v == "maxLength":
        return f"must be at most {error.validator_value} characters long"
    if v == "minLength" and error.validator_value == 1:
        return "must not be empty"
    if v == "minLength":
        return f"must be at least {error.validator_value} characters long"
    if v == "maxItems":
        return f"must have at most {error.validator_value} items"
    if v == "minItems":
        return f"must have at least {error.validator_value} items"
    if v == "maximum":
        return f"must be at most {error.validator_value}"
    if v == "minimum":
        return f"must be at least {error.validator_value}"
    if v == "format":
        return f"must be a valid {error.validator_value}"
    if v == "enum":
        return "must be one of " + ", ".join(str(v) for v in error.validator_value)  # type: ignore[union-attr]
    if v == "type":
        return f"must be of type {error.validator_value}"
    return str(error.message)
