"""The ASGI application of the mock (Starlette): routing, auth, validation, faults, logging."""

from __future__ import annotations

import asyncio
import binascii
import contextlib
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import parse_qsl

import attrs
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, Router
from starlette.types import Receive, Scope, Send

from .._jsontext import dumps_text
from .._openapi import FieldViolation
from ._core import (
    CODE_STATUS,
    InboxState,
    RequestLog,
    WixError,
    default_code,
    unb64url,
    wix_error_body,
)
from ._models import InjectedFault, RecordedRequest
from ._spec import Operation

__all__ = ["TRANSPORT_KEY", "MockApp"]

MAX_REQUEST_BODY = 4 * 1024 * 1024
"""Largest request body the mock reads (far above any body the spec allows); larger: 413."""

_log = logging.getLogger("wix_inbox.testing")

TRANSPORT_KEY = "wix_inbox_mock.transport"
"""Key of the connection's asyncio transport in the ASGI scope's ``state`` (see ``_server``)."""

_PROXY_PAGE = (
    "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
    "<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
_REASONS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Temporarily Unavailable",
    504: "Gateway Time-out",
}
# Top-level key of each route's success body, to fake a cut-off answer that was never produced.
_RESULT_KEYS = {
    "getConversation": "conversation",
    "getOrCreateConversation": "conversation",
    "listMessages": "messages",
    "sendMessage": "message",
    "token": "access_token",
}


@attrs.define
class _Answer:
    status: int
    body: Any
    headers: dict[str, str] = attrs.field(factory=dict)


def _request_id() -> str:
    return f"{time.time():.3f}.{secrets.randbelow(10**20):020d}"


def _dump(body: Any) -> bytes:
    # A lone surrogate ("\ud800", which a JavaScript string, and so Wix, can hold) is sent
    # escaped, as JSON.stringify writes it.
    return dumps_text(body, separators=(",", ":")).encode("utf-8")


def _set_path(target: dict[str, Any], dotted: str, value: Any) -> None:
    parts = dotted.split(".")
    node = target
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    node[parts[-1]] = value


_MISSING = object()


def _get_path(source: Mapping[str, Any], dotted: str) -> Any:
    node: Any = source
    for part in dotted.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return _MISSING
        node = node[part]
    return node


class MockApp:
    """ASGI app serving the spec's operations and ``POST /oauth2/token`` from an InboxState."""

    def __init__(self, state: InboxState, log: RequestLog) -> None:
        self.state = state
        self.log = log
        self.max_request_body = MAX_REQUEST_BODY
        self._closing: asyncio.Event | None = None
        self.router = Router(
            routes=[
                Route(
                    "/inbox/v2/conversations/{conversationId}",
                    _Endpoint(self, {"GET": "getConversation"}),
                ),
                Route(
                    "/inbox/v2/conversations", _Endpoint(self, {"POST": "getOrCreateConversation"})
                ),
                Route(
                    "/inbox/v2/messages",
                    _Endpoint(self, {"GET": "listMessages", "POST": "sendMessage"}),
                ),
                Route("/oauth2/token", _Endpoint(self, {"POST": "token"})),
            ],
            default=_Endpoint(self, {}),
            redirect_slashes=False,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":  # pragma: no cover - lifespan is off in our server
            return
        await self.router(scope, receive, send)

    def begin_shutdown(self) -> None:
        """Cut injected delays short (call on the server's loop)."""
        self._closing_event().set()

    def _closing_event(self) -> asyncio.Event:
        if self._closing is None:
            self._closing = asyncio.Event()
        return self._closing

    # -- one request --------------------------------------------------------------------------

    async def handle(
        self, scope: Scope, receive: Receive, send: Send, routes: Mapping[str, str]
    ) -> None:
        request = Request(scope, receive)
        headers = {k.lower(): v for k, v in request.headers.items()}
        raw_body = await _read_body(request, self.max_request_body)
        if raw_body is None:
            await self._too_large(scope, receive, send, request, routes)
            return
        route = routes.get(request.method)
        request_id = _request_id()
        parsed = _parse_json(raw_body)
        record = _Record(
            method=request.method,
            path=request.url.path,
            route=route,
            query=scope.get("query_string", b"").decode("latin-1"),
            body=parsed,
            headers=headers,
            request_id=request_id,
        )
        fault = self.state.take_fault(route) if route is not None else None
        answer: _Answer | None = None
        if fault is not None and not fault.after_processing:
            if fault.delay > 0 and not await self._pause(fault.delay, receive):
                self.log.add(record.finish(None))  # the client gave up while we waited
                return
            if fault.disconnect:
                self.log.add(record.finish(None))  # logged first: the client sees EOF at once
                await self._drop(scope, receive, send)
                return
            if fault.passthrough:
                answer = self._process(route, scope, headers, raw_body, parsed)
        else:
            answer = self._process(route, scope, headers, raw_body, parsed)
            if fault is not None:
                if fault.delay > 0:
                    await self._pause(fault.delay, receive)
                if fault.disconnect:
                    self.log.add(record.finish(None))
                    await self._drop(scope, receive, send)
                    return
        if fault is not None and not fault.passthrough:
            response = _fault_response(fault, answer, route or "")
        else:
            assert answer is not None
            if fault is not None:
                answer.headers.update(_retry_headers(fault))
            response = Response(
                _dump(answer.body),
                status_code=answer.status,
                headers=answer.headers,
                media_type="application/json",
            )
        response.headers["x-wix-request-id"] = request_id
        self.log.add(record.finish(response.status_code))
        await response(scope, receive, send)

    async def _too_large(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        request: Request,
        routes: Mapping[str, str],
    ) -> None:
        """413 in Wix's error shape; the connection is closed (the rest of the body is unread)."""
        request_id = _request_id()
        message = f"The request body is larger than {self.max_request_body} bytes"
        response = Response(
            _dump(wix_error_body(message, code="PAYLOAD_TOO_LARGE")),
            status_code=413,
            headers={"Connection": "close", "x-wix-request-id": request_id},
            media_type="application/json",
        )
        record = _Record(
            method=request.method,
            path=request.url.path,
            route=routes.get(request.method),
            query=scope.get("query_string", b"").decode("latin-1"),
            body=None,
            headers={k.lower(): v for k, v in request.headers.items()},
            request_id=request_id,
        )
        self.log.add(record.finish(413))
        await response(scope, receive, send)

    async def _pause(self, delay: float, receive: Receive) -> bool:
        """Sleep up to ``delay`` seconds; False when the client disconnected meanwhile."""
        gone = asyncio.ensure_future(_wait_disconnect(receive))
        closing = asyncio.ensure_future(self._closing_event().wait())
        done, pending = await asyncio.wait(
            {gone, closing}, timeout=delay, return_when=asyncio.FIRST_COMPLETED
        )
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        return gone not in done

    async def _drop(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Close the connection without sending any part of a response."""
        transport = scope.get("state", {}).get(TRANSPORT_KEY)
        if transport is None:  # pragma: no cover - served by a server other than ours
            raise RuntimeError("disconnect faults need the mock's own server (MockInbox)")
        transport.close()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(_wait_disconnect(receive), timeout=2.0)

    # -- processing ---------------------------------------------------------------------------

    def _process(
        self,
        route: str | None,
        scope: Scope,
        headers: Mapping[str, str],
        raw_body: bytes,
        parsed: Any,
    ) -> _Answer:
        try:
            if route is None:
                allowed = ", ".join(sorted(scope.get("wix_mock.allowed", ())))
                if allowed:  # a known path, another method
                    raise WixError(
                        405,
                        "Method Not Allowed",
                        code="METHOD_NOT_ALLOWED",
                        headers={"Allow": allowed},
                    )
                raise WixError(404, "Not Found", code="NOT_FOUND")
            if route == "token":
                if parsed is _NOT_TEXT:
                    raise WixError.invalid([FieldViolation("$body", _NOT_TEXT_TEXT, "FORMAT")])
                return _Answer(200, self.state.issue_token(_token_body(headers, raw_body, parsed)))
            caller = self.state.authenticate(headers)
            self.state.check_rate(caller.site.site_id)
            op = self.state.operation(route)
            if route == "getConversation":
                params = self._params(op, {}, scope.get("path_params", {}))
                wire = self.state.get_conversation(caller.site, params["conversationId"])
                return _Answer(200, {"conversation": wire})
            if route == "listMessages":
                # The spec's enum of this parameter leaves UNKNOWN_VISIBILITY out: refused there.
                request = self._params(op, _query_request(scope), {})
                return _Answer(200, self.state.list_messages(caller.site, request))
            body = self._body(op, raw_body, parsed)
            if route == "getOrCreateConversation":
                wire, created = self.state.get_or_create(caller.site, body["participantId"])
                return _Answer(200, {"conversation": wire, "newConversation": created})
            if route == "sendMessage":
                return _Answer(200, {"message": self.state.send_message(caller, body)})
            raise WixError(404, "Not Found", code="NOT_FOUND")  # pragma: no cover
        except WixError as error:
            return _Answer(error.status, error.body(), error.headers)
        except RecursionError:  # a structure nested deeper than the checks can walk
            return _invalid_answer("$body", "is nested too deeply")
        except Exception:  # a bug of the mock: still an answer in Wix's shape, not text/plain
            _log.exception("the mock failed on %s %s", scope.get("method"), scope.get("path"))
            return _Answer(500, wix_error_body("Internal error of the mock", code="INTERNAL"))

    def _params(
        self, op: Operation, request: dict[str, Any], path_params: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Coerce and validate query/path parameters; return the request as one dict."""
        spec = self.state.spec
        for name, given in (("path", path_params), ("query", request)):
            if not _is_text(given):  # nothing with it could be stored or answered
                raise WixError.invalid([FieldViolation(f"${name}", _NOT_TEXT_TEXT, "FORMAT")])
        violations: list[FieldViolation] = _not_objects(op, request)
        if violations:
            raise WixError.invalid(violations)
        for param in op.params:
            if param.location == "path":
                value: Any = path_params.get(param.name, _MISSING)
            elif param.location == "query":
                value = _get_path(request, param.name)
            else:
                continue
            if value is _MISSING or (value == "" and param.required):
                # An empty value of an optional parameter is checked like any other
                # (`paging.limit=` is not an integer), as the spec has no allowEmptyValue.
                if param.required:
                    violations.append(FieldViolation(param.name, "is required", "REQUIRED_FIELD"))
                continue
            # ValueError: 5,000 digits are no int for Python; left as is, refused as a type.
            with contextlib.suppress(ValueError, OverflowError):
                value = spec.coerce(value, param.schema)
            _set_path(request, param.name, value)
            violations.extend(spec.violations(param.validator, value, prefix=param.name))
        if violations:
            raise WixError.invalid(violations)
        return request

    def _body(self, op: Operation, raw_body: bytes, parsed: Any) -> dict[str, Any]:
        if raw_body.strip() and parsed is _INVALID:
            raise WixError.invalid(
                [
                    FieldViolation(
                        "$body",
                        f"the body is not valid JSON (or nested over {MAX_JSON_DEPTH} levels)",
                        "VALIDATION",
                    )
                ]
            )
        if parsed is _NOT_TEXT:
            raise WixError.invalid([FieldViolation("$body", _NOT_TEXT_TEXT, "FORMAT")])
        body = parsed if raw_body.strip() else {}
        if not isinstance(body, dict):
            raise WixError.invalid(
                [FieldViolation("$body", "the body must be a JSON object", "VALIDATION")]
            )
        return self._validated(op, body)

    def _validated(self, op: Operation, body: dict[str, Any]) -> dict[str, Any]:
        """The body without nulls and unknown fields, checked against the spec."""
        spec = self.state.spec
        body = {k: v for k, v in body.items() if v is not None}
        if op.operation_id == "sendMessage" and isinstance(body.get("message"), Mapping):
            body["message"] = self.state.clean_message(body["message"])
        if op.body_schema is not None:
            pruned = spec.prune(op.body_schema, body)
            assert isinstance(pruned, dict)
            body = pruned
        violations: list[FieldViolation] = []
        if op.body_validator is not None and op.body_schema is not None:
            violations = spec.violations(op.body_validator, body)
            violations += spec.extension_violations(op.body_schema, body)
        if violations:
            raise WixError.invalid(violations)
        return body

    def validate_message(self, conversation_id: str, message: Mapping[str, Any]) -> dict[str, Any]:
        """A message to seed, checked like a sent one; ValueError when invalid."""
        op = self.state.operation("sendMessage")
        try:
            body = self._validated(op, {"conversationId": conversation_id, "message": message})
        except WixError as error:
            problems = "; ".join(f"{v.field}: {v.description}" for v in error.violations or [])
            raise ValueError(f"invalid message: {problems or error.message}") from None
        result = body["message"]
        assert isinstance(result, dict)
        return result


class _Endpoint:
    """An ASGI endpoint of the router: dispatches on the method to a route name."""

    def __init__(self, app: MockApp, routes: Mapping[str, str]) -> None:
        self.app = app
        self.routes = dict(routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["wix_mock.allowed"] = tuple(self.routes)
        await self.app.handle(scope, receive, send, self.routes)


@attrs.define
class _Record:
    method: str
    path: str
    route: str | None
    query: str
    body: Any
    headers: Mapping[str, str]
    request_id: str

    def finish(self, status: int | None) -> RecordedRequest:
        query: dict[str, list[str]] = {}
        for key, value in parse_qsl(self.query, keep_blank_values=True):
            query.setdefault(key, []).append(value)
        headers = dict(self.headers)
        if "authorization" in headers:
            headers["authorization"] = "***"
        body = None if self.body is _INVALID or self.body is _NOT_TEXT else self.body
        if self.route == "token" and isinstance(body, dict) and "client_secret" in body:
            body = {**body, "client_secret": "***"}
        return RecordedRequest(
            method=self.method,
            path=self.path,
            route=self.route,
            query=query,
            body=body,
            headers=headers,
            status=status,
            request_id=self.request_id,
        )


_INVALID = object()
_NOT_TEXT = object()  # valid JSON, but with a string that is not Unicode text
_NOT_TEXT_TEXT = "has a string that is not valid Unicode text (a lone surrogate such as \\udc00)"
# Deeper JSON than any request of the API needs is refused, whatever the Python version: how
# deep json.loads and recursive checks can go differs between 3.11, 3.12 and 3.13.
MAX_JSON_DEPTH = 64


def _parse_json(raw: bytes) -> Any:
    if not raw.strip():
        return None
    try:
        parsed = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested too deep
        return _INVALID
    if _deeper_than(parsed, MAX_JSON_DEPTH):
        return _INVALID
    return parsed if _is_text(parsed) else _NOT_TEXT


def _is_text(value: Any) -> bool:
    """False when a string (key or value) anywhere in JSON-like ``value`` cannot be encoded
    as UTF-8: JSON's ``"\\udc00"`` escape and ``json.loads`` of bytes both let a lone surrogate
    through. Stored, such a message would break every answer that contains it."""
    stack = [value]
    while stack:  # a loop, not recursion: as deep as json.loads went
        node = stack.pop()
        if isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:
                return False
        elif isinstance(node, Mapping):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return True


async def _read_body(request: Request, limit: int) -> bytes | None:
    """The request body, or None when it is larger than ``limit`` bytes (not read further)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _invalid_answer(field: str, description: str) -> _Answer:
    error = WixError.invalid([FieldViolation(field, description, "VALIDATION")])
    return _Answer(error.status, error.body(), error.headers)


def _not_objects(op: Operation, request: Mapping[str, Any]) -> list[FieldViolation]:
    """Violations for the parents of dotted query parameters (``paging`` of ``paging.limit``)
    that were given but are not objects (``?paging=5``, or ``"paging": 5`` in ``.r``)."""
    found: dict[str, FieldViolation] = {}
    for param in op.params:
        if param.location != "query" or "." not in param.name:
            continue
        parts = param.name.split(".")
        node: Any = request
        for depth, part in enumerate(parts[:-1]):
            if not isinstance(node, Mapping) or part not in node:
                break
            node = node[part]
            if not isinstance(node, Mapping):
                prefix = ".".join(parts[: depth + 1])
                found.setdefault(prefix, FieldViolation(prefix, "must be an object", "VALIDATION"))
                break
    return list(found.values())


def _token_body(headers: Mapping[str, str], raw: bytes, parsed: Any) -> Any:
    if headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return dict(parse_qsl(raw.decode("utf-8", "replace")))
    return None if parsed is _INVALID or parsed is _NOT_TEXT else parsed


def _query_request(scope: Scope) -> dict[str, Any]:
    """The list request from either query encoding: dotted keys, or ``.r`` = base64url JSON."""
    grouped: dict[str, list[str]] = {}
    query = scope.get("query_string", b"").decode("latin-1")
    for key, value in parse_qsl(query, keep_blank_values=True):
        grouped.setdefault(key, []).append(value)
    request: dict[str, Any] = {}
    if ".r" in grouped:
        encoded = grouped.pop(".r")[-1]
        try:
            decoded = json.loads(unb64url(encoded))
        except (ValueError, binascii.Error, UnicodeDecodeError, RecursionError):
            decoded = None
        if not isinstance(decoded, dict):
            raise WixError.invalid(
                [FieldViolation(".r", "must be base64url-encoded JSON of the request", "FORMAT")]
            )
        if _deeper_than(decoded, _MAX_QUERY_DEPTH):
            # Refused whatever the interpreter's recursion limits (3.11 happened to fail on
            # such a request in _strip_nulls, 3.12 does not): the request has 3 levels.
            raise WixError.invalid([FieldViolation(".r", "is nested too deeply", "VALIDATION")])
        request = _strip_nulls(decoded)
    for key, values in grouped.items():
        if key:
            _set_path(request, key, values[0] if len(values) == 1 else values)
    return request


_MAX_QUERY_DEPTH = 32


def _deeper_than(value: Any, limit: int) -> bool:
    """True when JSON-like ``value`` nests objects or arrays more than ``limit`` deep."""
    stack = [(value, 0)]
    while stack:  # a loop, not recursion
        node, depth = stack.pop()
        if isinstance(node, Mapping | list):
            if depth >= limit:
                return True
            stack.extend(
                (item, depth + 1) for item in (node.values() if isinstance(node, Mapping) else node)
            )
    return False


def _strip_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_nulls(v) for k, v in value.items() if v is not None}
    return value


async def _wait_disconnect(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


def _retry_headers(fault: InjectedFault) -> dict[str, str]:
    headers: dict[str, str] = {}
    if fault.retry_after is not None:
        headers["Retry-After"] = str(fault.retry_after)
    if fault.retry_after_ms is not None:
        headers["retry-after-ms"] = str(fault.retry_after_ms)
    return headers


def _fault_response(fault: InjectedFault, answer: _Answer | None, route: str) -> Response:
    headers = _retry_headers(fault)
    if fault.body == "html":
        status = fault.status or 502
        page = _PROXY_PAGE.format(status=status, reason=_REASONS.get(status, "Error"))
        return Response(page.encode(), status_code=status, headers=headers, media_type="text/html")
    if fault.body in ("empty", "truncated"):
        if fault.status is not None:
            status = fault.status
        elif fault.code is not None:
            status = CODE_STATUS.get(fault.code, 500)
        else:
            status = answer.status if answer is not None else 200
        if fault.body == "empty":
            return Response(b"", status_code=status, headers=headers)
        if answer is not None and answer.status == status:
            full = _dump(answer.body)
        elif status >= 400:
            full = _dump(_error_body(fault, status))
        else:
            full = _dump({_RESULT_KEYS.get(route, "result"): {"id": "0" * 16, "cut": "x" * 64}})
        return Response(
            full[: max(1, len(full) // 2)],
            status_code=status,
            headers=headers,
            media_type="application/json",
        )
    status = fault.status or (CODE_STATUS.get(fault.code, 500) if fault.code else 500)
    return Response(
        _dump(_error_body(fault, status)),
        status_code=status,
        headers=headers,
        media_type="application/json",
    )


def _error_body(fault: InjectedFault, status: int) -> dict[str, Any]:
    code = fault.code or default_code(status)
    message = fault.message or f"Injected fault: {code}"
    return wix_error_body(message, code=code)


Handler = Callable[[Scope, Receive, Send], Awaitable[None]]
