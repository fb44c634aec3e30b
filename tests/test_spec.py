"""spec/openapi.yaml is a valid OpenAPI 3.1 document and every example in it fits its schema.

Examples are collected from schemas (``example`` and the JSON Schema ``examples`` list, at any
depth), and from parameters, headers and media types (``example`` and the ``examples`` map of
Example objects). Each is validated with jsonschema's Draft 2020-12 validator (the dialect of
OpenAPI 3.1), with format checking on, against its schema *in place*: the schema is referenced
by its JSON pointer inside the spec, so its ``$ref``s resolve through a registry that holds the
whole spec document.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).resolve().parents[1] / "spec" / "openapi.yaml"
SPEC_URI = "urn:wix-inbox-client:spec/openapi.yaml"

# Keywords whose value is one subschema / a list of subschemas / a map of subschemas.
_SUBSCHEMA = ("items", "not", "if", "then", "else", "contains", "propertyNames",
              "additionalProperties", "unevaluatedProperties", "unevaluatedItems")  # fmt: skip
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMA_MAPS = ("properties", "patternProperties", "$defs", "dependentSchemas")


def _load_spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    assert isinstance(spec, dict)
    return spec


SPEC = _load_spec()


def _pointer(path: tuple[str, ...]) -> str:
    return "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in path)


def _resolve_local(ref: str) -> Any:
    assert ref.startswith("#/"), f"only local $refs are supported here, got {ref!r}"
    node: Any = SPEC
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


# (where the example is, JSON pointer of the schema it must fit, the example value)
Case = tuple[str, str, Any]


def _schema_cases(schema: Any, path: tuple[str, ...]) -> Iterator[Case]:
    if not isinstance(schema, Mapping):
        return  # a boolean schema
    where = _pointer(path)
    if "example" in schema:
        yield f"{where}/example", where, schema["example"]
    if isinstance(schema.get("examples"), list):
        for i, value in enumerate(schema["examples"]):
            yield f"{where}/examples/{i}", where, value
    for key in _SUBSCHEMA:
        if key in schema:
            yield from _schema_cases(schema[key], (*path, key))
    for key in _SUBSCHEMA_LISTS:
        for i, sub in enumerate(schema.get(key, [])):
            yield from _schema_cases(sub, (*path, key, str(i)))
    for key in _SUBSCHEMA_MAPS:
        for name, sub in schema.get(key, {}).items():
            yield from _schema_cases(sub, (*path, key, name))


def _document_cases(node: Any, path: tuple[str, ...]) -> Iterator[Case]:
    """Walk the non-schema part of the document (paths, webhooks, components...)."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _document_cases(item, (*path, str(i)))
        return
    if not isinstance(node, Mapping):
        return
    if path == ("components", "schemas"):
        for name, schema in node.items():
            yield from _schema_cases(schema, (*path, name))
        return
    schema = node.get("schema")
    if isinstance(schema, Mapping):  # a parameter, a header or a media type
        schema_pointer = _pointer((*path, "schema"))
        where = _pointer(path)
        if "example" in node:
            yield f"{where}/example", schema_pointer, node["example"]
        for name, example in (node.get("examples") or {}).items():
            if "$ref" in example:
                example = _resolve_local(example["$ref"])
            if "value" in example:
                yield f"{where}/examples/{name}", schema_pointer, example["value"]
        yield from _schema_cases(schema, (*path, "schema"))
    for key, value in node.items():
        key = str(key)
        if key in ("schema", "example", "examples") or key.startswith("x-"):
            continue
        yield from _document_cases(value, (*path, key))


CASES = list(_document_cases(SPEC, ()))
REGISTRY: Registry[Any] = Registry().with_resource(
    SPEC_URI, Resource.from_contents(SPEC, default_specification=DRAFT202012)
)


def test_spec_is_valid_openapi() -> None:
    validate_openapi(SPEC)


def test_examples_are_found() -> None:
    where = {case[0] for case in CASES}
    assert len(CASES) >= 10, where
    seeds = {
        "/paths/~1inbox~1v2~1conversations~1{conversationId}/get/responses/200/content/"
        "application~1json/examples/seed",
        "/paths/~1inbox~1v2~1messages/get/responses/200/content/application~1json/examples/seed",
    }
    assert seeds <= where


def test_format_checker_checks_the_formats_the_spec_uses() -> None:
    # jsonschema only checks date-time and uri when their optional libraries are installed
    # (the jsonschema[format-nongpl] extra); without them those formats would pass silently.
    missing = {"uuid", "date-time", "uri"} - set(Draft202012Validator.FORMAT_CHECKER.checkers)
    assert not missing, f"install jsonschema[format-nongpl]: no format checker for {missing}"


@pytest.mark.parametrize(("where", "schema_pointer", "example"), CASES, ids=[c[0] for c in CASES])
def test_example_fits_its_schema(where: str, schema_pointer: str, example: Any) -> None:
    validator = Draft202012Validator(
        {"$ref": f"{SPEC_URI}#{schema_pointer}"},
        registry=REGISTRY,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    errors = sorted(validator.iter_errors(example), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{where}: at {'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in errors
    )


def test_a_bad_example_is_caught() -> None:
    """The check is not vacuous: $refs resolve and formats are checked."""
    validator = Draft202012Validator(
        {"$ref": f"{SPEC_URI}#/components/schemas/GetConversationResponse"},
        registry=REGISTRY,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    assert validator.is_valid({"conversation": {"id": "6fd2b962-dd8f-382f-8d27-ae63f188c939"}})
    assert not validator.is_valid({"conversation": {"id": "not-a-guid"}})
    assert not validator.is_valid({"conversation": {"channels": "CHAT"}})
