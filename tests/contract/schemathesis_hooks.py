"""Schemathesis hooks of ``nox -s contract_schemathesis`` (loaded through ``SCHEMATHESIS_HOOKS``).

Schemathesis generates "positive" test cases from the JSON Schema of each operation and expects
the API to accept them (check ``positive_data_acceptance``). Some request rules of the Wix Inbox
API are written in ``spec/openapi.yaml`` but outside JSON Schema, so schemathesis cannot know
them, and a positive case that breaks one is rightly rejected with 400. The ``before_call`` hook
rewrites such positive cases, right before they are sent, so that they obey these documented
rules (each one was seen to fail the run without it, except the format rule, see there):

* ``x-wix-one-of`` (exactly one member of an object is set) and ``x-wix-required-paths``
  (nested fields a request needs): read from the spec itself, wherever they appear in a
  request body.
* Formats are asserted (the spec's preamble: a GUID is ``format: uuid``, a web address
  ``format: uri``, a timestamp ``format: date-time``); JSON Schema 2020-12 makes ``format`` an
  annotation, and schemathesis's coverage phase has sent e.g. ``iconUrl: ""`` as positive.
  A web address is an absolute http(s) URL (Wix's ``WEB_URL``).
* ``sendMessage``: an image or file ``url`` must be an http(s) address (application error
  ``INVALID_MEDIA_URL``), and ``sendAs`` must fit ``message.direction`` (application error
  ``IDENTITY_DOES_NOT_MATCH``: the participant cannot write business-to-participant, a business
  user cannot write participant-to-business).
* ``listMessages``: ``paging.cursor`` is an opaque value from a previous page ("omit on the first
  request"); a made-up one is rejected, so positive cases omit it. A cursor that an earlier
  response carried (``after_call`` remembers them; a stateful link may pass one) is kept.

One more rewrite is not about validity: the spec's request examples name conversations that
exist at Wix, not in a fresh mock, so every positive case of the examples and coverage phases
would end in 404. ``with_mock.py`` creates one conversation and passes its id in
``WIX_INBOX_MOCK_CONVERSATION_ID``; the examples' conversation ids are replaced by it, so those
cases reach the success path (and its response schema).

Negative cases (schema-invalid on purpose) are left alone: the API must reject them, and
``negative_data_rejection`` checks that it does. Nothing here filters cases, responses or
failures, and no check is disabled.

Schemathesis is imported through importlib: it is not installed in the ``typecheck`` session,
which checks this file with mypy --strict.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import uuid
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

SPEC_PATH = Path(__file__).resolve().parents[2] / "spec" / "openapi.yaml"
# Set by with_mock.py: a conversation that exists in the mock (see _live_ids).
LIVE_CONVERSATION_VARIABLE = "WIX_INBOX_MOCK_CONVERSATION_ID"
MEDIA_URL = "https://static.wixstatic.com/media/contract-test.png"
# Schemas whose ``url`` must be an http(s) address (application error INVALID_MEDIA_URL).
MEDIA_SCHEMAS = frozenset({"ImageMessage", "FileMessage"})
# sendAs -> the message direction that identity cannot write (IDENTITY_DOES_NOT_MATCH).
FORBIDDEN_DIRECTION = {
    "PARTICIPANT": ("BUSINESS_TO_PARTICIPANT", "PARTICIPANT_TO_BUSINESS"),
    "BUSINESS_USER": ("PARTICIPANT_TO_BUSINESS", "BUSINESS_TO_PARTICIPANT"),
}
# Cursors that listMessages answers have carried (see after_call); any other is made up.
ISSUED_CURSORS: set[str] = set()
GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")


@cache
def _document() -> Mapping[str, Any]:
    loaded = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    assert isinstance(loaded, Mapping)
    return loaded


def _resolve(schema: Any) -> tuple[Mapping[str, Any], str | None]:
    """Follow local ``$ref``s; return the schema and the name of the last component."""
    name: str | None = None
    while isinstance(schema, Mapping) and isinstance(schema.get("$ref"), str):
        ref = str(schema["$ref"])
        node: Any = _document()
        for part in ref.removeprefix("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        name = ref.rsplit("/", 1)[-1]
        schema = node
    return (schema if isinstance(schema, Mapping) else {}), name


def _web_url(value: object) -> bool:
    """An absolute http(s) address (Wix's WEB_URL)."""
    if not isinstance(value, str) or " " in value:
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _format_ok(fmt: Any, value: str) -> bool:
    """Whether ``value`` has the string format ``fmt`` (the API asserts formats)."""
    if fmt == "uuid":
        return GUID.fullmatch(value) is not None
    if fmt == "uri":
        return _web_url(value)
    if fmt == "date-time":
        if DATE_TIME.fullmatch(value) is None:
            return False
        try:
            datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        except ValueError:
            return False
    return True


def _minimal(schema: Any) -> Any:
    """A small instance that the schema (and its x-wix rules) accept."""
    resolved, _ = _resolve(schema)
    if "enum" in resolved:
        values = [v for v in resolved["enum"] if not str(v).startswith("UNKNOWN")]
        return (values or resolved["enum"])[0]
    raw_type = resolved.get("type", "object")
    kinds = [t for t in (raw_type if isinstance(raw_type, list) else [raw_type]) if t != "null"]
    kind = kinds[0] if kinds else "object"
    if kind == "object":
        return _repair(schema, {})
    if kind == "array":
        return [_minimal(resolved.get("items", {})) for _ in range(resolved.get("minItems", 0))]
    if kind == "string":
        fmt = resolved.get("format")
        if fmt == "uuid":
            return str(uuid.UUID(int=0x11111111_1111_4111_8111_111111111111))
        if fmt == "uri":
            return MEDIA_URL
        if fmt == "date-time":
            return "2021-12-30T08:12:43.799Z"
        return "x" * max(1, int(resolved.get("minLength", 1)))
    if kind in ("integer", "number"):
        return resolved.get("minimum", 0)
    if kind == "boolean":
        return False
    return None


def _repair(schema: Any, instance: Any, depth: int = 0) -> Any:
    """``instance`` changed to obey ``x-wix-one-of``, ``x-wix-required-paths`` and media URLs."""
    resolved, name = _resolve(schema)
    if depth > 32:
        return instance
    if isinstance(instance, str) and not _format_ok(resolved.get("format"), instance):
        return _minimal(resolved)
    if isinstance(instance, list) and "items" in resolved:
        return [_repair(resolved["items"], item, depth + 1) for item in instance]
    if not isinstance(instance, dict):
        return instance
    props: Mapping[str, Any] = resolved.get("properties", {})
    result = dict(instance)
    for dotted in resolved.get("x-wix-required-paths", []):
        _ensure_path(result, resolved, str(dotted).split("."))
    one_of = [str(m) for m in resolved.get("x-wix-one-of", [])]
    if one_of:
        present = [m for m in one_of if result.get(m) is not None]
        if not present:
            result[one_of[0]] = _minimal(props.get(one_of[0], {}))
        for extra in present[1:]:
            del result[extra]
    if name in MEDIA_SCHEMAS and "url" in result and not _web_url(result["url"]):
        result["url"] = MEDIA_URL
    for key, value in list(result.items()):
        if key in props:
            result[key] = _repair(props[key], value, depth + 1)
    return result


def _ensure_path(node: dict[str, Any], schema: Mapping[str, Any], parts: list[str]) -> None:
    """Set the fields along the dotted path ``parts`` that are missing (x-wix-required-paths)."""
    head, rest = parts[0], parts[1:]
    child_schema, _ = _resolve(schema.get("properties", {}).get(head, {}))
    if node.get(head) is None:
        node[head] = _minimal(child_schema)
    if rest and isinstance(node[head], dict):
        node[head] = dict(node[head])
        _ensure_path(node[head], child_schema, rest)


def _body_schema(operation_id: str) -> Mapping[str, Any] | None:
    for item in _document().get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, Mapping) and operation.get("operationId") == operation_id:
                content = operation.get("requestBody", {}).get("content", {})
                schema = content.get("application/json", {}).get("schema")
                return schema if isinstance(schema, Mapping) else None
    return None


def _repaired_body(operation_id: str, body: Any) -> Any:
    schema = _body_schema(operation_id)
    if schema is None or not isinstance(body, dict):
        return body
    repaired = _repair(schema, body)
    if operation_id == "sendMessage":
        message = repaired.get("message")
        send_as = repaired.get("sendAs")
        if isinstance(message, dict) and send_as in FORBIDDEN_DIRECTION:
            forbidden, allowed = FORBIDDEN_DIRECTION[send_as]
            if message.get("direction") == forbidden:
                repaired["message"] = {**message, "direction": allowed}
    return repaired


def _repaired_query(operation_id: str, query: dict[str, Any]) -> dict[str, Any]:
    if operation_id != "listMessages":
        return query
    repaired = dict(query)
    if repaired.get("paging.cursor") not in ISSUED_CURSORS:  # made up: omit it
        repaired.pop("paging.cursor", None)
    return repaired


@cache
def _example_conversation_ids() -> frozenset[str]:
    """The conversation ids that the spec's request examples use."""
    found: set[str] = set()
    for item in _document().get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, Mapping):
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("name") == "conversationId" and "example" in parameter:
                    found.add(str(parameter["example"]))
            content = operation.get("requestBody", {}).get("content", {})
            example = content.get("application/json", {}).get("example")
            if isinstance(example, Mapping) and "conversationId" in example:
                found.add(str(example["conversationId"]))
    return frozenset(found)


def _live_ids(container: Any) -> Any:
    """``container`` with the examples' conversation ids replaced by the live conversation's."""
    live = os.environ.get(LIVE_CONVERSATION_VARIABLE)
    if not live or not isinstance(container, dict):
        return container
    value = container.get("conversationId")
    if isinstance(value, str) and value in _example_conversation_ids():
        return {**container, "conversationId": live}
    return container


def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    """Make a positive case obey the documented rules that JSON Schema cannot express.

    This runs right before the request is sent, after schemathesis has filled in values from
    earlier responses (stateful links): only then is it final whether the case is positive (a
    negative case whose broken value a link replaced becomes positive). Reading ``case.meta``
    here revalidates the case; schemathesis revalidates it again after this hook.
    """
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return
    operation_id = case.operation.definition.raw.get("operationId", "")
    body = _live_ids(_repaired_body(operation_id, case.body))
    if body != case.body:
        case.body = body
    query = _live_ids(_repaired_query(operation_id, dict(case.query or {})))
    if query != (case.query or {}):
        case.query = query
    path_parameters = _live_ids(dict(case.path_parameters or {}))
    if path_parameters != (case.path_parameters or {}):
        case.path_parameters = path_parameters


def after_call(context: Any, case: Any, response: Any) -> None:
    """Remember the cursors the server issues, so that positive cases may use them."""
    if case.operation.definition.raw.get("operationId") != "listMessages":
        return
    if response.status_code != 200:
        return
    try:
        cursors = json.loads(response.content)["pagingMetadata"]["cursors"]
    except (ValueError, KeyError, TypeError):
        return
    if isinstance(cursors, dict):
        ISSUED_CURSORS.update(c for c in cursors.values() if isinstance(c, str) and c)


# The decorator, called without decorator syntax: schemathesis is untyped here (see above).
_hook = importlib.import_module("schemathesis").hook
_hook(before_call)
_hook(after_call)
