"""Thin ASGI and WSGI apps that receive Wix webhooks: verify, drop duplicates, call a handler.

They answer 200 (handled, or a duplicate of a handled event, which is not handed to the
handler), 400 (not a valid delivery; Wix's retries of it would fail the same way), 405 (not a
POST), 409 (a duplicate of an event whose handler is still running: Wix retries it later, so the
event is not lost if that handler fails), 411 (WSGI: no Content-Length), 413 (body too large)
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
from ._dedupe import AsyncEventStore, EventStore, SeenEvents, check_store
from ._errors import WebhookError
from ._events import WebhookEvent, event_id
from ._verify import WebhookVerifier

__all__ = ["ASGIApp", "WSGIApp", "asgi_app", "wsgi_app"]

logger = logging.getLogger("wix_inbox.webhooks")

DEFAULT_MAX_BODY_BYTES = 1024 * 1024
# What a duplicate of a running event is told: try again later (Wix retries on its own schedule
# whatever this says; a client that honours Retry-After waits a minute).
RETRY_AFTER_SECONDS = "60"

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
    409: "Conflict",
    411: "Length Required",
    413: "Payload Too Large",
    500: "Internal Server Error",
}
_BODY_REFUSALS = {
    400: b"bad_request: the Content-Length is not a whole number",
    411: b"Content-Length is required",
    413: b"body too large",
}
_IN_PROGRESS = b"in progress: the event is being handled; retry later"


def _is_async(handler: object) -> bool:
    return inspect.iscoroutinefunction(handler) or inspect.iscoroutinefunction(
        getattr(handler, "__call__", None)  # noqa: B004 - an object with an async __call__
    )


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


def _store(seen: object) -> Any:
    if seen is _NEW:
        return SeenEvents()
    if seen is not None:
        check_store(seen)
    return seen


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
    ids of events in progress and done: by default a :class:`SeenEvents` of this app; pass your
    own :class:`EventStore` / :class:`AsyncEventStore` to share it, or None to hand duplicates
    on. The id is marked done only when the handler returned; a handler that raises or is
    cancelled (server shutdown) has its mark discarded. A plain-function handler's thread cannot
    be cancelled: its mark is settled when the thread ends.
    """
    _check(verifier, handler, max_body_bytes)
    store = _store(seen)
    in_thread = not _is_async(handler)
    running: set[asyncio.Future[None]] = set()  # work that outlives a cancelled delivery

    async def call_store(method: str, eid: str) -> Any:
        result = getattr(store, method)(eid)
        return await result if inspect.isawaitable(result) else result

    async def run_handler(event: WebhookEvent) -> None:
        if not in_thread:
            await handler(event)  # type: ignore[misc]
            return
        result = await asyncio.to_thread(handler, event)
        if inspect.isawaitable(result):
            await result

    async def settle(event: WebhookEvent, eid: str | None) -> None:
        """Run the handler, then mark the id done, or discard it if the handler did not return."""
        try:
            await run_handler(event)
        except BaseException:
            if eid is not None:
                try:
                    await call_store("discard", eid)
                except Exception:
                    logger.exception("webhook event store failed to discard an event id")
            raise
        if eid is not None:
            # Shielded: a cancellation arriving while an async store marks the id done (a server
            # shutting down) must not leave it "in progress", or every retry would get 409.
            marking = asyncio.ensure_future(mark_done(eid))
            running.add(marking)
            marking.add_done_callback(running.discard)
            await asyncio.shield(marking)

    async def mark_done(eid: str) -> None:
        try:
            await call_store("done", eid)
        except Exception:  # handled all the same: answer 200, or Wix runs it again
            logger.exception("webhook event store failed to mark an event done")

    def cancelled_thread_ended(task: asyncio.Future[None]) -> None:
        running.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error(
                "webhook handler failed after its delivery was cancelled; Wix will deliver "
                "the event again",
                exc_info=task.exception(),
            )

    async def handle(event: WebhookEvent, eid: str | None) -> None:
        if not in_thread:
            await settle(event, eid)  # a cancellation reaches the handler and settle's except
            return
        task = asyncio.ensure_future(settle(event, eid))
        try:
            await asyncio.shield(task)
        except asyncio.CancelledError:
            if not task.done():  # the thread runs on: settle its mark when it ends
                running.add(task)
                task.add_done_callback(cancelled_thread_ended)
            raise

    async def duplicate(send: Send, eid: str) -> None:
        try:
            finished = bool(await call_store("is_done", eid))
        except Exception:
            logger.exception("webhook event store failed; answering the duplicate 409")
            finished = False
        if finished:
            await _asgi_answer(send, 200, b"duplicate")
        else:
            await _asgi_answer(
                send, 409, _IN_PROGRESS, [(b"retry-after", RETRY_AFTER_SECONDS.encode())]
            )

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
        if eid is not None:
            try:
                claimed = await call_store("add", eid)
            except Exception:
                logger.exception("webhook event store failed; Wix will deliver the event again")
                await _asgi_answer(send, 500, b"event store failed")
                return
            if not claimed:
                await duplicate(send, eid)
                return
        try:
            await handle(event, eid)
        except Exception:
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
    """A WSGI app that hands each verified event to ``handler`` once (see :func:`asgi_app`).

    ``handler`` must be a plain function: a coroutine function is refused with
    ``InvalidArgumentError`` (nothing would run it; serve it with :func:`asgi_app`). A request
    without Content-Length is read only when the server says its input ends
    (``wsgi.input_terminated``), else answered 411, so it cannot block the server.
    """
    _check(verifier, handler, max_body_bytes)
    if _is_async(handler):
        raise InvalidArgumentError(
            "wsgi_app needs a plain-function handler: a coroutine function would never run "
            "(serve it with asgi_app)"
        )
    store = _store(seen)

    def handle(event: WebhookEvent, eid: str | None) -> None:
        """Run the handler, then mark the id done, or discard it if the handler did not return."""
        try:
            handler(event)
        except BaseException:
            if eid is not None:
                try:
                    store.discard(eid)
                except Exception:
                    logger.exception("webhook event store failed to discard an event id")
            raise
        if eid is not None:
            try:
                store.done(eid)
            except Exception:  # handled all the same: answer 200, or Wix runs it again
                logger.exception("webhook event store failed to mark an event done")

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
        if isinstance(body, int):
            return answer(body, _BODY_REFUSALS[body])
        try:
            event = verifier.construct_event(body)
        except WebhookError as error:
            logger.warning("webhook refused: %s", error)
            return answer(400, f"{error.reason}: {error}".encode())
        eid = event_id(event) if store is not None else None
        if eid is not None:
            try:
                claimed = store.add(eid)
                finished = False if claimed else bool(store.is_done(eid))
            except Exception:
                logger.exception("webhook event store failed; Wix will deliver the event again")
                return answer(500, b"event store failed")
            if finished:
                return answer(200, b"duplicate")
            if not claimed:
                return answer(409, _IN_PROGRESS, [("Retry-After", RETRY_AFTER_SECONDS)])
        try:
            handle(event, eid)
        except Exception:
            logger.exception("webhook handler failed; Wix will deliver the event again")
            return answer(500, b"handler failed")
        return answer(200, b"ok")

    return app


def _wsgi_body(environ: dict[str, Any], limit: int) -> bytes | int:
    """The body, or the status to answer. PEP 3333: never read past CONTENT_LENGTH; read to the
    end only when the server marks the input terminated (a chunked request it decoded)."""
    stream = environ.get("wsgi.input")
    text = str(environ.get("CONTENT_LENGTH") or "").strip()
    if not text:
        if not environ.get("wsgi.input_terminated"):
            return 411
        body = b"" if stream is None else bytes(stream.read(limit + 1))
        return 413 if len(body) > limit else body
    try:
        length = int(text)
    except ValueError:
        return 400
    if length < 0:
        return 400
    if length > limit:
        return 413
    return b"" if stream is None or length == 0 else bytes(stream.read(length))
