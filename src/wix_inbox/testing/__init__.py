"""A stateful mock Wix Inbox server for tests (like moto for boto).

Needs the ``[mock]`` extra (starlette, uvicorn)::

    from wix_inbox.testing import MockInbox

    with MockInbox() as mock:
        mock.url, mock.api_key, mock.site_id      # an API key and its site
        mock.app_id, mock.app_secret, mock.instance_id  # an app installed on that site
        conversation = mock.create_conversation()
        mock.inject("sendMessage", status=503, after_processing=True)

Webhooks: ``MockInbox(webhook_url=...)`` delivers signed events like Wix (see
``mock.webhook_public_key``, ``mock.webhook_deliveries``); ``WebhookSigner`` signs bodies for
unit tests of a receiver.

Run it as a process with ``python -m wix_inbox.testing --port 8080 --demo-data``; pytest users
get a ``wix_inbox_mock`` fixture from the plugin ``wix_inbox.testing.pytest_plugin``.

Importing this package is cheap: the server's dependencies load on first use of ``MockInbox``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._deliveries import WebhookDelivery, WebhookEventRecord
    from ._mock import MockInbox
    from ._models import AppInstance, FaultBody, InjectedFault, RecordedRequest, Route, Site
    from ._signer import WebhookKeyPair, WebhookSigner

__all__ = [
    "AppInstance",
    "FaultBody",
    "InjectedFault",
    "MockInbox",
    "RecordedRequest",
    "Route",
    "Site",
    "WebhookDelivery",
    "WebhookEventRecord",
    "WebhookKeyPair",
    "WebhookSigner",
]

_WEBHOOK_HINT = (
    "the webhook signer needs the [webhooks] extra: pip install 'wix-inbox-client[webhooks]' "
    "(PyJWT[crypto])"
)

_EXTRA_HINT = (
    "wix_inbox.testing needs the [mock] extra: pip install 'wix-inbox-client[mock]' "
    "(starlette, uvicorn)"
)


def __getattr__(name: str) -> Any:
    if name == "MockInbox":
        try:
            from ._mock import MockInbox
        except ModuleNotFoundError as error:  # pragma: no cover - depends on the environment
            if error.name and error.name.split(".")[0] in ("starlette", "uvicorn"):
                raise ModuleNotFoundError(_EXTRA_HINT, name=error.name) from error
            raise
        return MockInbox
    if name in ("WebhookKeyPair", "WebhookSigner"):
        try:
            from . import _signer
        except ModuleNotFoundError as error:  # pragma: no cover - depends on the environment
            raise ModuleNotFoundError(_WEBHOOK_HINT, name=error.name) from error
        return getattr(_signer, name)
    if name in ("WebhookDelivery", "WebhookEventRecord"):
        from . import _deliveries

        return getattr(_deliveries, name)
    if name in __all__:
        from . import _models

        return getattr(_models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
