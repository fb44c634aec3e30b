"""pytest plugin of wix-inbox-client: the ``wix_inbox_mock`` and ``wix_webhook_keys`` fixtures.

Registered through the ``pytest11`` entry point, so it loads in every pytest run of an
environment where the package is installed. It imports nothing heavy at load time: the mock
(and its ``[mock]`` extra) is imported only when a test asks for the fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from wix_inbox.testing import MockInbox, WebhookKeyPair

__all__ = ["wix_inbox_mock", "wix_webhook_keys"]


@pytest.fixture
def wix_inbox_mock() -> Iterator[MockInbox]:
    """A started :class:`~wix_inbox.testing.MockInbox`, fresh for each test.

    Its default credentials are ``mock.api_key`` + ``mock.site_id`` (API key) and
    ``mock.app_id`` / ``mock.app_secret`` / ``mock.instance_id`` (OAuth app); its base URL is
    ``mock.url``.
    """
    from wix_inbox.testing import MockInbox

    with MockInbox() as mock:
        yield mock


@pytest.fixture(scope="session")
def wix_webhook_keys() -> WebhookKeyPair:
    """An RSA key pair for webhook tests (one per session: generating one takes a while).

    Sign with ``WebhookSigner(wix_webhook_keys)``; verify with
    ``WebhookVerifier(public_key=wix_webhook_keys.public_pem)``. Needs the ``[webhooks]`` extra.
    """
    from wix_inbox.testing import WebhookKeyPair

    return WebhookKeyPair.generate()
