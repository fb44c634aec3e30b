"""Request logging, switched on from the environment: ``WIX_INBOX_LOG=info`` or ``debug``.

Like openai-python's ``OPENAI_LOG``: when the variable is set, the ``wix_inbox`` logger gets
that level and (unless it already has handlers) a handler writing to stderr. Each HTTP
exchange is then logged once, from the request loop that both clients share:

    INFO  GET /inbox/v2/messages -> 200 (request id 1b3c..., 0.084 s)
    DEBUG the same, plus the query string and the request headers, credentials redacted

Without the variable nothing is configured: the records still go to the ``wix_inbox`` logger,
at INFO and DEBUG, for an application's own logging setup to pick up. Bodies are never
logged (a token answer carries an access token), and the headers that carry credentials are
replaced by ``<redacted>``.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
import warnings
from collections.abc import Generator
from typing import Any, Protocol, TypeVar

import httpx

__all__ = ["ENV_VAR", "configure", "traced"]

ENV_VAR = "WIX_INBOX_LOG"
LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
# Headers whose values are credentials (an API key or an access token, or could be).
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
REDACTED = "<redacted>"
# What a request id is logged as at most (Wix's are UUID-like).
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,100}")

log = logging.getLogger("wix_inbox")


class _Sends(Protocol):
    @property
    def request(self) -> httpx.Request: ...


A = TypeVar("A", bound=_Sends)


def traced(action: A, auth: object = None) -> Generator[A, Any, Any]:
    """Yield ``action`` (a Send) and log the exchange it comes back with; returns the outcome.

    Used as ``outcome = yield from traced(Send(request), auth)`` in the request loop, so one
    line logs for the sync and the async driver alike. ``auth``'s credentials are never
    logged, even if the server echoes one back as its request id.
    """
    started = time.monotonic()
    outcome = yield action
    if log.isEnabledFor(logging.INFO):
        _log_exchange(action.request, outcome, time.monotonic() - started, auth)
    return outcome


def _log_exchange(request: httpx.Request, outcome: Any, elapsed: float, auth: object) -> None:
    where = f"{request.method} {request.url.path}"
    if isinstance(outcome, httpx.Response):
        request_id = _shown_request_id(outcome.headers.get("x-wix-request-id"), request, auth)
        log.info(
            "%s -> %d (request id %s, %.3f s)", where, outcome.status_code, request_id, elapsed
        )
    else:
        log.info("%s -> no response: %s (%.3f s)", where, type(outcome).__name__, elapsed)
    if log.isEnabledFor(logging.DEBUG):
        query = request.url.query.decode("ascii", "replace")
        log.debug("%s query: %s; headers: %s", where, query or "-", redacted(request.headers))


def _shown_request_id(value: str | None, request: httpx.Request, auth: object) -> str:
    """The server's request id as logged: short and of id characters only (a log line is no
    place for what a hostile server chooses to write), and never a credential or part of one
    (the client's, or one in the request's headers) echoed back."""
    if value is None:
        return "none"
    if not _REQUEST_ID.fullmatch(value):
        return "<not shown: not an id>"
    from ._auth import secrets_of

    secrets = secrets_of(auth) + [
        part
        for name, sent in request.headers.items()
        if name.lower() in SECRET_HEADERS
        for part in sent.split()
    ]
    for secret in secrets:
        if secret and (secret in value or (len(value) >= 8 and value in secret)):
            return REDACTED
    return value


def redacted(headers: httpx.Headers) -> dict[str, str]:
    """``headers`` as a dict, with the values of credential headers replaced."""
    return {
        name: REDACTED if name.lower() in SECRET_HEADERS else value
        for name, value in headers.items()
    }


def configure(value: str | None = None) -> None:
    """Apply ``WIX_INBOX_LOG`` (or ``value``): set the logger's level, add a stderr handler."""
    if value is None:
        value = os.environ.get(ENV_VAR)
    if not value:
        return
    level = LEVELS.get(value.strip().lower())
    if level is None:
        warnings.warn(
            f"{ENV_VAR}={value!r} is not one of {', '.join(LEVELS)}; ignored",
            RuntimeWarning,
            stacklevel=2,
        )
        return
    log.setLevel(level)
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)


configure()
