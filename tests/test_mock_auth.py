"""MockInbox auth: API keys and site/account headers, OAuth client credentials, rate limits."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from test_mock_support import CONTACT, HTTP, UNKNOWN_GUID, api, app_code, checked, wix_error
from wix_inbox.testing import MockInbox


def _token_body(mock: MockInbox, **override: str) -> dict[str, str]:
    return {
        "grant_type": "client_credentials",
        "client_id": mock.app_id,
        "client_secret": mock.app_secret,
        "instance_id": mock.instance_id,
        **override,
    }


def _token(mock: MockInbox) -> dict[str, Any]:
    response = HTTP.post(f"{mock.url}/oauth2/token", json=_token_body(mock))
    assert response.status_code == 200, response.text
    assert response.headers["x-wix-request-id"]
    body = response.json()
    assert isinstance(body, dict)
    return body


def _get(mock: MockInbox, conversation_id: str, headers: dict[str, str]) -> httpx.Response:
    return HTTP.get(f"{mock.url}/inbox/v2/conversations/{conversation_id}", headers=headers)


# -- API keys --------------------------------------------------------------------------------


def test_missing_or_unknown_credentials_are_401(mock: MockInbox) -> None:
    conversation_id = mock.create_conversation()["id"]
    site = {"wix-site-id": mock.site_id}
    for headers in (
        site,
        {"Authorization": "IST.not-a-key", **site},
        {"Authorization": f"Bearer {mock.api_key}", **site},  # not Wix's format
        {"Authorization": "", **site},
    ):
        response = _get(mock, conversation_id, headers)
        assert app_code(response, 401) == "UNAUTHORIZED"
    checked(_get(mock, conversation_id, {"Authorization": mock.api_key, **site}), "getConversation")


def test_site_and_account_headers(mock: MockInbox) -> None:
    conversation_id = mock.create_conversation()["id"]
    key = {"Authorization": mock.api_key}
    both = _get(
        mock,
        conversation_id,
        {**key, "wix-site-id": mock.site_id, "wix-account-id": mock.account_id},
    )
    wix_error(both, 400)
    account_only = _get(mock, conversation_id, {**key, "wix-account-id": mock.account_id})
    assert app_code(account_only, 403) == "PERMISSION_DENIED"
    assert app_code(_get(mock, conversation_id, key), 403) == "PERMISSION_DENIED"
    stranger = mock.add_site(name="Stranger")
    foreign_site = _get(mock, conversation_id, {**key, "wix-site-id": stranger.site_id})
    assert app_code(foreign_site, 403) == "PERMISSION_DENIED"
    unknown_site = _get(mock, conversation_id, {**key, "wix-site-id": UNKNOWN_GUID})
    assert app_code(unknown_site, 403) == "PERMISSION_DENIED"


def test_conversation_of_another_site_is_not_owned(mock: MockInbox) -> None:
    sibling = mock.add_site(name="Sibling", account_id=mock.account_id)
    theirs = mock.create_conversation(contact_id=CONTACT, site_id=sibling.site_id)
    with api(mock) as client:
        response = client.get(f"/inbox/v2/conversations/{theirs['id']}")
        assert app_code(response, 404) == "NOT_OWNED_BY_BUSINESS"
        listed = client.get(
            "/inbox/v2/messages", params={"conversationId": theirs["id"], "visibility": "BUSINESS"}
        )
        assert app_code(listed, 404) == "CONVERSATION_NOT_FOUND"
    with api(mock, **{"wix-site-id": sibling.site_id}) as client:
        checked(client.get(f"/inbox/v2/conversations/{theirs['id']}"), "getConversation")


# -- OAuth -----------------------------------------------------------------------------------


def test_token_flow(mock: MockInbox) -> None:
    token = _token(mock)
    assert token["expires_in"] == 14400
    assert isinstance(token["access_token"], str) and not token["access_token"].startswith("Bearer")
    conversation_id = mock.create_conversation()["id"]
    checked(
        _get(mock, conversation_id, {"Authorization": token["access_token"]}), "getConversation"
    )
    # the token names its site: a wix-site-id of another site is refused
    other = mock.add_site(name="Other", account_id=mock.account_id)
    response = _get(
        mock,
        conversation_id,
        {"Authorization": token["access_token"], "wix-site-id": other.site_id},
    )
    assert app_code(response, 403) == "PERMISSION_DENIED"
    bearer = _get(mock, conversation_id, {"Authorization": f"Bearer {token['access_token']}"})
    assert app_code(bearer, 401) == "UNAUTHORIZED"


def test_token_accepts_a_form_encoded_body(mock: MockInbox) -> None:
    response = HTTP.post(f"{mock.url}/oauth2/token", data=_token_body(mock))
    assert response.status_code == 200 and response.json()["expires_in"] == 14400


@pytest.mark.parametrize(
    ("override", "status", "code"),
    [
        ({"client_secret": "wrong"}, 401, "INVALID_CLIENT"),
        ({"client_secret": "s\u00e9cret"}, 401, "INVALID_CLIENT"),  # non-ASCII: no 500
        ({"client_id": UNKNOWN_GUID}, 401, "INVALID_CLIENT"),
        ({"instance_id": UNKNOWN_GUID}, 400, "INVALID_INSTANCE"),
        ({"grant_type": "authorization_code"}, 400, "UNSUPPORTED_GRANT_TYPE"),
        ({"client_secret": ""}, 400, "INVALID_REQUEST"),
    ],
)
def test_token_errors(mock: MockInbox, override: dict[str, str], status: int, code: str) -> None:
    response = HTTP.post(f"{mock.url}/oauth2/token", json=_token_body(mock, **override))
    assert app_code(response, status) == code


def test_instance_of_another_app_is_refused(mock: MockInbox) -> None:
    other = mock.install_app()
    body = _token_body(mock, instance_id=other.instance_id)
    response = HTTP.post(f"{mock.url}/oauth2/token", json=body)
    assert app_code(response, 400) == "INVALID_INSTANCE"


def test_expire_tokens_forces_a_refresh(mock: MockInbox) -> None:
    conversation_id = mock.create_conversation()["id"]
    old = _token(mock)["access_token"]
    checked(_get(mock, conversation_id, {"Authorization": old}), "getConversation")
    mock.expire_tokens()
    expired = _get(mock, conversation_id, {"Authorization": old})
    assert app_code(expired, 401) == "UNAUTHORIZED"
    assert "expired" in expired.json()["message"]
    fresh = _token(mock)["access_token"]
    assert fresh != old
    checked(_get(mock, conversation_id, {"Authorization": fresh}), "getConversation")


def test_token_ttl_is_configurable() -> None:
    with MockInbox(token_ttl=0) as mock:
        token = _token(mock)
        assert token["expires_in"] == 0
        conversation_id = mock.create_conversation()["id"]
        response = _get(mock, conversation_id, {"Authorization": token["access_token"]})
        assert app_code(response, 401) == "UNAUTHORIZED"
    with MockInbox(token_ttl=60) as mock:
        assert _token(mock)["expires_in"] == 60


# -- rate limiting ---------------------------------------------------------------------------


def test_rate_limit_per_site() -> None:
    with MockInbox(rate_limit=(5, 60.0)) as mock, api(mock) as client:
        conversation_id = mock.create_conversation()["id"]
        for _ in range(5):
            checked(client.get(f"/inbox/v2/conversations/{conversation_id}"), "getConversation")
        limited = client.get(f"/inbox/v2/conversations/{conversation_id}")
        assert app_code(limited, 429) == "TOO_MANY_REQUESTS"
        assert 55 <= int(limited.headers["Retry-After"]) <= 60
        # another site has its own budget; the token endpoint is not limited
        other = mock.add_site(name="Other")
        other_conversation = mock.create_conversation(site_id=other.site_id)["id"]
        with api(mock, **{"Authorization": other.api_key, "wix-site-id": other.site_id}) as c:
            checked(c.get(f"/inbox/v2/conversations/{other_conversation}"), "getConversation")
        assert _token(mock)["access_token"]
        assert [r.status for r in mock.requests][-3:] == [429, 200, 200]


def test_rate_limit_window_frees_up() -> None:
    with MockInbox(rate_limit=(2, 0.5)) as mock, api(mock) as client:
        conversation_id = mock.create_conversation()["id"]
        url = f"/inbox/v2/conversations/{conversation_id}"
        assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
        time.sleep(0.55)
        assert client.get(url).status_code == 200


def test_rate_limit_argument_is_checked() -> None:
    with pytest.raises(ValueError):
        MockInbox(rate_limit=(0, 60.0))
