from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_messages_response import ListMessagesResponse
from ...models.list_messages_visibility import ListMessagesVisibility
from ...models.sort_order import SortOrder
from ...models.wix_error import WixError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    conversation_id: UUID,
    visibility: ListMessagesVisibility,
    paging_limit: int | Unset = UNSET,
    paging_cursor: str | Unset = UNSET,
    sorting_field_name: str | Unset = UNSET,
    sorting_order: SortOrder | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_conversation_id = str(conversation_id)
    params["conversationId"] = json_conversation_id

    json_visibility = visibility.value
    params["visibility"] = json_visibility

    params["paging.limit"] = paging_limit

    params["paging.cursor"] = paging_cursor

    params["sorting.fieldName"] = sorting_field_name

    json_sorting_order: str | Unset = UNSET
    if not isinstance(sorting_order, Unset):
        json_sorting_order = sorting_order.value

    params["sorting.order"] = json_sorting_order

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/inbox/v2/messages",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ListMessagesResponse | WixError | None:
    if response.status_code == 200:
        response_200 = ListMessagesResponse.from_dict(response.json())

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
) -> Response[ListMessagesResponse | WixError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    conversation_id: UUID,
    visibility: ListMessagesVisibility,
    paging_limit: int | Unset = UNSET,
    paging_cursor: str | Unset = UNSET,
    sorting_field_name: str | Unset = UNSET,
    sorting_order: SortOrder | Unset = UNSET,
) -> Response[ListMessagesResponse | WixError]:
    """List the messages of a conversation

     Returns one page of a conversation's messages, by default 30 of them, newest first
    (sorted by `sequence`, descending). When more messages exist the response carries
    `pagingMetadata.cursors.next`; pass it as `paging.cursor` to get the next page, with the
    same `visibility` and `sorting` as the first request.

    Nested query fields are written with dots (`paging.limit=10`). Wix's own SDK may instead
    send the whole request as `?.r=<base64url JSON without padding>`; the API accepts both.

    Application errors: `CONVERSATION_NOT_FOUND` (404), `NOT_JOINED_CHATROOM`,
    `NO_INBOX_INSTANCE`, `INBOX_INSTANCE_NOT_FOUND`.

    Args:
        conversation_id (UUID):
        visibility (ListMessagesVisibility):
        paging_limit (int | Unset):
        paging_cursor (str | Unset):
        sorting_field_name (str | Unset):
        sorting_order (SortOrder | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListMessagesResponse | WixError]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        visibility=visibility,
        paging_limit=paging_limit,
        paging_cursor=paging_cursor,
        sorting_field_name=sorting_field_name,
        sorting_order=sorting_order,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    conversation_id: UUID,
    visibility: ListMessagesVisibility,
    paging_limit: int | Unset = UNSET,
    paging_cursor: str | Unset = UNSET,
    sorting_field_name: str | Unset = UNSET,
    sorting_order: SortOrder | Unset = UNSET,
) -> ListMessagesResponse | WixError | None:
    """List the messages of a conversation

     Returns one page of a conversation's messages, by default 30 of them, newest first
    (sorted by `sequence`, descending). When more messages exist the response carries
    `pagingMetadata.cursors.next`; pass it as `paging.cursor` to get the next page, with the
    same `visibility` and `sorting` as the first request.

    Nested query fields are written with dots (`paging.limit=10`). Wix's own SDK may instead
    send the whole request as `?.r=<base64url JSON without padding>`; the API accepts both.

    Application errors: `CONVERSATION_NOT_FOUND` (404), `NOT_JOINED_CHATROOM`,
    `NO_INBOX_INSTANCE`, `INBOX_INSTANCE_NOT_FOUND`.

    Args:
        conversation_id (UUID):
        visibility (ListMessagesVisibility):
        paging_limit (int | Unset):
        paging_cursor (str | Unset):
        sorting_field_name (str | Unset):
        sorting_order (SortOrder | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListMessagesResponse | WixError
    """

    return sync_detailed(
        client=client,
        conversation_id=conversation_id,
        visibility=visibility,
        paging_limit=paging_limit,
        paging_cursor=paging_cursor,
        sorting_field_name=sorting_field_name,
        sorting_order=sorting_order,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    conversation_id: UUID,
    visibility: ListMessagesVisibility,
    paging_limit: int | Unset = UNSET,
    paging_cursor: str | Unset = UNSET,
    sorting_field_name: str | Unset = UNSET,
    sorting_order: SortOrder | Unset = UNSET,
) -> Response[ListMessagesResponse | WixError]:
    """List the messages of a conversation

     Returns one page of a conversation's messages, by default 30 of them, newest first
    (sorted by `sequence`, descending). When more messages exist the response carries
    `pagingMetadata.cursors.next`; pass it as `paging.cursor` to get the next page, with the
    same `visibility` and `sorting` as the first request.

    Nested query fields are written with dots (`paging.limit=10`). Wix's own SDK may instead
    send the whole request as `?.r=<base64url JSON without padding>`; the API accepts both.

    Application errors: `CONVERSATION_NOT_FOUND` (404), `NOT_JOINED_CHATROOM`,
    `NO_INBOX_INSTANCE`, `INBOX_INSTANCE_NOT_FOUND`.

    Args:
        conversation_id (UUID):
        visibility (ListMessagesVisibility):
        paging_limit (int | Unset):
        paging_cursor (str | Unset):
        sorting_field_name (str | Unset):
        sorting_order (SortOrder | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListMessagesResponse | WixError]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        visibility=visibility,
        paging_limit=paging_limit,
        paging_cursor=paging_cursor,
        sorting_field_name=sorting_field_name,
        sorting_order=sorting_order,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    conversation_id: UUID,
    visibility: ListMessagesVisibility,
    paging_limit: int | Unset = UNSET,
    paging_cursor: str | Unset = UNSET,
    sorting_field_name: str | Unset = UNSET,
    sorting_order: SortOrder | Unset = UNSET,
) -> ListMessagesResponse | WixError | None:
    """List the messages of a conversation

     Returns one page of a conversation's messages, by default 30 of them, newest first
    (sorted by `sequence`, descending). When more messages exist the response carries
    `pagingMetadata.cursors.next`; pass it as `paging.cursor` to get the next page, with the
    same `visibility` and `sorting` as the first request.

    Nested query fields are written with dots (`paging.limit=10`). Wix's own SDK may instead
    send the whole request as `?.r=<base64url JSON without padding>`; the API accepts both.

    Application errors: `CONVERSATION_NOT_FOUND` (404), `NOT_JOINED_CHATROOM`,
    `NO_INBOX_INSTANCE`, `INBOX_INSTANCE_NOT_FOUND`.

    Args:
        conversation_id (UUID):
        visibility (ListMessagesVisibility):
        paging_limit (int | Unset):
        paging_cursor (str | Unset):
        sorting_field_name (str | Unset):
        sorting_order (SortOrder | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListMessagesResponse | WixError
    """

    return (
        await asyncio_detailed(
            client=client,
            conversation_id=conversation_id,
            visibility=visibility,
            paging_limit=paging_limit,
            paging_cursor=paging_cursor,
            sorting_field_name=sorting_field_name,
            sorting_order=sorting_order,
        )
    ).parsed
