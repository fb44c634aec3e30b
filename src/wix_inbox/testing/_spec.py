"""What only the mock needs from the spec: its operations, query coercion, pruning.

The client needs none of this (it builds its requests from the generated models and checks
them with :mod:`wix_inbox._openapi`), so it lives here and loads with the mock.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

import attrs
import jsonschema_rs

from .._openapi import Spec, pointer, spec

__all__ = ["MockSpec", "Operation", "mock_spec"]

_HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


@attrs.frozen
class _Param:
    name: str
    location: str
    required: bool
    schema: Mapping[str, Any]
    validator: jsonschema_rs.Validator


@attrs.frozen
class Operation:
    """One operation of the spec, with its compiled validators."""

    operation_id: str
    method: str
    path: str
    params: tuple[_Param, ...]
    body_schema: Mapping[str, Any] | None
    body_validator: jsonschema_rs.Validator | None
    body_required: bool
    # JSON pointer of each documented response body's schema, by status.
    responses: Mapping[str, str] = attrs.field(repr=False)


class MockSpec(Spec):
    """The spec with one compiled validator per operation's body and parameter."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        super().__init__(document)
        self.operations: dict[str, Operation] = {}
        for path, item in document.get("paths", {}).items():
            for method in _HTTP_METHODS:
                if method in item:
                    op = self._operation(path, method, item[method])
                    self.operations[op.operation_id] = op

    def _operation(self, path: str, method: str, raw: Mapping[str, Any]) -> Operation:
        base = pointer("paths", path, method)
        params: list[_Param] = []
        for index, raw_param in enumerate(raw.get("parameters", [])):
            param, at = self.resolve(raw_param, f"{base}/parameters/{index}")
            schema, schema_at = self.resolve(param.get("schema", {}), f"{at}/schema")
            params.append(
                _Param(
                    name=param["name"],
                    location=param["in"],
                    required=bool(param.get("required", False)),
                    schema=schema,
                    validator=self.validator_at(schema_at),
                )
            )
        body_schema: Mapping[str, Any] | None = None
        body_validator = None
        body_required = False
        if "requestBody" in raw:
            body, body_at = self.resolve(raw["requestBody"], f"{base}/requestBody")
            body_required = bool(body.get("required", False))
            media = body.get("content", {}).get("application/json")
            if media is not None and "schema" in media:
                schema_at = f"{body_at}/content/application~1json/schema"
                body_schema, schema_at = self.resolve(media["schema"], schema_at)
                body_validator = self.validator_at(schema_at)
        responses: dict[str, str] = {}
        for status, raw_response in raw.get("responses", {}).items():
            response, at = self.resolve(raw_response, f"{base}/responses/{status}")
            media = response.get("content", {}).get("application/json")
            if media is not None and "schema" in media:
                _, schema_at = self.resolve(
                    media["schema"], f"{at}/content/application~1json/schema"
                )
                responses[str(status)] = schema_at
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

    # -- bodies -------------------------------------------------------------------------------

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


@functools.cache
def mock_spec() -> MockSpec:
    """The process-wide spec of the mock (shares the client's parsed document)."""
    return MockSpec(spec().document)
