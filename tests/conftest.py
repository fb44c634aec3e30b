"""Shared fixtures.

Of the mock's tests (``test_mock_*``): ``mock`` (a started MockInbox) and ``client`` (a plain
httpx client with its default credentials).

Of the facade's tests (``test_client_*``): ``inbox`` (a started MockInbox), ``sleeps``
(records the request loop's sleeps instead of sleeping), ``client_mode`` (sync / async),
``clients`` (makes clients of that mode against ``inbox``), ``surface`` (one such client) and
``conversation_id`` (a conversation of the mock's default site).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import wix_inbox._core
from test_client_support import MODES, Clients, Mode, SleepRecorder, Surface
from test_mock_support import api
from wix_inbox.testing import MockInbox


@pytest.fixture
def inbox() -> Iterator[MockInbox]:
    """A started MockInbox, fresh for each test."""
    with MockInbox() as mock:
        yield mock


@pytest.fixture
def mock(inbox: MockInbox) -> MockInbox:
    """The same started mock, under the name the mock's own tests (``test_mock_*``) use."""
    return inbox


@pytest.fixture
def client(mock: MockInbox) -> Iterator[httpx.Client]:
    """A plain httpx client with the mock's default API key and site (for the mock's tests)."""
    with api(mock) as c:
        yield c


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> SleepRecorder:
    """The request loop's sleeps, recorded instead of slept (the retry policy stays real)."""
    recorder = SleepRecorder()
    fake_time, fake_asyncio = recorder.proxies()
    monkeypatch.setattr(wix_inbox._core, "time", fake_time)
    # raising=False: wix_inbox._core imports asyncio only on first async use.
    monkeypatch.setattr(wix_inbox._core, "asyncio", fake_asyncio, raising=False)
    return recorder


@pytest.fixture(scope="session")
def reused_ssl_context() -> Iterator[None]:
    """Makes httpx build its default SSL context once instead of for every client.

    Building it (loading the CA bundle) costs ~16 ms, most of the cost of making a client, and
    these tests make hundreds of clients that only ever speak plain HTTP to 127.0.0.1. Nothing
    else changes; if httpx moves the function, the patch is skipped.
    """
    transports = httpx._transports.default
    original = getattr(transports, "create_ssl_context", None)
    if original is None:  # pragma: no cover - another httpx
        yield
        return
    cached = functools.lru_cache(maxsize=8)(original)

    def create(*args: Any, **kwargs: Any) -> Any:
        try:
            return cached(*args, **kwargs)
        except TypeError:  # unhashable arguments (a custom SSLContext...)
            return original(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(transports, "create_ssl_context", create)
        yield


@pytest.fixture(params=MODES)
def client_mode(request: pytest.FixtureRequest) -> Mode:
    mode: Mode = request.param
    return mode


@pytest.fixture
def clients(
    client_mode: Mode, inbox: MockInbox, sleeps: SleepRecorder, reused_ssl_context: None
) -> Iterator[Clients]:
    """Makes clients (sync or async, per ``client_mode``) of ``inbox``; closes them after."""
    made = Clients(client_mode, inbox)
    try:
        yield made
    finally:
        made.close_all()


@pytest.fixture
def surface(clients: Clients) -> Surface:
    """A client of the mock's default API key and site."""
    return clients()


@pytest.fixture
def conversation_id(inbox: MockInbox) -> str:
    """A conversation of the mock's default site (made without HTTP)."""
    conversation_id = inbox.create_conversation()["id"]
    assert isinstance(conversation_id, str)
    return conversation_id
