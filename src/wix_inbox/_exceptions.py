"""The exceptions the client raises, and the mapping from an HTTP response to one of them.

Everything the client raises is a :class:`WixError`; httpx errors, ``KeyError`` or
``JSONDecodeError`` never reach the caller. Error text is built only from the response body and
status, never from request headers, so credentials cannot leak into ``str(error)``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import httpx

from ._retry import retry_after_seconds

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "ConversationNotFoundError",
    "FieldViolation",
    "InternalServerError",
    "InvalidArgumentError",
    "NotFoundError",
    "NotOwnedByBusinessError",
    "PermissionDeniedError",
    "PreconditionRequiredError",
    "RateLimitError",
    "UnexpectedResponseError",
    "WixError",
    "status_error_from_response",
]

REQUEST_ID_HEADER = "x-wix-request-id"


class WixError(Exception):
    """Base class of every error raised by wix_inbox.

    Every error pickles (a ``ProcessPoolExecutor`` worker can raise it to its parent): what is
    pickled is the error's own data (message, status, code, request id, field violations...),
    never the ``request`` / ``response`` objects, whose headers and bodies carry credentials.
    """

    # Attributes that hold httpx objects: kept in the process, left out of pickles.
    _UNPICKLED = ("request", "response")

    def __reduce__(self) -> tuple[Any, ...]:
        state = {k: v for k, v in self.__dict__.items() if k not in self._UNPICKLED}
        return (_restore_error, (type(self), self.args, state))

    def _redact(self, secrets: Iterable[str]) -> None:
        """Replace every occurrence of ``secrets`` in this error's text and data with ``***``
        (a hostile or careless server may echo a credential in its error body)."""
        forms = sorted(
            {form for secret in secrets if secret for form in _secret_forms(secret)},
            key=len,
            reverse=True,
        )
        if not forms:
            return
        self.args = tuple(_scrub(arg, forms) for arg in self.args)
        for name, value in list(self.__dict__.items()):
            if name not in self._UNPICKLED:
                self.__dict__[name] = _scrub(value, forms)


def _restore_error(cls: type[WixError], args: tuple[Any, ...], state: dict[str, Any]) -> WixError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    for name in cls._UNPICKLED:
        error.__dict__.setdefault(name, None)
    return error


def _secret_forms(secret: str) -> set[str]:
    """The ways a secret may show in text: as is, JSON-escaped, percent-encoded."""
    from urllib.parse import quote, quote_plus

    forms = {secret, json.dumps(secret)[1:-1], quote(secret, safe=""), quote_plus(secret)}
    return {form for form in forms if len(form) >= 4}  # never scrub tiny strings


def _scrub(value: Any, forms: list[str]) -> Any:
    if isinstance(value, str):
        for form in forms:
            if form in value:
                value = value.replace(form, "***")
        return value
    if isinstance(value, FieldViolation):
        return attrs.evolve(
            value,
            field=_scrub(value.field, forms),
            description=_scrub(value.description, forms),
            violated_rule=_scrub(value.violated_rule, forms),
            rule_name=_scrub(value.rule_name, forms),
            data=_scrub(dict(value.data), forms),
        )
    if isinstance(value, Mapping):
        return {_scrub(k, forms): _scrub(v, forms) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_scrub(item, forms) for item in value)
    return value


class InvalidArgumentError(WixError, ValueError):
    """An argument was rejected before anything was sent (bad id, limit, content...).

    ``field_violations`` names the request fields at fault when a spec limit was broken.
    """

    field_violations: list[FieldViolation]

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.field_violations = []


class APIConnectionError(WixError):
    """No usable HTTP response: the connection failed, broke, or the request timed out."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = _redacted_request(request)


class APITimeoutError(APIConnectionError):
    """The request timed out (connecting, writing, reading or waiting for a pooled connection),
    or one attempt took longer than its overall deadline (see the client's ``timeout``)."""


class ClientClosedError(WixError):
    """The client (or the ``http_client`` it uses) is closed, was closed while the call was
    under way, or cannot be used in this process or event loop. Make a new client."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnexpectedResponseError(WixError):
    """A 200 response whose body is not the documented JSON, or a server that misbehaves
    (for example by repeating a paging cursor)."""

    def __init__(self, message: str, *, response: httpx.Response | None = None) -> None:
        self.message = message
        self.response = _redacted_response(response) if response is not None else None
        self.request_id = response.headers.get(REQUEST_ID_HEADER) if response is not None else None
        super().__init__(_with_request_id(message, self.request_id))


@attrs.frozen
class FieldViolation:
    """One field of the request that failed one validation rule."""

    field: str
    description: str | None = None
    violated_rule: str | None = None
    rule_name: str | None = None
    data: Mapping[str, Any] = attrs.field(factory=dict)


class APIStatusError(WixError):
    """Wix answered with a status other than 200.

    ``code`` is the application error code (``CONVERSATION_NOT_FOUND``...), ``field_violations``
    the validation failures, ``request_id`` Wix's id of the request (quote it to Wix support).
    """

    status_code: int

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Mapping[str, Any] | None = None,
    ) -> None:
        self.response = _redacted_response(response)
        self.status_code = response.status_code
        self.request_id: str | None = response.headers.get(REQUEST_ID_HEADER)
        self.body: Mapping[str, Any] | None = body
        details = _as_dict(body.get("details")) if body else {}
        app_error = _as_dict(details.get("applicationError"))
        self.code: str | None = _as_str(app_error.get("code"))
        self.description: str | None = _as_str(app_error.get("description"))
        self.data: dict[str, Any] = _as_dict(app_error.get("data"))
        self.field_violations: list[FieldViolation] = _field_violations(details)
        self.message = message
        super().__init__(_with_request_id(f"{self.status_code} {message}", self.request_id))


class BadRequestError(APIStatusError):
    """400: the request is invalid; see ``field_violations``."""


class AuthenticationError(APIStatusError):
    """401: the credentials are missing, unknown or expired."""


class PermissionDeniedError(APIStatusError):
    """403: the credentials lack a permission this call needs."""


class NotFoundError(APIStatusError):
    """404: something the request refers to does not exist."""


class ConversationNotFoundError(NotFoundError):
    """404 ``CONVERSATION_NOT_FOUND``: no conversation has this id."""


class NotOwnedByBusinessError(NotFoundError):
    """404 ``NOT_OWNED_BY_BUSINESS``: the conversation belongs to another site."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the current state."""


class PreconditionRequiredError(APIStatusError):
    """428: a precondition of the call does not hold."""


class RateLimitError(APIStatusError):
    """429: too many requests. ``retry_after`` is the wait Wix asked for, in seconds."""

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message, response=response, body=body)
        self.retry_after: float | None = retry_after_seconds(response.headers)


class InternalServerError(APIStatusError):
    """5xx (any of them, 520 included): Wix failed."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    428: PreconditionRequiredError,
    429: RateLimitError,
}
_BY_CODE: dict[str, type[APIStatusError]] = {
    "CONVERSATION_NOT_FOUND": ConversationNotFoundError,
    "NOT_OWNED_BY_BUSINESS": NotOwnedByBusinessError,
}


def status_error_from_response(response: httpx.Response) -> APIStatusError:
    """Build the most specific error for a non-200 response; never raises itself."""
    body = _json_object(response.content)
    cls = _BY_STATUS.get(response.status_code)
    if cls is None:
        cls = InternalServerError if response.status_code >= 500 else APIStatusError
    code = _as_str(_as_dict(_as_dict(body.get("details")).get("applicationError")).get("code"))
    if code is not None:
        by_code = _BY_CODE.get(code)
        if by_code is not None and issubclass(by_code, cls):
            cls = by_code
    return cls(_message(response, body, code), response=response, body=body or None)


def _message(response: httpx.Response, body: Mapping[str, Any], code: str | None) -> str:
    text = _as_str(body.get("message"))
    if not text:
        text = response.reason_phrase or "error"
    return f"{text} ({code})" if code and code not in text else text


# Request headers that carry credentials: an error keeps the request without their values.
_CREDENTIAL_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})


def _redacted_request(request: httpx.Request | None) -> httpx.Request | None:
    """A copy of ``request`` without credentials (headers masked, body dropped: a token
    request's body holds the app secret)."""
    if request is None:
        return None
    return httpx.Request(request.method, request.url, headers=_redacted_headers(request.headers))


def _redacted_headers(headers: httpx.Headers) -> list[tuple[str, str]]:
    return [
        (name, "***" if name.lower() in _CREDENTIAL_HEADERS else value)
        for name, value in headers.multi_items()
    ]


def _redacted_response(response: httpx.Response) -> httpx.Response:
    """``response`` itself, its ``request`` replaced by a copy without credentials."""
    try:
        request = response.request
    except RuntimeError:  # a response built without a request
        return response
    response.request = httpx.Request(
        request.method, request.url, headers=_redacted_headers(request.headers)
    )
    return response


def _with_request_id(text: str, request_id: str | None) -> str:
    return f"{text} [request id: {request_id}]" if request_id else text


def _json_object(content: bytes) -> dict[str, Any]:
    if not content:
        return {}
    try:
        value = json.loads(content)
    except (ValueError, UnicodeDecodeError, RecursionError):  # nested past ~1000 levels
        return {}
    return value if isinstance(value, dict) else {}


def _as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _as_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _field_violations(details: Mapping[str, Any]) -> list[FieldViolation]:
    raw = _as_dict(details.get("validationError")).get("fieldViolations")
    if not isinstance(raw, list):
        return []
    return [
        FieldViolation(
            field=_as_str(item.get("field")) or "",
            description=_as_str(item.get("description")),
            violated_rule=_as_str(item.get("violatedRule")),
            rule_name=_as_str(item.get("ruleName")),
            data=_as_dict(item.get("data")),
        )
        for item in raw
        if isinstance(item, dict)
    ]
