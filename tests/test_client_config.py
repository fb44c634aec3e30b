"""Making a client: arguments, environment variables, defaults, ``with_options``, timeouts,
context managers and ownership of the connection pool."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from test_client_support import CONTACT, SITE_GUID, UNKNOWN_GUID, Canned, Clients, scripted
from wix_inbox import (
    DEFAULT_BASE_URL,
    DEFAULT_TIMEOUT,
    AsyncInboxClient,
    InboxClient,
    InvalidArgumentError,
    PermissionDeniedError,
)
from wix_inbox.testing import MockInbox

WIX_ENV = ("WIX_API_KEY", "WIX_SITE_ID", "WIX_ACCOUNT_ID", "WIX_BASE_URL")


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """No WIX_* variable from the machine running the tests leaks in."""
    for name in WIX_ENV:
        monkeypatch.delenv(name, raising=False)
    yield monkeypatch


# ---------------------------------------------------------------------------- base_url


@pytest.mark.parametrize("client_class", [InboxClient, AsyncInboxClient])
def test_a_base_url_with_a_password_is_refused_without_echoing_it(
    client_class: type[InboxClient] | type[AsyncInboxClient], clean_env: pytest.MonkeyPatch
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        client_class(api_key="k", site_id=SITE_GUID, base_url="https://me:hunter2@example.com")

    assert "hunter2" not in str(caught.value)
    assert "password" in str(caught.value)


@pytest.mark.parametrize("bad", ["\ud800", "http://\ud800.example.com"])
def test_a_base_url_that_is_not_valid_unicode_is_an_invalid_argument(
    bad: str, clean_env: pytest.MonkeyPatch
) -> None:
    with pytest.raises(InvalidArgumentError, match="base_url"):
        InboxClient(api_key="k", site_id=SITE_GUID, base_url=bad)


# ---------------------------------------------------------------------------- environment


def test_credentials_and_address_come_from_the_environment(
    clients: Clients, inbox: MockInbox, clean_env: pytest.MonkeyPatch
) -> None:
    clean_env.setenv("WIX_API_KEY", inbox.api_key)
    clean_env.setenv("WIX_SITE_ID", inbox.site_id)
    clean_env.setenv("WIX_BASE_URL", inbox.url)

    surface = clients.raw()
    result = surface.get_or_create(contact_id=CONTACT)

    assert result.created is True
    assert surface.client.base_url == inbox.url
    (request,) = inbox.requests
    assert request.headers["wix-site-id"] == inbox.site_id


def test_account_id_comes_from_the_environment(
    clients: Clients, inbox: MockInbox, clean_env: pytest.MonkeyPatch
) -> None:
    clean_env.setenv("WIX_API_KEY", inbox.api_key)
    clean_env.setenv("WIX_ACCOUNT_ID", inbox.account_id)
    clean_env.setenv("WIX_BASE_URL", inbox.url)

    with pytest.raises(PermissionDeniedError):
        clients.raw().get_or_create(contact_id=CONTACT)

    (request,) = inbox.requests
    assert request.headers["wix-account-id"] == inbox.account_id
    assert "wix-site-id" not in request.headers


def test_arguments_win_over_the_environment(
    clients: Clients, inbox: MockInbox, clean_env: pytest.MonkeyPatch
) -> None:
    clean_env.setenv("WIX_API_KEY", "IST.from-the-environment")
    clean_env.setenv("WIX_SITE_ID", SITE_GUID)
    clean_env.setenv("WIX_BASE_URL", "http://127.0.0.1:9")

    surface = clients.raw(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url)
    surface.get_or_create(contact_id=CONTACT)

    assert inbox.requests[0].headers["wix-site-id"] == inbox.site_id


def test_site_id_from_the_environment_completes_an_api_key_argument(
    clients: Clients, inbox: MockInbox, clean_env: pytest.MonkeyPatch
) -> None:
    clean_env.setenv("WIX_SITE_ID", inbox.site_id)

    surface = clients.raw(api_key=inbox.api_key, base_url=inbox.url)
    surface.get_or_create(contact_id=CONTACT)

    assert inbox.requests[0].headers["wix-site-id"] == inbox.site_id


def test_an_access_token_ignores_an_api_key_in_the_environment(
    clean_env: pytest.MonkeyPatch,
) -> None:
    clean_env.setenv("WIX_API_KEY", "IST.from-the-environment")
    clean_env.setenv("WIX_SITE_ID", SITE_GUID)

    with InboxClient(access_token="OauthNG.token") as client:
        assert "AccessTokenAuth" in repr(client)


def test_default_address_timeout_and_retries(clean_env: pytest.MonkeyPatch) -> None:
    with InboxClient(api_key="IST.k", site_id=SITE_GUID) as client:
        assert client.base_url == DEFAULT_BASE_URL == "https://www.wixapis.com"
        assert client._core.timeout == DEFAULT_TIMEOUT
        assert (DEFAULT_TIMEOUT.connect, DEFAULT_TIMEOUT.read) == (5.0, 30.0)
        assert (DEFAULT_TIMEOUT.write, DEFAULT_TIMEOUT.pool) == (30.0, 30.0)
        assert client._core.retry.max_retries == 2
        assert (client._core.retry.initial_delay, client._core.retry.max_delay) == (0.5, 8.0)
        assert client._core.retry.max_retry_after == 60.0
        assert client._http.follow_redirects is False


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"api_key": "IST.k"},
        {"site_id": SITE_GUID},
        {"api_key": "IST.k", "site_id": SITE_GUID, "account_id": SITE_GUID},
        {"api_key": "IST.k", "access_token": "t", "site_id": SITE_GUID},
        {"api_key": "", "site_id": SITE_GUID},
        {"api_key": "IST.k", "site_id": "../x"},
        {"api_key": "IST.k", "account_id": "a/b?c"},
        {"access_token": " "},
        {"access_token": "t", "base_url": "ftp://example.com"},
        {"access_token": "t", "base_url": "not a url"},
        {"access_token": "t", "base_url": "http://"},
        {"access_token": "t", "timeout": 0},
        {"access_token": "t", "timeout": -1.5},
        {"access_token": "t", "timeout": "30"},
        {"access_token": "t", "timeout": float("nan")},
        {"access_token": "t", "timeout": float("inf")},
        {"access_token": "t", "timeout": httpx.Timeout(-1.0)},
        {"access_token": "t", "max_retries": -1},
        {"access_token": "t", "max_retries": True},
        {"access_token": "t", "max_retries": 1.5},
    ],
    ids=repr,
)
@pytest.mark.parametrize("cls", [InboxClient, AsyncInboxClient])
def test_bad_construction_arguments_are_refused(
    clean_env: pytest.MonkeyPatch,
    cls: type[InboxClient] | type[AsyncInboxClient],
    kwargs: dict[str, Any],
) -> None:
    with pytest.raises(InvalidArgumentError):
        cls(**kwargs)


@pytest.mark.parametrize("cls", [InboxClient, AsyncInboxClient])
def test_an_http_client_of_the_wrong_kind_is_refused(
    clean_env: pytest.MonkeyPatch, cls: type[InboxClient] | type[AsyncInboxClient]
) -> None:
    # Accepted as it was, the first call raised AttributeError / TypeError.
    other = httpx.AsyncClient() if cls is InboxClient else httpx.Client()
    for wrong in (5, "http://127.0.0.1", other):
        with pytest.raises(InvalidArgumentError, match="http_client"):
            cls(access_token="t", http_client=wrong)  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match="http_client"):
            cls.for_app(
                app_id=UNKNOWN_GUID,
                app_secret="s",
                instance_id=CONTACT,
                http_client=wrong,  # type: ignore[arg-type]
            )
    if isinstance(other, httpx.Client):
        other.close()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"app_id": "not-a-guid"},
        {"instance_id": "../x"},
        {"app_secret": ""},
        {"base_url": "file:///etc/passwd"},
        {"max_retries": -3},
    ],
    ids=repr,
)
def test_bad_for_app_arguments_are_refused(kwargs: dict[str, Any]) -> None:
    arguments: dict[str, Any] = {
        "app_id": UNKNOWN_GUID,
        "app_secret": "s",
        "instance_id": CONTACT,
        **kwargs,
    }
    with pytest.raises(InvalidArgumentError):
        InboxClient.for_app(**arguments)


def test_a_bad_base_url_from_the_environment_is_refused(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("WIX_BASE_URL", "gopher://example.com")

    with pytest.raises(InvalidArgumentError):
        InboxClient(api_key="IST.k", site_id=SITE_GUID)


def test_a_base_url_with_a_path_prefix_is_kept(clients: Clients) -> None:
    with scripted([Canned(200, {"conversation": {"id": CONTACT}})]) as server:
        surface = clients(base_url=server.url + "/proxy/wix/")
        surface.get(CONTACT)

    assert [s.path for s in server.requests] == [f"/proxy/wix/inbox/v2/conversations/{CONTACT}"]


# ------------------------------------------------------------------------------- timeouts


def _recorded_timeouts(clients: Clients) -> tuple[list[dict[str, float]], Any]:
    seen: list[dict[str, float]] = []
    return seen, clients.http_client(lambda request: seen.append(request.extensions["timeout"]))


def test_each_request_carries_the_client_timeout_or_the_per_call_one(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    seen, http = _recorded_timeouts(clients)
    default = clients(http_client=http)
    custom = clients(http_client=http, timeout=httpx.Timeout(12.0, connect=3.0))

    default.get(conversation_id)
    default.get(conversation_id, timeout=2)
    default.send(conversation_id, "hi", timeout=httpx.Timeout(7.0, connect=1.0))
    custom.get(conversation_id)
    default.with_options(timeout=9).iterate(conversation_id)  # nothing sent yet
    default.with_options(timeout=9).list_page(conversation_id)

    assert seen == [
        {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0},
        {"connect": 2.0, "read": 2.0, "write": 2.0, "pool": 2.0},
        {"connect": 1.0, "read": 7.0, "write": 7.0, "pool": 7.0},
        {"connect": 3.0, "read": 12.0, "write": 12.0, "pool": 12.0},
        {"connect": 5.0, "read": 9.0, "write": 9.0, "pool": 9.0},
    ]


def test_the_timeout_applies_to_every_page_of_a_listing(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    for number in range(5):
        inbox.add_message(conversation_id, f"m{number}")
    seen, http = _recorded_timeouts(clients)
    surface = clients(http_client=http)

    assert len(surface.collect(surface.iterate(conversation_id, page_size=2, timeout=4))) == 5
    assert [t["read"] for t in seen] == [4.0, 4.0, 4.0]


# --------------------------------------------------------------------------- with_options


def test_with_options_shares_the_pool_and_changes_only_what_it_is_given(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    original = clients()
    copy = original.with_options(timeout=3, max_retries=5)
    retimed = original.with_options(timeout=httpx.Timeout(4.0))
    unchanged = original.with_options()

    assert copy.http is original.http is retimed.http is unchanged.http
    assert copy.client._core.retry.max_retries == 5
    assert copy.client._core.timeout == httpx.Timeout(3.0, connect=3.0)
    assert retimed.client._core.timeout == httpx.Timeout(4.0)
    assert retimed.client._core.retry.max_retries == 2
    assert original.client._core.timeout == DEFAULT_TIMEOUT
    assert original.client._core.retry.max_retries == 2
    assert unchanged.client._core == original.client._core
    assert type(copy.client) is type(original.client)
    assert copy.client._core.auth is original.client._core.auth

    # Closing a copy leaves the shared pool open; closing the original closes it.
    copy.close()
    assert not original.http_closed
    assert str(original.get(conversation_id).id) == conversation_id
    assert str(copy.get(conversation_id).id) == conversation_id
    original.close()
    assert original.http_closed and copy.http_closed


def test_with_options_max_retries_changes_behaviour(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    surface = clients()
    inbox.inject("getConversation", status=503, times=2)

    with pytest.raises(Exception) as caught:
        surface.with_options(max_retries=0).get(conversation_id)
    assert type(caught.value).__name__ == "InternalServerError"
    assert str(surface.get(conversation_id).id) == conversation_id  # 1 fault left: retried

    statuses = [r.status for r in inbox.requests]
    assert statuses == [503, 503, 200]


@pytest.mark.parametrize(
    "kwargs", [{"timeout": 0}, {"timeout": "1"}, {"max_retries": -1}, {"max_retries": "2"}]
)
def test_with_options_refuses_bad_values(clients: Clients, kwargs: dict[str, Any]) -> None:
    with pytest.raises(InvalidArgumentError):
        clients().with_options(**kwargs)


# ---------------------------------------------------------------------- closing, ownership


def test_the_sync_context_manager_closes_the_pool(inbox: MockInbox, conversation_id: str) -> None:
    with InboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url) as client:
        client.conversations.get(conversation_id)
        http = client._http
        assert not http.is_closed
    assert http.is_closed
    client.close()  # closing again is harmless


def test_the_async_context_manager_closes_the_pool(inbox: MockInbox, conversation_id: str) -> None:
    async def run() -> httpx.AsyncClient:
        async with AsyncInboxClient(
            api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url
        ) as client:
            await client.conversations.get(conversation_id)
            assert not client._http.is_closed
        await client.aclose()
        return client._http

    assert asyncio.run(run()).is_closed


def test_the_context_manager_closes_even_after_an_error(inbox: MockInbox) -> None:
    with (
        pytest.raises(InvalidArgumentError),
        InboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url) as client,
    ):
        client.conversations.get("../x")
    assert client._http.is_closed


def test_an_http_client_passed_in_is_used_and_not_closed(
    clients: Clients, inbox: MockInbox, conversation_id: str
) -> None:
    urls: list[str] = []
    http = clients.http_client(lambda request: urls.append(str(request.url)))
    surface = clients(http_client=http)

    surface.get(conversation_id)
    surface.close()

    assert urls == [f"{inbox.url}/inbox/v2/conversations/{conversation_id}"]
    assert surface.http is http
    assert not http.is_closed
    # Still usable by its owner after the client is closed.
    assert not surface.http_closed


def test_the_user_agent_names_the_client(surface: Any, inbox: MockInbox) -> None:
    surface.get_or_create(contact_id=CONTACT)

    user_agent = inbox.requests[0].headers["user-agent"]
    assert user_agent.startswith("wix-inbox-client/")
    assert inbox.requests[0].headers["accept"] == "application/json"
