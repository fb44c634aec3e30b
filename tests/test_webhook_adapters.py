"""The ASGI and WSGI adapters, served for real on 127.0.0.1 (uvicorn, wsgiref)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import httpx
import pytest

from test_webhook_support import SECRET_TEXT, serve_asgi, serve_wsgi, sign_message
from wix_inbox import InvalidArgumentError, webhooks
from wix_inbox.testing import WebhookKeyPair, WebhookSigner

Serve = Callable[..., AbstractContextManager[str]]


@pytest.fixture(scope="module")
def signer(wix_webhook_keys: WebhookKeyPair) -> WebhookSigner:
    return WebhookSigner(wix_webhook_keys)


@pytest.fixture(scope="module")
def verifier(signer: WebhookSigner) -> webhooks.WebhookVerifier:
    return webhooks.WebhookVerifier(public_key=signer.public_key)


class Handler:
    """Records the events it gets; fails the first ``fail`` calls."""

    def __init__(self, fail: int = 0) -> None:
        self.events: list[webhooks.WebhookEvent] = []
        self.fail = fail
        self.lock = threading.Lock()

    def __call__(self, event: webhooks.WebhookEvent) -> None:
        with self.lock:
            self.events.append(event)
            if self.fail:
                self.fail -= 1
                raise RuntimeError("the handler's database is down")


def _serve_asgi(
    verifier: webhooks.WebhookVerifier, handler: Any, **kw: Any
) -> AbstractContextManager[str]:
    return serve_asgi(webhooks.asgi_app(verifier, handler, **kw))


def _serve_wsgi(
    verifier: webhooks.WebhookVerifier, handler: Any, **kw: Any
) -> AbstractContextManager[str]:
    return serve_wsgi(webhooks.wsgi_app(verifier, handler, **kw))


@pytest.fixture(params=["asgi", "wsgi"])
def serve(request: pytest.FixtureRequest) -> Serve:
    return _serve_asgi if request.param == "asgi" else _serve_wsgi


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10.0, trust_env=False) as client:
        yield client


def test_event_is_handled_once_and_a_duplicate_gets_200_without_the_handler(
    serve: Serve, verifier: webhooks.WebhookVerifier, signer: WebhookSigner, http: httpx.Client
) -> None:
    handler = Handler()
    body = sign_message(signer)
    with serve(verifier, handler) as url:
        first = http.post(
            url + "/wix/webhooks", content=body, headers={"content-type": "text/plain"}
        )
        again = http.post(url + "/wix/webhooks", content=body)
        resigned = http.post(url, content=sign_message(signer))  # a retry re-signed: same id
        other = http.post(url, content=sign_message(signer, event_id="another-event"))
    assert [r.status_code for r in (first, again, resigned, other)] == [200, 200, 200, 200]
    assert again.text == "duplicate" and resigned.text == "duplicate"
    assert [webhooks.event_id(e) for e in handler.events] == [
        "f368cc3d-be04-4704-b4b0-a659f9fcdd5f",
        "another-event",
    ]
    assert isinstance(handler.events[0], webhooks.MessageSentToBusinessEvent)


def test_not_post_is_405(
    serve: Serve, verifier: webhooks.WebhookVerifier, http: httpx.Client
) -> None:
    handler = Handler()
    with serve(verifier, handler) as url:
        for method in ("GET", "PUT", "DELETE"):
            response = http.request(method, url)
            assert response.status_code == 405
            assert response.headers["allow"] == "POST"
    assert handler.events == []


def test_invalid_body_is_400_with_a_reason_and_no_body_text(
    serve: Serve, verifier: webhooks.WebhookVerifier, signer: WebhookSigner, http: httpx.Client
) -> None:
    handler = Handler()
    other = WebhookSigner(WebhookKeyPair.generate())
    forged = sign_message(other)
    not_json = signer.sign_claims({"data": "{" + SECRET_TEXT})
    with serve(verifier, handler) as url:
        answers = [http.post(url, content=body) for body in (forged, "hello", not_json, b"")]
    assert [r.status_code for r in answers] == [400, 400, 400, 400]
    assert answers[0].text.startswith("bad_signature:")
    assert answers[2].text.startswith("bad_json:")
    for response in answers:
        assert SECRET_TEXT not in response.text and forged.split(".")[1] not in response.text
    assert handler.events == []


def test_handler_failure_is_500_and_the_retry_is_handled(
    serve: Serve, verifier: webhooks.WebhookVerifier, signer: WebhookSigner, http: httpx.Client
) -> None:
    handler = Handler(fail=1)
    body = sign_message(signer)
    with serve(verifier, handler) as url:
        failed = http.post(url, content=body)
        retried = http.post(url, content=body)
        duplicate = http.post(url, content=body)
    assert (failed.status_code, retried.status_code, duplicate.status_code) == (500, 200, 200)
    assert (retried.text, duplicate.text) == ("ok", "duplicate")
    assert len(handler.events) == 2  # the failed call and the retry; not the duplicate


def test_seen_none_hands_duplicates_on_and_a_custom_store_is_used(
    serve: Serve, verifier: webhooks.WebhookVerifier, signer: WebhookSigner, http: httpx.Client
) -> None:
    body = sign_message(signer)
    handler = Handler()
    with serve(verifier, handler, seen=None) as url:
        assert [http.post(url, content=body).status_code for _ in range(2)] == [200, 200]
    assert len(handler.events) == 2

    class Store:
        def __init__(self) -> None:
            self.ids: set[str] = set()
            self.calls: list[str] = []

        def add(self, event_id: str) -> bool:
            self.calls.append(f"add {event_id}")
            new = event_id not in self.ids
            self.ids.add(event_id)
            return new

        def discard(self, event_id: str) -> None:
            self.calls.append(f"discard {event_id}")
            self.ids.discard(event_id)

    store = Store()
    assert isinstance(store, webhooks.EventStore)
    handler = Handler(fail=1)
    with serve(verifier, handler, seen=store) as url:
        codes = [http.post(url, content=body).status_code for _ in range(3)]
    assert codes == [500, 200, 200]
    event = "f368cc3d-be04-4704-b4b0-a659f9fcdd5f"
    assert store.calls == [f"add {event}", f"discard {event}", f"add {event}", f"add {event}"]


def test_body_over_the_limit_is_413(
    serve: Serve, verifier: webhooks.WebhookVerifier, signer: WebhookSigner, http: httpx.Client
) -> None:
    handler = Handler()
    with serve(verifier, handler, max_body_bytes=100) as url:
        assert http.post(url, content=sign_message(signer)).status_code == 413
    assert handler.events == []


def test_asgi_async_handler_and_async_store(
    verifier: webhooks.WebhookVerifier, signer: WebhookSigner, http: httpx.Client
) -> None:
    got: list[str | None] = []

    async def handler(event: webhooks.WebhookEvent) -> None:
        got.append(webhooks.event_id(event))

    class AsyncStore:
        def __init__(self) -> None:
            self.ids: set[str] = set()

        async def add(self, event_id: str) -> bool:
            new = event_id not in self.ids
            self.ids.add(event_id)
            return new

        async def discard(self, event_id: str) -> None:
            self.ids.discard(event_id)

    body = sign_message(signer)
    with serve_asgi(webhooks.asgi_app(verifier, handler, seen=AsyncStore())) as url:
        assert [http.post(url, content=body).text for _ in range(2)] == ["ok", "duplicate"]
    assert got == ["f368cc3d-be04-4704-b4b0-a659f9fcdd5f"]


def test_adapters_check_their_arguments(verifier: webhooks.WebhookVerifier) -> None:
    makers: list[Any] = [webhooks.asgi_app, webhooks.wsgi_app]
    for make in makers:
        with pytest.raises(InvalidArgumentError):
            make("not a verifier", Handler())
        with pytest.raises(InvalidArgumentError):
            make(verifier, "not callable")
        with pytest.raises(InvalidArgumentError):
            make(verifier, Handler(), max_body_bytes=0)
