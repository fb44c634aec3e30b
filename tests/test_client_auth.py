"""Authentication: API key headers, fixed access tokens, the app's OAuth token (fetched once,
reused, refreshed before it expires, fetched anew once after a 401), and secrets never shown
in reprs, logs or exception text."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import wix_inbox
import wix_inbox._auth
from test_client_support import (
    CONTACT,
    UNKNOWN_GUID,
    Canned,
    Clients,
    Surface,
    _ModuleProxy,
    assert_hidden,
    exception_texts,
    routed,
    scripted,
)
from wix_inbox import (
    AsyncInboxClient,
    AuthenticationError,
    InboxClient,
    InvalidArgumentError,
    PermissionDeniedError,
    UnexpectedResponseError,
    WixError,
)
from wix_inbox.testing import MockInbox


def _routes(mock: MockInbox) -> list[tuple[str | None, int | None]]:
    return [(r.route, r.status) for r in mock.requests]


class SentAuthorization:
    """Every Authorization header value the client sent (through ``http_client=``)."""

    def __init__(self) -> None:
        self.values: list[str] = []

    def __call__(self, request: httpx.Request) -> None:
        value = request.headers.get("authorization")
        if value is not None:
            self.values.append(value)


# ------------------------------------------------------------------------- API key, token


def test_api_key_and_site_id_are_sent_as_headers(clients: Clients, inbox: MockInbox) -> None:
    sent = SentAuthorization()
    surface = clients(http_client=clients.http_client(sent))

    surface.get_or_create(contact_id=CONTACT)

    assert sent.values == [inbox.api_key]
    (request,) = inbox.requests
    assert request.headers["wix-site-id"] == inbox.site_id
    assert "wix-account-id" not in request.headers


def test_account_id_is_sent_instead_of_a_site(clients: Clients, inbox: MockInbox) -> None:
    surface = clients(site_id=None, account_id=inbox.account_id)

    # The Inbox acts on a site: the mock (like Wix) refuses an account-level call.
    with pytest.raises(PermissionDeniedError):
        surface.get_or_create(contact_id=CONTACT)

    (request,) = inbox.requests
    assert request.headers["wix-account-id"] == inbox.account_id
    assert "wix-site-id" not in request.headers


def _issue_token(mock: MockInbox) -> str:
    body = {
        "grant_type": "client_credentials",
        "client_id": mock.app_id,
        "client_secret": mock.app_secret,
        "instance_id": mock.instance_id,
    }
    token = httpx.post(f"{mock.url}/oauth2/token", json=body, timeout=5).json()["access_token"]
    assert isinstance(token, str)
    mock.reset_requests()
    return token


def test_a_fixed_access_token_is_used_as_is_and_never_refreshed(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    token = _issue_token(inbox)
    sent = SentAuthorization()
    surface = clients.raw(
        access_token=token, base_url=inbox.url, http_client=clients.http_client(sent)
    )

    assert str(surface.get(conversation_id).id) == conversation_id
    inbox.expire_tokens()
    with pytest.raises(AuthenticationError):
        surface.get(conversation_id)

    assert sent.values == [token, token]
    assert _routes(inbox) == [("getConversation", 200), ("getConversation", 401)]
    assert "wix-site-id" not in inbox.requests[0].headers


# ----------------------------------------------------------------------------- app tokens


def test_the_app_token_is_fetched_once_and_reused(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    sent = SentAuthorization()
    app = clients.app(http_client=clients.http_client(sent))

    app.get(conversation_id)
    app.send(conversation_id, "one")
    app.list_page(conversation_id)
    app.get_or_create(contact_id=CONTACT)
    app.with_options(timeout=10, max_retries=0).get(conversation_id)  # the copy shares it

    token_requests = routed(inbox, "token")
    assert len(token_requests) == 1
    assert inbox.requests[0].route == "token"
    assert token_requests[0].body == {
        "grant_type": "client_credentials",
        "client_id": inbox.app_id,
        "client_secret": "***",  # the mock masks it in its log; it was right, or no token
        "instance_id": inbox.instance_id,
    }
    assert "authorization" not in token_requests[0].headers
    assert len(set(sent.values)) == 1  # one token on every call
    assert sent.values[0].startswith("OauthNG.")


def test_concurrent_first_calls_share_one_token_fetch(inbox: MockInbox) -> None:
    """Five calls started together on a fresh async app client need one token, not five."""
    import asyncio

    conversation_id = inbox.create_conversation()["id"]

    async def run() -> None:
        async with AsyncInboxClient.for_app(
            app_id=inbox.app_id,
            app_secret=inbox.app_secret,
            instance_id=inbox.instance_id,
            base_url=inbox.url,
        ) as client:
            await asyncio.gather(*(client.conversations.get(conversation_id) for _ in range(5)))

    asyncio.run(run())

    assert len(routed(inbox, "getConversation")) == 5
    assert len(routed(inbox, "token")) == 1


def test_a_401_fetches_a_new_token_once_and_retries(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    sent = SentAuthorization()
    app = clients.app(http_client=clients.http_client(sent))
    app.get(conversation_id)
    inbox.expire_tokens()

    message = app.send(conversation_id, "after expiry")

    assert _routes(inbox) == [
        ("token", 200),
        ("getConversation", 200),
        ("sendMessage", 401),  # the stale token; nothing stored
        ("token", 200),
        ("sendMessage", 200),
    ]
    assert [m["id"] for m in inbox.messages(conversation_id)] == [message.id]
    first, stale, fresh = sent.values
    assert first == stale != fresh


def test_a_401_that_persists_after_the_new_token_is_raised(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    app = clients.app()
    app.get(conversation_id)
    inbox.inject("getConversation", status=401, times=5)

    with pytest.raises(AuthenticationError):
        app.get(conversation_id)

    assert _routes(inbox) == [
        ("token", 200),
        ("getConversation", 200),
        ("getConversation", 401),
        ("token", 200),  # fetched anew once...
        ("getConversation", 401),  # ...and no more
    ]


def test_the_token_is_refreshed_before_it_expires(clients: Clients, inbox: MockInbox) -> None:
    """The mock's tokens live 1 s; the client refreshes at 0.9 s (a tenth of the lifetime
    early), so a call after 0.95 s uses a new token and never meets a 401."""
    with MockInbox(token_ttl=1) as short:
        conversation_id = short.create_conversation()["id"]
        app = clients.app(
            app_id=short.app_id,
            app_secret=short.app_secret,
            instance_id=short.instance_id,
            base_url=short.url,
        )
        app.get(conversation_id)
        app.get(conversation_id)
        time.sleep(0.95)
        app.get(conversation_id)

        assert _routes(short) == [
            ("token", 200),
            ("getConversation", 200),
            ("getConversation", 200),
            ("token", 200),
            ("getConversation", 200),
        ]


@pytest.mark.parametrize(
    ("ttl", "refresh_after"),
    [(14400, 14340.0), (100, 90.0)],
    ids=["4h-refresh-60s-early", "100s-refresh-10s-early"],
)
def test_refresh_time_follows_expires_in(
    clients: Clients,
    monkeypatch: pytest.MonkeyPatch,
    ttl: int,
    refresh_after: float,
) -> None:
    """With the client's clock moved forward: no refresh just before the refresh point, a
    refresh just after it, while the mock (on the real clock) still accepts the old token."""
    offset = [0.0]
    clock = _ModuleProxy(time, monotonic=lambda: time.monotonic() + offset[0])
    monkeypatch.setattr(wix_inbox._auth, "time", clock)
    with MockInbox(token_ttl=ttl) as mock:
        conversation_id = mock.create_conversation()["id"]
        app = clients.app(
            app_id=mock.app_id,
            app_secret=mock.app_secret,
            instance_id=mock.instance_id,
            base_url=mock.url,
        )
        app.get(conversation_id)
        offset[0] = refresh_after - 1.0
        app.get(conversation_id)
        assert len(routed(mock, "token")) == 1
        offset[0] = refresh_after + 1.0
        app.get(conversation_id)
        assert len(routed(mock, "token")) == 2
        assert all(r.status == 200 for r in mock.requests)


def test_a_failing_token_endpoint_is_retried(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    inbox.inject("token", status=503)
    inbox.inject("token", disconnect=True)
    app = clients.app()

    app.get(conversation_id)

    assert [r.status for r in routed(inbox, "token")] == [503, None, 200]


def test_wrong_app_credentials_are_an_authentication_error(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    app = clients.app(app_secret="not-the-secret")

    with pytest.raises(AuthenticationError) as caught:
        app.get(conversation_id)

    assert caught.value.code == "INVALID_CLIENT"
    assert _routes(inbox) == [("token", 401)]  # not retried, the call itself never sent


@pytest.mark.parametrize(
    "answer",
    [
        Canned(200, {"access_token": "t"}),
        Canned(200, {"access_token": "", "expires_in": 3600}),
        Canned(200, {"access_token": 5, "expires_in": 3600}),
        Canned(200, {"access_token": "t", "expires_in": "soon"}),
        Canned(200, {"access_token": "t", "expires_in": True}),
        Canned(200, b"access_token=t&expires_in=3600", {"content-type": "text/plain"}),
        Canned(200, b"[]"),
        Canned(200, {"access_token": "t", "expires_in": "\u00b2"}),
        Canned(200, b'{"access_token": "t", "expires_in": ' + b"9" * 400 + b"}"),
        Canned(200, {"access_token": "t", "expires_in": "9" * 400}),
        Canned(200, b'{"access_token": "t", "expires_in": NaN}'),
        Canned(200, {"access_token": "SECRET-TOKEN ", "expires_in": 3600}),
        Canned(200, {"access_token": "SECRET\u00e9TOKEN", "expires_in": 3600}),
        Canned(200, {"access_token": "SECRET\u000bTOKEN", "expires_in": 3600}),
        Canned(200, {"access_token": "t", "expires_in": -5}),
        Canned(200, {"access_token": "t", "expires_in": 0}),
    ],
    ids=[
        "no-expiry",
        "empty-token",
        "int-token",
        "word-expiry",
        "bool-expiry",
        "form",
        "list",
        "superscript-digit-expiry",
        "huge-int-expiry",
        "huge-text-expiry",
        "nan-expiry",
        "token-trailing-space",
        "token-non-ascii",
        "token-control-char",
        "negative-expiry",
        "zero-expiry",
    ],
)
def test_a_malformed_token_answer_is_unexpected(clients: Clients, answer: Canned) -> None:
    with scripted([answer]) as server:
        app = clients.app(base_url=server.url)
        with pytest.raises(UnexpectedResponseError) as caught:
            app.get(UNKNOWN_GUID)

    assert [s.path for s in server.requests] == ["/oauth2/token"]
    assert_hidden(exception_texts(caught.value), ["SECRET"])


# -------------------------------------------------------------------------------- secrets


def _session(surface: Surface, inbox: MockInbox, conversation_id: str) -> list[WixError]:
    """A session that fails and retries in every way; returns the errors it raised."""
    errors: list[WixError] = []
    inbox.inject("getConversation", status=503)
    inbox.inject("getConversation", delay=2.0)
    surface.get(conversation_id, timeout=0.2)
    inbox.inject("listMessages", disconnect=True)
    surface.list_page(conversation_id)
    inbox.inject("sendMessage", status=429, retry_after=1)
    surface.send(conversation_id, "hi")
    failing: list[tuple[dict[str, Any], Callable[[], object]]] = [
        ({"status": 500}, lambda: surface.send(conversation_id, "x")),
        ({"disconnect": True}, lambda: surface.send(conversation_id, "x")),
        ({"status": 401, "times": 2}, lambda: surface.send(conversation_id, "x")),
        ({"status": 403}, lambda: surface.send(conversation_id, "x")),
        ({"status": 429, "retry_after": 90}, lambda: surface.send(conversation_id, "x")),
        ({"status": 200, "body": "truncated"}, lambda: surface.send(conversation_id, "x")),
        ({"delay": 2.0}, lambda: surface.send(conversation_id, "x", timeout=0.2)),
    ]
    for fault, call in failing:
        inbox.inject("sendMessage", **fault)
        with pytest.raises(WixError) as caught:
            call()
        errors.append(caught.value)
        inbox.clear_faults()  # an app client uses only one of the two 401s
    for bad in (lambda: surface.get("../" + conversation_id), lambda: surface.send("x", "")):
        with pytest.raises(InvalidArgumentError) as refused:
            bad()
        errors.append(refused.value)
    with pytest.raises(WixError) as missing:
        surface.get(UNKNOWN_GUID)
    errors.append(missing.value)
    return errors


def test_secrets_never_show_in_logs_reprs_or_errors(
    clients: Clients,
    inbox: MockInbox,
    conversation_id: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: ours, httpx, httpcore
    sent = SentAuthorization()
    keyed = clients(http_client=clients.http_client(sent))
    app = clients.app(http_client=clients.http_client(sent))

    errors = _session(keyed, inbox, conversation_id)
    errors += _session(app, inbox, conversation_id)
    inbox.expire_tokens()
    app.get(conversation_id)  # 401, new token, retry
    wrong = clients.app(app_secret=inbox.app_secret + "-wrong")
    with pytest.raises(AuthenticationError) as refused:
        wrong.get(conversation_id)
    errors.append(refused.value)

    secrets = {inbox.api_key, inbox.app_secret, inbox.app_secret + "-wrong", *sent.values}
    # The API key and three app tokens (first, after the injected 401, after expiry) were
    # really sent, so the check below looks for values that did travel.
    assert inbox.api_key in sent.values
    assert len(set(sent.values)) == 4
    assert len(errors) == 21
    assert any("Retrying" in r.getMessage() for r in caplog.records)
    text = "\n".join(
        [
            caplog.text,
            *(record.getMessage() for record in caplog.records),
            *(exception_texts(error) for error in errors),
            repr(keyed.client),
            repr(app.client),
            repr(wrong.client),
            repr(keyed.client._core),
            repr(app.client._core),
            str(app.client._core.auth),
            repr(keyed.with_options(timeout=3).client),
        ]
    )
    assert_hidden(text, secrets)


def test_reprs_name_the_client_but_not_its_secrets() -> None:
    keyed = InboxClient(api_key="IST.super-secret-key", site_id=UNKNOWN_GUID)
    token = AsyncInboxClient(access_token="OauthNG.secret-token")
    app = InboxClient.for_app(
        app_id=UNKNOWN_GUID, app_secret="app-secret-value", instance_id=CONTACT
    )
    try:
        texts = [repr(keyed), repr(token), repr(app), str(keyed), str(app)]
        assert_hidden(
            "\n".join(texts), ["IST.super-secret-key", "OauthNG.secret-token", "app-secret-value"]
        )
        assert UNKNOWN_GUID in repr(keyed)  # the site is not a secret
        assert "https://www.wixapis.com" in repr(token)
        assert UNKNOWN_GUID in repr(app)
    finally:
        keyed.close()
        app.close()


@pytest.mark.parametrize(
    "make",
    [
        lambda: InboxClient(api_key="IST.secret\nInjected: yes", site_id=UNKNOWN_GUID),
        lambda: InboxClient(access_token="secret\r\nX: y"),
        lambda: InboxClient.for_app(
            app_id=UNKNOWN_GUID, app_secret="secret\x00", instance_id=UNKNOWN_GUID
        ),
    ],
    ids=["api-key", "access-token", "app-secret"],
)
def test_a_secret_with_a_line_break_is_refused_without_echoing_it(
    make: Callable[[], object],
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        make()

    shown = f"{caught.value}\n{caught.value!r}"
    assert "secret" not in shown.replace("app_secret", "")
    assert "Injected" not in shown and "X: y" not in shown


@pytest.mark.parametrize(
    "secret",
    [
        "IST.secret-key ",
        " IST.secret-key",
        "IST.secret-key\t",
        "IST.secret\x0bkey",
        "IST.secret\x01key",
        "IST.secret\x7fkey",
        "IST.s\u00e9cret-key",
        "IST.secret-key\ud800",
    ],
    ids=repr,
)
@pytest.mark.parametrize("cls", [InboxClient, AsyncInboxClient])
def test_a_secret_that_no_header_can_carry_is_refused_without_echoing_it(
    cls: type[InboxClient] | type[AsyncInboxClient], secret: str
) -> None:
    # Sent as it was, h11 refused it with "Illegal header value b'IST.secret-key '", and that
    # text went into the APIConnectionError; a non-ASCII one escaped as UnicodeEncodeError.
    makers: list[Callable[[], object]] = [
        lambda: cls(api_key=secret, site_id=UNKNOWN_GUID),
        lambda: cls(access_token=secret),
    ]
    for make in makers:
        with pytest.raises(InvalidArgumentError) as caught:
            make()
        assert_hidden(exception_texts(caught.value), ["secret-key", "secret\x0bkey", "s\u00e9cret"])


def test_an_app_secret_that_is_not_unicode_text_is_refused() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        InboxClient.for_app(
            app_id=UNKNOWN_GUID, app_secret="app-secret\ud800", instance_id=UNKNOWN_GUID
        )
    assert_hidden(exception_texts(caught.value), ["app-secret\ud800"])


def test_a_request_h11_cannot_write_does_not_quote_its_headers(clients: Clients) -> None:
    # A header value h11 refuses (here one the caller's own httpx client adds) makes h11 raise
    # LocalProtocolError quoting it; our headers carry credentials, so its text is never shown.
    def add_header(request: httpx.Request) -> None:
        request.headers["X-Extra"] = "IST.hidden-value "

    surface = clients(http_client=clients.http_client(add_header))

    with pytest.raises(wix_inbox.APIConnectionError) as caught:
        surface.get(UNKNOWN_GUID)

    assert "LocalProtocolError" in str(caught.value)
    assert_hidden(exception_texts(caught.value), ["IST.hidden-value"])
