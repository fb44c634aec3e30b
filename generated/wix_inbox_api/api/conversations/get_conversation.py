from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_conversation_response import GetConversationResponse
from ...models.wix_error import WixError
from ...types import Response


def _get_kwargs(
    conversation_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/inbox/v2/conversations/{conversation_id}".format(
            conversation_id=quote(str(conversation_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GetConversationResponse | WixError | None:
    if response.status_code == 200:
        response_200 = GetConversationResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = WixError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = WixError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = WixError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = WixError.from_dict(response.json())

        return response_404

    if response.status_code == 428:
        response_428 = WixError.from_dict(response.json())

        return response_428

    if response.status_code == 429:
        response_429 = WixError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = WixError.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = WixError.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = WixError.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[GetConversationResponse | WixError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    conversation_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[GetConversationResponse | WixError]:
    """Get a conversation

     Returns one conversation by its GUID. To find a conversation from a contact, member or
    visitor id, use getOrCreateConversation instead.

    Application errors: `CONVERSATION_NOT_FOUND` (404, no such conversation),
    `NOT_OWNED_BY_BUSINESS` (404, the conversation belongs to another site).

    Args:
        conversation_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetConversationResponse | WixError]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    conversation_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> GetConversationResponse | WixError | None:
    """Get a conversation

     Returns one conversation by its GUID. To find a conversation from a contact, member or
    visitor id, use getOrCreateConversation instead.

    Application errors: `CONVERSATION_NOT_FOUND` (404, no such conversation),
    `NOT_OWNED_BY_BUSINESS` (404, the conversation belongs to another site).

    Args:
        conversation_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetConversationResponse | WixError
    """

    return sync_detailed(
        conversation_id=conversation_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    conversation_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[GetConversationResponse | WixError]:
    """Get a conversation

     Returns one conversation by its GUID. To find a conversation from a contact, member or
    visitor id, use getOrCreateConversation instead.

    Application errors: `CONVERSATION_NOT_FOUND` (404, no such conversation),
    `NOT_OWNED_BY_BUSINESS` (404, the conversation belongs to another site).

    Args:
        conversation_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetConversationResponse | WixError]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    conversation_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> GetConversationResponse | WixError | None:
    """Get a conversation

     Returns one conversation by its GUID. To find a conversation from a contact, member or
    visitor id, use getOrCreateConversation instead.

    Application errors: `CONVERSATION_NOT_FOUND` (404, no such conversation),
    `NOT_OWNED_BY_BUSINESS` (404, the conversation belongs to another site).

    Args:
        conversation_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetConversationResponse | WixError
    """

    return (
        await asyncio_detailed(
            conversation_id=conversation_id,
            client=client,
        )
    ).parsed
