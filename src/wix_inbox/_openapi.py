"""The OpenAPI document, and checking data against it, shared by the client and the mock.

The client checks each request body here before sending it (so a limit Wix documents is
refused locally, with the field named) and checks the shape of each 200 body before parsing it;
the mock (:mod:`wix_inbox.testing._spec`) validates what it receives and what it answers.

The spec is the source of truth: every limit and every list of values (lengths, list sizes,
formats, enums, required fields) is read from it at run time, never copied here. It ships as
``_spec/openapi.json``, which ``nox -s generate`` writes from ``spec/openapi.yaml`` (JSON loads in
about a millisecond, and needs no YAML parser at run time). Only the rules the spec cannot
express in JSON Schema are implemented by hand, and those are driven by the spec's own
extensions: ``x-wix-one-of`` (exactly one member of an object is set) and
``x-wix-required-paths`` (nested fields a request needs).

One validator engine: jsonschema-rs (compiled). It resolves the spec's ``$ref``s itself through
a registry holding the whole document, and takes our own checkers for the formats whose exact
meaning matters here (``uuid``, ``date-time``, ``uri``). Validators are compiled once per
process, on first use (:func:`spec`).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import attrs
import jsonschema_rs

from ._validation import is_guid

__all__ = ["FieldViolation", "Spec", "pointer", "spec", "spec_text"]

SPEC_URI = "urn:wix-inbox:openapi"
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
# Wix's enums start with a zero value (UNKNOWN_VISIBILITY, ...) that is no real choice.
_UNKNOWN_PREFIX = "UNKNOWN_"

# Wix's names for the rule a field violated, by JSON Schema keyword.
_RULES = {
    "maxLength": "MAX_LENGTH",
    "minLength": "MIN_LENGTH",
    "maximum": "MAX",
    "exclusiveMaximum": "MAX",
    "minimum": "MIN",
    "exclusiveMinimum": "MIN",
    "maxItems": "MAX_SIZE",
    "minItems": "MIN_SIZE",
    "required": "REQUIRED_FIELD",
    "format": "FORMAT",
    "pattern": "FORMAT",
    "enum": "INVALID_ENUM_VALUE",
    "const": "INVALID_ENUM_VALUE",
}
# Keywords whose failure the real API never reports: it ignores unknown fields.
_IGNORED_KEYWORDS = frozenset({"additionalProperties", "unevaluatedProperties"})
# What a format is called in a violation (Wix's names).
_FORMAT_NAMES = {"uuid": "GUID", "uri": "WEB_URL", "date-time": "DATE_TIME"}


def spec_text() -> str:
    """The text of ``openapi.json``: package data when installed, else the source tree's."""
    try:
        packaged = resources.files("wix_inbox").joinpath("_spec").joinpath("openapi.json")
        if packaged.is_file():
            return packaged.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):  # pragma: no cover
        pass
    # src/wix_inbox/_openapi.py -> the repository root is two levels above the package.
    source = Path(__file__).resolve().parents[2] / "generated" / "openapi.json"
    return source.read_text(encoding="utf-8")


@attrs.frozen
class FieldViolation:
    """One entry of Wix's ``validationError.fieldViolations``."""

    field: str
    description: str
    violated_rule: str
    data: Mapping[str, Any] | None = None

    def to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {
            "field": self.field,
            "description": self.description,
            "violatedRule": self.violated_rule,
        }
        if self.data is not None:
            wire["data"] = dict(self.data)
        return wire


def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return False
    return True


def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    # Wix's WEB_URL: an absolute http(s) address.
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


# Own checkers, so the result does not depend on the engine's idea of these formats.
_FORMATS = {"uuid": is_guid, "date-time": _is_date_time, "uri": _is_uri}

# The keywords that make up the *shape* of a response: JSON types, and the formats that decide a
# generated field's Python type (UUID, datetime). Limits, enums and web-address formats are left
# out on purpose: Wix may loosen a limit or add an enum value at any time, and a page of messages
# must not fail because of it.
_SHAPE_KEYWORDS = frozenset({"$ref", "type", "properties", "items", "allOf", "anyOf", "oneOf"})
_SHAPE_FORMATS = frozenset({"uuid", "date-time"})


def _shape_only(node: Any) -> Any:
    """A copy of a schema keeping only the shape keywords."""
    if isinstance(node, list):
        return [_shape_only(item) for item in node]
    if not isinstance(node, Mapping):
        return node
    kept: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties":
            kept[key] = {name: _shape_only(sub) for name, sub in value.items()}
        elif key in _SHAPE_KEYWORDS:
            kept[key] = _shape_only(value)
        elif key == "format" and value in _SHAPE_FORMATS:
            kept[key] = value
    return kept


def pointer(*parts: str | int) -> str:
    """A JSON pointer (``/a/b~1c``) to the given keys of the document."""
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "/" + "/".join(escaped)


class Spec:
    """The parsed spec, and validators compiled from it on demand."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        self._registry = jsonschema_rs.Registry([(SPEC_URI, dict(document))])
        self._validators: dict[str, jsonschema_rs.Validator] = {}
        self._shape_validators: dict[str, jsonschema_rs.Validator] = {}
        self._choices: dict[str, tuple[str, ...]] = {}

    # -- lookups ------------------------------------------------------------------------------

    def validator_at(self, at: str) -> jsonschema_rs.Validator:
        """A Draft 2020-12 validator for the schema at JSON pointer ``at`` of the document."""
        validator = self._validators.get(at)
        if validator is None:
            validator = jsonschema_rs.Draft202012Validator(
                {"$ref": f"{SPEC_URI}#{quote(at, safe='/~')}"},
                registry=self._registry,
                validate_formats=True,
                formats=_FORMATS,
            )
            self._validators[at] = validator
        return validator

    def resolve(self, node: Any, at: str = "") -> tuple[Any, str]:
        """Follow local ``$ref``s; return the node and its JSON pointer."""
        seen = 0
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
            ref: str = node["$ref"]
            if not ref.startswith("#/") or seen > 32:
                break
            at = ref[1:]
            node = self.document
            for part in ref[2:].split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            seen += 1
        return node, at

    def schema(self, name: str) -> Mapping[str, Any]:
        """``components/schemas/<name>``."""
        found: Mapping[str, Any] = self.document["components"]["schemas"][name]
        return found

    def choices(self, name: str) -> tuple[str, ...]:
        """The values a caller may pick from enum schema ``name`` (without ``UNKNOWN_*``)."""
        found = self._choices.get(name)
        if found is None:
            found = tuple(
                str(value)
                for value in self.schema(name)["enum"]
                if not str(value).startswith(_UNKNOWN_PREFIX)
            )
            self._choices[name] = found
        return found

    def parameter(self, operation_path: str, method: str, name: str) -> Mapping[str, Any]:
        """The (resolved) schema of parameter ``name`` of an operation."""
        for raw in self.document["paths"][operation_path][method]["parameters"]:
            param, _ = self.resolve(raw)
            if param["name"] == name:
                schema, _ = self.resolve(param.get("schema", {}))
                return schema  # type: ignore[no-any-return]
        raise KeyError(name)

    # -- violations ---------------------------------------------------------------------------

    def violations(
        self, validator: jsonschema_rs.Validator, instance: Any, prefix: str = ""
    ) -> list[FieldViolation]:
        """Every schema violation of ``instance``, as Wix field violations."""
        if validator.is_valid(instance):
            return []
        found: list[FieldViolation] = []
        for error in validator.iter_errors(instance):
            found.extend(_to_violations(error, prefix))
        return _dedupe(found)

    def component_violations(self, name: str, instance: Any) -> list[FieldViolation]:
        """Every way ``instance`` breaks ``components/schemas/<name>``, extensions included."""
        validator = self.validator_at(pointer("components", "schemas", name))
        return _dedupe(
            self.violations(validator, instance)
            + self.extension_violations(self.schema(name), instance)
        )

    def shape_errors(self, name: str, instance: Any, *, limit: int = 3) -> list[str]:
        """Where ``instance`` does not have the JSON shape of ``components/schemas/<name>``.

        Run on every 200 body before it is parsed, because the generated models do not check
        types. The engine's own (compiled) format checks are used here: they cost a small
        fraction of the parse of a 100-message page.
        """
        validator = self._shape_validators.get(name)
        if validator is None:
            schemas = self.document.get("components", {}).get("schemas", {})
            root = {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$ref": f"#/components/schemas/{name}",
                "components": {"schemas": {k: _shape_only(v) for k, v in schemas.items()}},
            }
            validator = jsonschema_rs.validator_for(root, validate_formats=True)
            self._shape_validators[name] = validator
        errors: list[str] = []
        try:
            if validator.is_valid(instance):  # the common case; cheaper than iter_errors
                return errors
            for error in validator.iter_errors(instance):
                where = _field("", list(error.instance_path)) or "(body)"
                errors.append(f"{where}: {_describe(error)[0]}")
                if len(errors) >= limit:
                    break
        except UnicodeEncodeError:
            # jsonschema-rs takes strings as UTF-8: JSON can escape a lone surrogate ("\ud800")
            # that UTF-8 cannot carry.
            return ["(body): holds text that is not valid Unicode (a lone surrogate)"]
        except ValueError:
            # jsonschema-rs stops at its recursion limit ("Recursion limit reached"). Python
            # 3.13's json.loads parses far deeper nesting than 3.11's, so such a body gets here.
            return ["(body): nested too deeply to check"]
        return errors

    def extension_violations(
        self, schema: Mapping[str, Any], instance: Any, prefix: str = ""
    ) -> list[FieldViolation]:
        """Violations of ``x-wix-one-of`` and ``x-wix-required-paths`` anywhere in ``instance``."""
        found: list[FieldViolation] = []
        self._walk_extensions(schema, instance, prefix, found, depth=0)
        return _dedupe(found)

    def _walk_extensions(
        self,
        schema: Mapping[str, Any],
        instance: Any,
        path: str,
        found: list[FieldViolation],
        depth: int,
    ) -> None:
        schema, _ = self.resolve(schema)
        if depth > 64 or not isinstance(schema, Mapping):
            return
        for sub in schema.get("allOf", []):
            self._walk_extensions(sub, instance, path, found, depth + 1)
        if isinstance(instance, Mapping):
            for required_path in schema.get("x-wix-required-paths", []):
                parts = str(required_path).split(".")
                if parts[0] not in instance and parts[0] in schema.get("required", []):
                    continue  # the schema's own `required` reports the missing parent
                node: Any = instance
                for part in parts:
                    node = node.get(part) if isinstance(node, Mapping) else None
                if node is None:
                    name = _join(path, str(required_path))
                    found.append(FieldViolation(name, "is required", "REQUIRED_FIELD"))
            one_of = schema.get("x-wix-one-of")
            if one_of:
                present = [m for m in one_of if instance.get(m) is not None]
                if not present:
                    found.append(
                        FieldViolation(
                            path or "$",
                            f"exactly one of {', '.join(one_of)} must be set",
                            "REQUIRED_ONE_OF_FIELD",
                            {"fields": list(one_of)},
                        )
                    )
                elif len(present) > 1:
                    found.append(
                        FieldViolation(
                            path or "$",
                            f"only one of {', '.join(one_of)} may be set, got {', '.join(present)}",
                            "ONE_OF_ALIGNMENT",
                            {"fields": present},
                        )
                    )
            props = schema.get("properties", {})
            for key, value in instance.items():
                if key in props:
                    self._walk_extensions(props[key], value, _join(path, key), found, depth + 1)
        elif isinstance(instance, list) and "items" in schema:
            for index, item in enumerate(instance):
                self._walk_extensions(schema["items"], item, f"{path}[{index}]", found, depth + 1)


def _join(prefix: str, name: str | int) -> str:
    if isinstance(name, int):
        return f"{prefix}[{name}]"
    return f"{prefix}.{name}" if prefix else name


def _field(prefix: str, parts: Sequence[str | int]) -> str:
    path = prefix
    for part in parts:
        path = _join(path, part)
    return path


def _describe(error: jsonschema_rs.ValidationError) -> tuple[str, dict[str, Any] | None]:
    """A description of ``error`` that names the limit or the expected kind, never the value
    (which may be a secret), and the violation's ``data``."""
    kind = error.kind
    keyword = kind.name
    detail = kind.as_dict()
    value: Any = detail.get("limit")
    if keyword == "maxLength":
        return f"must not be longer than {value}", {"threshold": value}
    if keyword == "minLength":
        text = "must not be empty" if value == 1 else f"must be at least {value} long"
        return text, {"threshold": value}
    if keyword == "maximum":
        return f"must be at most {value}", {"threshold": value}
    if keyword == "exclusiveMaximum":
        return f"must be less than {value}", {"threshold": value}
    if keyword == "minimum":
        return f"must be at least {value}", {"threshold": value}
    if keyword == "exclusiveMinimum":
        return f"must be greater than {value}", {"threshold": value}
    if keyword == "maxItems":
        return f"must have at most {value} items", {"threshold": value}
    if keyword == "minItems":
        return f"must have at least {value} items", {"threshold": value}
    if keyword == "format":
        name = str(detail.get("format"))
        shown = _FORMAT_NAMES.get(name, name)
        return f"must be a valid {shown}", {"type": shown}
    if keyword == "pattern":
        pattern = detail.get("pattern")
        return f"must match {pattern}", {"pattern": pattern}
    if keyword == "enum":
        options = list(detail.get("options", []))
        return f"must be one of {', '.join(map(str, options))}", {"allowed": options}
    if keyword == "const":
        expected = detail.get("expected_value")
        return f"must be {expected}", {"allowed": [expected]}
    if keyword == "type":
        kinds = detail.get("types", [])
        return f"must be of type {' or '.join(map(str, kinds))}", None
    return f"breaks the schema's {keyword!r} rule", None


def _to_violations(error: jsonschema_rs.ValidationError, prefix: str) -> list[FieldViolation]:
    kind = error.kind
    keyword = kind.name
    if keyword in _IGNORED_KEYWORDS:
        return []
    context = getattr(kind, "context", None)
    if keyword in ("anyOf", "oneOf") and context:
        # Report the branch that came closest: the one whose errors sit deepest, then fewest.
        best = min(context, key=lambda branch: (-_depth(branch), len(branch)))
        if best:
            return [v for sub in best for v in _to_violations(sub, prefix)]
    path = _field(prefix, list(error.instance_path))
    if keyword == "required":
        name = str(kind.as_dict().get("property"))
        return [FieldViolation(_join(path, name), "is required", "REQUIRED_FIELD")]
    description, data = _describe(error)
    return [FieldViolation(path or "$", description, _RULES.get(keyword, "VALIDATION"), data)]


def _depth(branch: Sequence[jsonschema_rs.ValidationError]) -> int:
    return max((len(error.instance_path) for error in branch), default=0)


def _dedupe(found: list[FieldViolation]) -> list[FieldViolation]:
    seen: set[tuple[str, str]] = set()
    unique: list[FieldViolation] = []
    for violation in found:
        key = (violation.field, violation.violated_rule)
        if key not in seen:
            seen.add(key)
            unique.append(violation)
    return unique


@functools.cache
def spec() -> Spec:
    """The process-wide spec (loaded on first use; validators compile as they are needed)."""
    document = json.loads(spec_text())
    if not isinstance(document, Mapping):  # pragma: no cover - a broken spec
        raise RuntimeError("openapi.json is not a mapping")
    return Spec(document)
