"""Thin ASGI and WSGI apps that receive Wix webhooks: verify, drop duplicates, call a handler.

They answer 200 (handled, or a duplicate, which is not handed to the handler), 400 (not a valid
delivery; Wix's retries of it would fail the same way), 405 (not a POST), 413 (body too large)
and 500 (the handler raised: the event id is forgotten so Wix's retry is handled). Answer within
1250 ms or Wix counts the delivery as failed: do slow work after queuing it. No web framework is
imported: mount the app at any path of your framework, or serve it as it is.
"""

from __future__ import annotations

import asyncio
import enum
import inspect
import logging
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any, TypeAlias

from .._exceptions import InvalidArgumentError
from ._dedupe import AsyncEventStore, EventStore, SeenEvents
from ._errors import WebhookError
from ._events import WebhookEvent, event_id
from ._verify import WebhookVerifier

__all__ = ["ASGIApp", "WSGIApp", "asgi_app", "wsgi_app"]

logger = logging.getLogger("wix_inbox.webhooks")

DEFAULT_MAX_BODY_BYTES = 1024 * 1024

Scope: TypeAlias = MutableMapping[str, Any]
Message: TypeAlias = MutableMapping[str, Any]
Receive: TypeAlias = Callable[[], Awaitable[Message]]
Send: TypeAlias = Callable[[Message], Awaitable[None]]
ASGIApp: TypeAlias = Callable[[Scope, Receive, Send], Awaitable[None]]
StartResponse: TypeAlias = Callable[..., Any]
WSGIApp: TypeAlias = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

SyncHandler: TypeAlias = Callable[[WebhookEvent], object]
AsyncHandler: TypeAlias = Callable[[WebhookEvent], Awaitable[object]]


class _Default(enum.Enum):
    NEW_SEEN_EVENTS = "a new SeenEvents for this app"


_NEW = _Default.NEW_SEEN_EVENTS
_REASONS = {
    200: "OK",
    400: "Bad Request",
    405: "Method Not Allowed",
    413: "Payload Too Large",
    500: "Internal Server Error",
}


def _check(verifier: object, handler: object, max_body_bytes: int) -> None:
    if not isinstance(verifier, WebhookVerifier):
        raise InvalidArgumentError("verifier must be a wix_inbox.webhooks.WebhookVerifier")
    if not callable(handler):
        raise InvalidArgumentError("handler must be callable with the event")
    if (
        isinstance(max_body_bytes, bool)
        or not isinstance(max_body_bytes, int)
        or max_body_bytes < 1
    ):
        raise InvalidArgumentError("max_body_bytes must be a whole number of at least 1")


def asgi_app(
    verifier: WebhookVerifier,
    handler: SyncHandler | AsyncHandler,
    *,
    seen: EventStore | AsyncEventStore | _Default | None = _NEW,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> ASGIApp:
    """An ASGI app that hands each verified event to ``handler`` once.

    ``handler`` may be a coroutine function (awaited) or a plain function (run in a worker
    thread, so a blocking ``InboxClient`` call does not stall the server). ``seen`` keeps the
    ids of handled events: by default a :class:`SeenEvents` of this app; pass your own
    :class:`EventStore` / :class:`AsyncEventStore` to share it, or None to hand duplicates on.
    """
    _check(verifier, handler, max_body_bytes)
    store = SeenEvents() if seen is _NEW else seen

    async def call_store(method: str, eid: str) -> Any:
        result = getattr(store, method)(eid)
        return await result if inspect.isawaitable(result) else result

    async def run_handler(event: WebhookEvent) -> None:
        if inspect.iscoroutinefunction(handler) or inspect.iscoroutinefunction(
            getattr(handler, "__call__", None)  # noqa: B004 - an object with async __call__
        ):
            await handler(event)  # type: ignore[misc]
            return
        result = await asyncio.to_thread(handler, event)
        if inspect.isawaitable(result):
            await result

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        if scope.get("method") != "POST":
            await _asgi_answer(send, 405, b"only POST is accepted", [(b"allow", b"POST")])
            return
        body = await _asgi_body(receive, max_body_bytes)
        if body is None:
            await _asgi_answer(send, 413, b"body too large")
            return
        try:
            event = verifier.construct_event(body)
        except WebhookError as error:
            logger.warning("webhook refused: %s", error)
            await _asgi_answer(send, 400, f"{error.reason}: {error}".encode())
            return
        eid = event_id(event) if store is not None else None
        if eid is not None and not await call_store("add", eid):
            await _asgi_answer(send, 200, b"duplicate")
            return
        try:
            await run_handler(event)
        except Exception:
            if eid is not None:
                await call_store("discard", eid)
            logger.exception("webhook handler failed; Wix will deliver the event again")
            await _asgi_answer(send, 500, b"handler failed")
            return
        await _asgi_answer(send, 200, b"ok")

    return app


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


async def _asgi_body(receive: Receive, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _asgi_answer(
    send: Send, status: int, text: bytes, extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(text)).encode()),
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": text})


def wsgi_app(
    verifier: WebhookVerifier,
    handler: SyncHandler,
    *,
    seen: EventStore | _Default | None = _NEW,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> WSGIApp:
    """A WSGI app that hands each verified event to ``handler`` once (see :func:`asgi_app`)."""
    _check(verifier, handler, max_body_bytes)
    store = SeenEvents() if seen is _NEW else seen

    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        def answer(
            status: int, text: bytes, extra: list[tuple[str, str]] | None = None
        ) -> list[bytes]:
            headers = [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(text))),
                *(extra or []),
            ]
            start_response(f"{status} {_REASONS[status]}", headers)
            return [text]

        if environ.get("REQUEST_METHOD") != "POST":
            return answer(405, b"only POST is accepted", [("Allow", "POST")])
        body = _wsgi_body(environ, max_body_bytes)
        if body is None:
            return answer(413, b"body too large")
        try:
            event = verifier.construct_event(body)
        except WebhookError as error:
            logger.warning("webhook refused: %s", error)
            return answer(400, f"{error.reason}: {error}".encode())
        eid = event_id(event)
        if store is not None and eid is not None and not store.add(eid):
            return answer(200, b"duplicate")
        try:
            handler(event)
        except Exception:
            if store is not None and eid is not None:
                store.discard(eid)
            logger.exception("webhook handler failed; Wix will deliver the event again")
            return answer(500, b"handler failed")
        return answer(200, b"ok")

    return app


def _wsgi_body(environ: dict[str, Any], limit: int) -> bytes | None:
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    try:
        length = int(environ.get("CONTENT_LENGTH") or -1)
    except ValueError:
        length = -1
    if length > limit:
        return None
    if length >= 0:
        return bytes(stream.read(length))
    body = bytes(stream.read(limit + 1))  # no length given (chunked): read up to the limit
    return None if len(body) > limit else body
