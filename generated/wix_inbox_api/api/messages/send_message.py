from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.send_message_request import SendMessageRequest
from ...models.send_message_response import SendMessageResponse
from ...models.wix_error import WixError
from ...types import Response


def _get_kwargs(
    *,
    body: SendMessageRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/inbox/v2/messages",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> SendMessageResponse | WixError | None:
    if response.status_code == 200:
        response_200 = SendMessageResponse.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = WixError.from_dict(response.json())

        return response_409

    if response.status_code == 428:
        response_428 = WixError.from_dict(response.json())

        return response_428

    if response.status_code == 429:
        response_429 = WixError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = WixError.from_dict(response.json())

        return response_500

    if response.status_code == 501:
        response_501 = WixError.from_dict(response.json())

        return response_501

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
) -> Response[SendMessageResponse | WixError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SendMessageRequest,
) -> Response[SendMessageResponse | WixError]:
    """Send a message

     Adds a message to a conversation, from the business to the participant or the other
    way round. `message.content` is required and holds exactly one content kind (`basic`,
    `template`, `minimal`, `form` or `system`). `message.visibility` and
    `message.direction` are required too. The server fills in the read-only fields
    (`id`, `sequence`, `sender`, `appId`) and the date.

    Application errors: `IDENTITY_DOES_NOT_MATCH`, `INBOX_INSTANCE_NOT_FOUND`,
    `INVALID_MEDIA_URL`.

    Args:
        body (SendMessageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SendMessageResponse | WixError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: SendMessageRequest,
) -> SendMessageResponse | WixError | None:
    """Send a message

     Adds a message to a conversation, from the business to the participant or the other
    way round. `message.content` is required and holds exactly one content kind (`basic`,
    `template`, `minimal`, `form` or `system`). `message.visibility` and
    `message.direction` are required too. The server fills in the read-only fields
    (`id`, `sequence`, `sender`, `appId`) and the date.

    Application errors: `IDENTITY_DOES_NOT_MATCH`, `INBOX_INSTANCE_NOT_FOUND`,
    `INVALID_MEDIA_URL`.

    Args:
        body (SendMessageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SendMessageResponse | WixError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SendMessageRequest,
) -> Response[SendMessageResponse | WixError]:
    """Send a message

     Adds a message to a conversation, from the business to the participant or the other
    way round. `message.content` is required and holds exactly one content kind (`basic`,
    `template`, `minimal`, `form` or `system`). `message.visibility` and
    `message.direction` are required too. The server fills in the read-only fields
    (`id`, `sequence`, `sender`, `appId`) and the date.

    Application errors: `IDENTITY_DOES_NOT_MATCH`, `INBOX_INSTANCE_NOT_FOUND`,
    `INVALID_MEDIA_URL`.

    Args:
        body (SendMessageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SendMessageResponse | WixError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SendMessageRequest,
) -> SendMessageResponse | WixError | None:
    """Send a message

     Adds a message to a conversation, from the business to the participant or the other
    way round. `message.content` is required and holds exactly one content kind (`basic`,
    `template`, `minimal`, `form` or `system`). `message.visibility` and
    `message.direction` are required too. The server fills in the read-only fields
    (`id`, `sequence`, `sender`, `appId`) and the date.

    Application errors: `IDENTITY_DOES_NOT_MATCH`, `INBOX_INSTANCE_NOT_FOUND`,
    `INVALID_MEDIA_URL`.

    Args:
        body (SendMessageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SendMessageResponse | WixError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
