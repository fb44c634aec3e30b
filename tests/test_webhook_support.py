"""Helpers shared by the ``test_webhook_*`` modules (this module holds no tests).

Real servers on 127.0.0.1 for the receivers: uvicorn for ASGI apps, wsgiref for WSGI apps, and
a scripted receiver whose answers (status, delay) a test sets in advance.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import uvicorn

from wix_inbox.testing import WebhookSigner

CONVERSATION = "6fd2b962-dd8f-382f-8d27-ae63f188c939"
OTHER_CONVERSATION = "0c3f2b8e-5d0a-4f6e-9d7b-2a1c4e8f9b30"
MEMBER = "5a0c4737-a2a0-4c37-a07e-d9fd87027023"
APP = "141fbfae-511e-6817-c9f0-48993a7547d1"
ACCOUNT = "2c1a1d3e-8b1f-4c7a-9a51-6f0d2b7e4c11"
# A distinctive text that must never show up in an error.
SECRET_TEXT = "s3cr3t-participant-text-7731"


def message_payload(
    text: str = SECRET_TEXT, message_id: str = "1700000000000001"
) -> dict[str, Any]:
    """A MessageSentToBusiness payload with REST field names, as Wix sends it."""
    return {
        "conversationId": CONVERSATION,
        "message": {
            "id": message_id,
            "content": {"previewText": text, "basic": {"items": [{"text": text}]}},
            "sender": {"memberId": MEMBER},
            "direction": "PARTICIPANT_TO_BUSINESS",
            "visibility": "BUSINESS_AND_PARTICIPANT",
            "sequence": message_id,
            "createdDate": "2026-11-21T10:15:30.123Z",
        },
    }


def button_payload() -> dict[str, Any]:
    return {
        "conversationId": CONVERSATION,
        "appId": APP,
        "interactionId": "talk-1001",
        "interactedBy": {"memberId": MEMBER},
    }


def merged_payload() -> dict[str, Any]:
    return {"oldConversationIds": [OTHER_CONVERSATION], "targetConversationId": CONVERSATION}


def sign_message(signer: WebhookSigner, **kwargs: Any) -> str:
    options: dict[str, Any] = {
        "event_id": "f368cc3d-be04-4704-b4b0-a659f9fcdd5f",
        "instance_id": "44114444-abca-45e3-9c87-c73a3320692e",
        "identity": {"identityType": "MEMBER", "memberId": MEMBER},
        "account_info": {"accountId": ACCOUNT},
    }
    options.update(kwargs)
    payload = options.pop("payload", None) or message_payload()
    return signer.sign_event("message_sent_to_business", payload, **options)


@contextmanager
def serve_asgi(app: Any, **options: Any) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on 127.0.0.1 (a free port); yields its base URL.

    ``options``: more ``uvicorn.Config`` options (e.g. ``timeout_graceful_shutdown``)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app,
        lifespan="off",
        log_config=None,
        access_log=False,
        loop="asyncio",
        ws="none",
        **options,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        assert thread.is_alive(), "uvicorn stopped"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


@contextmanager
def serve_wsgi(app: Any, *, threaded: bool = False) -> Iterator[str]:
    """Serve a WSGI app with wsgiref on 127.0.0.1 (a free port); yields its base URL.

    wsgiref answers one request at a time; ``threaded`` serves each in its own thread."""
    server: WSGIServer = make_server(
        "127.0.0.1",
        0,
        app,
        server_class=_ThreadingWSGIServer if threaded else WSGIServer,
        handler_class=_QuietHandler,
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


class ScriptedReceiver:
    """An ASGI receiver that records bodies and answers from a script.

    ``answers`` is consumed one per request: a status, or ``(status, delay_seconds)``; once it
    is empty every request gets 200. ``on_body`` (optional) runs on each body first (in a
    thread), e.g. to call the mock back."""

    def __init__(
        self,
        answers: list[int | tuple[int, float]] | None = None,
        on_body: Callable[[bytes], None] | None = None,
    ) -> None:
        self.answers = list(answers or [])
        self.on_body = on_body
        self.bodies: list[bytes] = []
        self.headers: list[Mapping[str, str]] = []
        self.methods: list[str] = []
        self._lock = threading.Lock()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        with self._lock:
            self.bodies.append(body)
            self.methods.append(scope["method"])
            self.headers.append({k.decode(): v.decode() for k, v in scope["headers"]})
            answer = self.answers.pop(0) if self.answers else 200
        status, delay = answer if isinstance(answer, tuple) else (answer, 0.0)
        if self.on_body is not None:
            await asyncio.to_thread(self.on_body, body)
        if delay:
            await asyncio.sleep(delay)
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def error_text(error: BaseException) -> str:
    """Everything an error shows: str, repr and args."""
    return "\n".join([str(error), repr(error), *(repr(a) for a in error.args)])


def forbidden_fragments(body: str, signer: WebhookSigner, *values: str) -> list[str]:
    """Pieces of a body, of the key pair and of claim values that must appear in no error."""
    pem_lines = [
        line
        for pem in (signer.key_pair.private_pem, signer.key_pair.public_pem)
        for line in pem.splitlines()
        if line and not line.startswith("-----")
    ]
    segments = [s for s in body.strip().split(".") if len(s) >= 8]
    return [f for f in (body.strip(), *segments, *pem_lines, *values) if len(f) >= 6]


def assert_clean(error: BaseException, fragments: list[str]) -> None:
    shown = error_text(error)
    for fragment in fragments:
        assert fragment not in shown, f"error text leaks {fragment[:20]}..."
