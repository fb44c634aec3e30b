"""The OpenAPI document, and validation against it, shared by the client and the mock.

The client checks each request body here before sending it (so a limit Wix documents is
refused locally, with the field named); the mock validates what it receives and what it answers.

The spec is the source of truth: every limit the mock enforces (lengths, list sizes, formats,
enums, required fields) is read from ``openapi.yaml`` at run time, never copied here. Only the
rules the spec cannot express in JSON Schema are implemented by hand, and those are driven by the
spec's own extensions: ``x-wix-one-of`` (exactly one member of an object is set) and
``x-wix-required-paths`` (nested fields a request needs).

Validators are compiled once per process (:func:`spec`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import attrs
import jsonschema
import jsonschema_rs
import referencing
import yaml
from jsonschema.exceptions import ValidationError as _SchemaError
from referencing.jsonschema import DRAFT202012

__all__ = ["FieldViolation", "Operation", "Spec", "spec", "spec_text"]

_SPEC_URI = "urn:wix-inbox:openapi"
_HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")

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


def spec_text() -> str:
    """The text of ``openapi.yaml``: package data when installed, else the source tree's."""
    try:
        packaged = resources.files("wix_inbox").joinpath("_spec").joinpath("openapi.yaml")
        if packaged.is_file():
            return packaged.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):  # pragma: no cover
        pass
    # src/wix_inbox/_openapi.py -> the repository root is two levels above the package.
    source = Path(__file__).resolve().parents[2] / "spec" / "openapi.yaml"
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


@attrs.frozen
class _Param:
    name: str
    location: str
    required: bool
    schema: Mapping[str, Any]
    validator: jsonschema.protocols.Validator


@attrs.frozen
class Operation:
    """One operation of the spec, with its compiled validators."""

    operation_id: str
    method: str
    path: str
    params: tuple[_Param, ...]
    body_schema: Mapping[str, Any] | None
    body_validator: jsonschema.protocols.Validator | None
    body_required: bool
    responses: Mapping[str, jsonschema.protocols.Validator] = attrs.field(repr=False)


def is_guid(value: str) -> bool:
    """True for exactly Wix's GUID form (8-4-4-4-12 hex digits); the one definition of it."""
    return _GUID.fullmatch(value) is not None  # fullmatch: "$" alone lets a trailing \n through


def _is_guid(value: object) -> bool:
    return not isinstance(value, str) or is_guid(value)


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


def _format_checker() -> jsonschema.FormatChecker:
    # Own checkers, so the result does not depend on which optional format packages exist.
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("uuid")(_is_guid)
    checker.checks("date-time")(_is_date_time)
    checker.checks("uri")(_is_uri)
    return checker


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


def _pointer(*parts: str | int) -> str:
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "/" + "/".join(escaped)


class Spec:
    """The parsed spec with one compiled validator per body, parameter and response."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        resource: referencing.Resource[Any] = DRAFT202012.create_resource(document)
        self._registry: referencing.Registry[Any] = referencing.Registry().with_resource(
            _SPEC_URI, resource
        )
        self._format_checker = _format_checker()
        self._component_validators: dict[str, jsonschema.protocols.Validator] = {}
        self._shape_validators: dict[str, jsonschema_rs.Validator] = {}
        self.operations: dict[str, Operation] = {}
        for path, item in document.get("paths", {}).items():
            for method in _HTTP_METHODS:
                if method in item:
                    op = self._operation(path, method, item[method])
                    self.operations[op.operation_id] = op

    # -- construction -------------------------------------------------------------------------

    def validator_at(self, pointer: str) -> jsonschema.protocols.Validator:
        """A Draft 2020-12 validator for the schema at a JSON pointer of the document."""
        ref = f"{_SPEC_URI}#{quote(pointer, safe='/~')}"
        return jsonschema.Draft202012Validator(
            {"$ref": ref}, registry=self._registry, format_checker=self._format_checker
        )

    def resolve(self, node: Any, pointer: str = "") -> tuple[Any, str]:
        """Follow local ``$ref``s; return the node and its JSON pointer."""
        seen = 0
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
            ref: str = node["$ref"]
            if not ref.startswith("#/") or seen > 32:
                break
            pointer = ref[1:]
            node = self.document
            for part in ref[2:].split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            seen += 1
        return node, pointer

    def _operation(self, path: str, method: str, raw: Mapping[str, Any]) -> Operation:
        base = _pointer("paths", path, method)
        params: list[_Param] = []
        for index, raw_param in enumerate(raw.get("parameters", [])):
            param, pointer = self.resolve(raw_param, f"{base}/parameters/{index}")
            schema, schema_pointer = self.resolve(param.get("schema", {}), f"{pointer}/schema")
            params.append(
                _Param(
                    name=param["name"],
                    location=param["in"],
                    required=bool(param.get("required", False)),
                    schema=schema,
                    validator=self.validator_at(schema_pointer),
                )
            )
        body_schema: Mapping[str, Any] | None = None
        body_validator = None
        body_required = False
        if "requestBody" in raw:
            body, body_pointer = self.resolve(raw["requestBody"], f"{base}/requestBody")
            body_required = bool(body.get("required", False))
            media = body.get("content", {}).get("application/json")
            if media is not None and "schema" in media:
                schema_pointer = f"{body_pointer}/content/application~1json/schema"
                body_schema, schema_pointer = self.resolve(media["schema"], schema_pointer)
                body_validator = self.validator_at(schema_pointer)
        responses: dict[str, jsonschema.protocols.Validator] = {}
        for status, raw_response in raw.get("responses", {}).items():
            response, pointer = self.resolve(raw_response, f"{base}/responses/{status}")
            media = response.get("content", {}).get("application/json")
            if media is not None and "schema" in media:
                schema, schema_pointer = self.resolve(
                    media["schema"], f"{pointer}/content/application~1json/schema"
                )
                responses[str(status)] = self.validator_at(schema_pointer)
        return Operation(
            operation_id=raw["operationId"],
            method=method.upper(),
            path=path,
            params=tuple(params),
            body_schema=body_schema,
            body_validator=body_validator,
            body_required=body_required,
            responses=responses,
        )

    # -- query parameters ---------------------------------------------------------------------

    def coerce(self, value: Any, schema: Mapping[str, Any]) -> Any:
        """Turn query-string text into the JSON type the schema asks for, where it parses.

        Text that does not parse is left as it is, so that validation reports it.
        """
        schema, _ = self.resolve(schema)
        raw_type = schema.get("type")
        types = set(raw_type) if isinstance(raw_type, list) else {raw_type}
        if isinstance(value, list):
            if "array" in types:
                return [self.coerce(v, schema.get("items", {})) for v in value]
            value = value[-1] if value else None
        elif "array" in types and not isinstance(value, Mapping):
            return [self.coerce(value, schema.get("items", {}))]
        if isinstance(value, Mapping):
            props = schema.get("properties", {})
            return {k: self.coerce(v, props.get(k, {})) for k, v in value.items()}
        if not isinstance(value, str):
            return value
        if "integer" in types and _INTEGER.match(value):
            return int(value)
        if "number" in types and _NUMBER.match(value):
            return float(value)
        if "boolean" in types and value in ("true", "false"):
            return value == "true"
        return value

    # -- violations ---------------------------------------------------------------------------

    def violations(
        self, validator: jsonschema.protocols.Validator, instance: Any, prefix: str = ""
    ) -> list[FieldViolation]:
        """Every schema violation of ``instance``, as Wix field violations."""
        found: list[FieldViolation] = []
        for error in validator.iter_errors(instance):
            found.extend(_to_violations(error, prefix))
        return _dedupe(found)

    def component_violations(self, name: str, instance: Any) -> list[FieldViolation]:
        """Every way ``instance`` breaks ``components/schemas/<name>``, extensions included."""
        pointer = _pointer("components", "schemas", name)
        validator = self._component_validators.get(name)
        if validator is None:
            validator = self._component_validators[name] = self.validator_at(pointer)
        schema = self.document["components"]["schemas"][name]
        return _dedupe(
            self.violations(validator, instance) + self.extension_violations(schema, instance)
        )

    def shape_errors(self, name: str, instance: Any, *, limit: int = 3) -> list[str]:
        """Where ``instance`` does not have the JSON shape of ``components/schemas/<name>``.

        Run on every 200 body before it is parsed, because the generated models do not check
        types. It uses jsonschema-rs (compiled): the pure-Python validator costs about 13 times
        the parse of a 100-message page, jsonschema-rs well under one parse.
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
        errors = []
        try:
            if validator.is_valid(instance):
                return []
            for error in validator.iter_errors(instance):
                where = _field("", list(error.instance_path)) or "(body)"
                errors.append(f"{where}: {error.message}")
                if len(errors) >= limit:
                    break
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

    def prune(self, schema: Mapping[str, Any], instance: Any, depth: int = 0) -> Any:
        """A copy of ``instance`` without the fields the schema does not know (like Wix)."""
        schema, _ = self.resolve(schema)
        if depth > 64 or not isinstance(schema, Mapping):
            return instance
        if isinstance(instance, Mapping):
            props: dict[str, Any] = dict(schema.get("properties", {}))
            for sub in schema.get("allOf", []):
                resolved, _ = self.resolve(sub)
                props.update(resolved.get("properties", {}))
            if not props:
                return dict(instance)
            return {
                k: self.prune(props[k], v, depth + 1) for k, v in instance.items() if k in props
            }
        if isinstance(instance, list):
            items = schema.get("items", {})
            return [self.prune(items, v, depth + 1) for v in instance]
        return instance


def _join(prefix: str, name: str | int) -> str:
    if isinstance(name, int):
        return f"{prefix}[{name}]"
    return f"{prefix}.{name}" if prefix else name


def _field(prefix: str, parts: Sequence[str | int]) -> str:
    path = prefix
    for part in parts:
        path = _join(path, part)
    return path


def _to_violations(error: _SchemaError, prefix: str) -> Iterator[FieldViolation]:
    keyword = str(error.validator)
    if keyword in _IGNORED_KEYWORDS:
        return
    if keyword in ("oneOf", "anyOf") and error.context:
        best = jsonschema.exceptions.best_match(error.context)
        if best is not None:
            yield from _to_violations(best, prefix)
            return
    path = _field(prefix, list(error.absolute_path))
    value: Any = error.validator_value
    if keyword == "required":
        instance = error.instance if isinstance(error.instance, Mapping) else {}
        for name in value:
            if name not in instance:
                yield FieldViolation(_join(path, name), "is required", "REQUIRED_FIELD")
        return
    rule = _RULES.get(keyword, "VALIDATION")
    data: dict[str, Any] | None = None
    if keyword == "maxLength":
        description, data = f"must not be longer than {value}", {"threshold": value}
    elif keyword == "minLength":
        description = "must not be empty" if value == 1 else f"must be at least {value} long"
        data = {"threshold": value}
    elif keyword in ("maximum", "exclusiveMaximum"):
        description, data = f"must be at most {value}", {"threshold": value}
        if keyword == "exclusiveMaximum":
            description = f"must be less than {value}"
    elif keyword in ("minimum", "exclusiveMinimum"):
        description, data = f"must be at least {value}", {"threshold": value}
        if keyword == "exclusiveMinimum":
            description = f"must be greater than {value}"
    elif keyword == "maxItems":
        description, data = f"must have at most {value} items", {"threshold": value}
    elif keyword == "minItems":
        description, data = f"must have at least {value} items", {"threshold": value}
    elif keyword == "format":
        kind = {"uuid": "GUID", "uri": "WEB_URL", "date-time": "DATE_TIME"}.get(str(value))
        description = f"must be a valid {kind or value}"
        data = {"type": kind or str(value)}
    elif keyword == "pattern":
        description, data = f"must match {value}", {"pattern": value}
    elif keyword == "enum":
        description = f"must be one of {', '.join(map(str, value))}"
        data = {"allowed": list(value)}
    elif keyword == "type":
        kinds = value if isinstance(value, list) else [value]
        description = f"must be of type {' or '.join(map(str, kinds))}"
    else:
        description = error.message if len(error.message) <= 200 else error.message[:200] + "..."
    yield FieldViolation(path or "$", description, rule, data)


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
    """The process-wide spec with compiled validators (loaded on first use)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document = yaml.load(spec_text(), Loader=loader)
    if not isinstance(document, Mapping):  # pragma: no cover - a broken spec
        raise RuntimeError("openapi.yaml is not a mapping")
    return Spec(document)
