"""Regression tests for what the contract sessions found in the mock (run by `nox -s tests`).

Each test is one finding of ``nox -s contract_schemathesis``, reduced to a plain request, so that
it stays fixed without running schemathesis.
"""

from __future__ import annotations

import http.client
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from wix_inbox.testing import MockInbox


def _violations(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    found = body["details"]["validationError"]["fieldViolations"]
    return {v["field"]: v["violatedRule"] for v in found}


def _list(client: httpx.Client, conversation_id: str, **params: str) -> httpx.Response:
    query = {"conversationId": conversation_id, "visibility": "BUSINESS", **params}
    return client.get("/inbox/v2/messages", params=query)


def test_empty_value_of_an_optional_query_parameter_is_validated(
    mock: MockInbox, client: httpx.Client
) -> None:
    """``paging.limit=`` is not an integer: 400, not the default page (schemathesis
    negative_data_rejection). An empty value of a string parameter stays valid."""
    conversation_id = mock.create_conversation()["id"]
    assert _violations(_list(client, conversation_id, **{"paging.limit": ""})) == {
        "paging.limit": "VALIDATION"
    }
    assert _violations(_list(client, conversation_id, **{"sorting.order": ""})) == {
        "sorting.order": "INVALID_ENUM_VALUE"
    }
    assert _list(client, conversation_id, **{"paging.cursor": ""}).status_code == 200
    assert _violations(_list(client, "")) == {"conversationId": "REQUIRED_FIELD"}


def test_longest_spec_valid_cursor_gets_a_json_answer(
    mock: MockInbox, client: httpx.Client
) -> None:
    """A ``paging.cursor`` of 16000 characters (the spec's maxLength) of 4-byte characters is
    192 KB once percent-encoded; uvicorn's default limit answered it with a text/plain 400
    (schemathesis content_type_conformance)."""
    conversation_id = mock.create_conversation()["id"]
    cursor = "\U00046eb8" * 16000
    response = _raw_get(mock, conversation_id, cursor)
    assert _violations(response) == {"paging.cursor": "VALIDATION"}


def _raw_get(mock: MockInbox, conversation_id: str, cursor: str) -> httpx.Response:
    """GET listMessages with http.client: httpx refuses to build a query over 64 KiB."""
    query = urlencode({"conversationId": conversation_id, "visibility": "BUSINESS"})
    query += "&" + urlencode({"paging.cursor": cursor})
    url = urlsplit(mock.url)
    connection = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=10)
    try:
        connection.request(
            "GET",
            f"/inbox/v2/messages?{query}",
            headers={"Authorization": mock.api_key, "wix-site-id": mock.site_id},
        )
        answer = connection.getresponse()
        return httpx.Response(answer.status, headers=answer.getheaders(), content=answer.read())
    finally:
        connection.close()
