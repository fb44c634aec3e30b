"""Helpers shared by the ``test_mock_*`` modules (this module holds no tests).

Responses are checked against ``spec/openapi.yaml`` with validators built here, independently
of the mock's own spec loading: the schema of each operation's response is referenced by its
JSON pointer inside the spec, through a registry holding the whole document.
"""

from __future__ import annotations

import base64
import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from wix_inbox.testing import MockInbox

SPEC_PATH = Path(__file__).resolve().parents[1] / "spec" / "openapi.yaml"
SPEC_URI = "urn:test-mock:openapi.yaml"
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
_REGISTRY: Registry[Any] = Registry().with_resource(SPEC_URI, DRAFT202012.create_resource(SPEC))

HTTP = httpx.Client(verify=False, timeout=10.0)
"""A client for one-off calls (the mock is plain HTTP: no TLS context to build per call)."""

CONTACT = "9e668c08-8bdb-4240-babb-8176935f6f78"
UNKNOWN_GUID = "00000000-0000-4000-8000-000000000000"


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _resolve(node: Any, pointer: str) -> tuple[Any, str]:
    while isinstance(node, Mapping) and "$ref" in node:
        pointer = node["$ref"][1:]
        node = SPEC
        for part in pointer[1:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node, pointer


def _operation(operation_id: str) -> tuple[dict[str, Any], str]:
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return operation, f"/paths/{_escape(path)}/{method}"
    raise KeyError(operation_id)


@functools.cache
def response_validator(operation_id: str, status: int) -> Draft202012Validator:
    operation, pointer = _operation(operation_id)
    _, pointer = _resolve(operation["responses"][str(status)], f"{pointer}/responses/{status}")
    schema_pointer = f"{pointer}/content/application~1json/schema"
    return Draft202012Validator(
        {"$ref": f"{SPEC_URI}#{schema_pointer}"},
        registry=_REGISTRY,
        format_checker=FormatChecker(),
    )


def schema_of(name: str) -> dict[str, Any]:
    schema = SPEC["components"]["schemas"][name]
    assert isinstance(schema, dict)
    return schema


def checked(response: httpx.Response, operation_id: str, status: int = 200) -> Any:
    """Assert the status, the request-id header and that the body fits the spec; return it."""
    assert response.status_code == status, response.text
    assert response.headers.get("x-wix-request-id"), "every answer carries x-wix-request-id"
    body = response.json()
    errors = sorted(response_validator(operation_id, status).iter_errors(body), key=str)
    assert not errors, [e.message for e in errors]
    return body


def wix_error(response: httpx.Response, status: int) -> Any:
    """Assert a Wix error answer (checked against the spec's error schema); return the body."""
    assert response.status_code == status, response.text
    assert response.headers.get("x-wix-request-id")
    body = response.json()
    errors = list(response_validator("sendMessage", 400).iter_errors(body))
    assert not errors, [e.message for e in errors]
    assert isinstance(body.get("message"), str)
    assert "applicationError" in body["details"] or "validationError" in body["details"]
    return body


def app_code(response: httpx.Response, status: int) -> str:
    code = wix_error(response, status)["details"]["applicationError"]["code"]
    assert isinstance(code, str)
    return code


def violated_fields(response: httpx.Response) -> dict[str, str]:
    """``{field: violatedRule}`` of a 400 validation error."""
    body = wix_error(response, 400)
    violations = body["details"]["validationError"]["fieldViolations"]
    return {v["field"]: v["violatedRule"] for v in violations}


def api(mock: MockInbox, **headers: str) -> httpx.Client:
    """An httpx client calling the mock with its default API key and site."""
    base = {"Authorization": mock.api_key, "wix-site-id": mock.site_id}
    base.update(headers)
    return httpx.Client(base_url=mock.url, headers=base, timeout=5.0, verify=False)


def text_message(
    conversation_id: str,
    text: str = "Hello!",
    *,
    direction: str = "BUSINESS_TO_PARTICIPANT",
    visibility: str = "BUSINESS_AND_PARTICIPANT",
    **extra: Any,
) -> dict[str, Any]:
    """A sendMessage body with one basic text item."""
    return {
        "conversationId": conversation_id,
        "message": {
            "content": {"basic": {"items": [{"text": text}]}},
            "direction": direction,
            "visibility": visibility,
        },
        **extra,
    }


def list_params(
    conversation_id: str, visibility: str = "BUSINESS", /, **more: Any
) -> dict[str, Any]:
    return {"conversationId": conversation_id, "visibility": visibility, **more}


def dot_r(request: Mapping[str, Any]) -> str:
    """The ``.r`` query value: base64url JSON without padding."""
    raw = json.dumps(request, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
