"""``MockInbox``: a stateful mock Wix Inbox server for tests."""

from __future__ import annotations

import copy
import threading
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._signer import WebhookSigner

from ._app import MockApp
from ._core import InboxState, RequestLog
from ._deliveries import (
    WIX_DELIVERY_TIMEOUT,
    WIX_RETRY_DELAYS,
    WebhookDeliverer,
    WebhookDelivery,
    WebhookEventRecord,
)
from ._models import ROUTES, AppInstance, FaultBody, InjectedFault, RecordedRequest, Route, Site
from ._server import ServerThread, bind_socket

__all__ = ["MockInbox"]

_FAULT_BODIES = ("wix", "empty", "html", "truncated")


class MockInbox:
    """A mock Wix Inbox REST server, served over real HTTP on a background thread.

    ``MockInbox()`` creates a default site with an API key and an installed app, so a client can
    call it at once::

        with MockInbox() as mock:
            client = InboxClient(api_key=mock.api_key, site_id=mock.site_id, base_url=mock.url)

    It serves ``getConversation``, ``getOrCreateConversation``, ``listMessages``,
    ``sendMessage`` and ``POST /oauth2/token``, validates every request against
    ``openapi.yaml``, keeps its state in memory, and can inject faults (:meth:`inject`).

    Args:
        host: Address to listen on (default 127.0.0.1).
        port: Port to listen on; 0 (default) picks a free one.
        token_ttl: Lifetime in seconds of OAuth access tokens (``expires_in``).
        rate_limit: ``(requests, window_seconds)`` allowed per site; past it the mock answers
            429 with ``Retry-After``. None (default): no limit.
        site_name: Business name of the default site.
        webhook_url: Where to deliver webhook events (settable later as ``mock.webhook_url``).
            While it is None no event is made. Events are signed with ``mock.webhook_signer``
            (verify them with ``mock.webhook_public_key``; needs the ``[webhooks]`` extra).
        webhook_timeout: Seconds a receiver has to answer 200 (Wix: 1.25).
        webhook_retry_delays: Waits before each retry of a failed delivery (default: Wix's
            1 min ... 12 h schedule); give short ones such as ``(0.05, 0.05)`` in tests.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        token_ttl: int = 14400,
        rate_limit: tuple[int, float] | None = None,
        site_name: str = "Mock Business",
        webhook_url: str | None = None,
        webhook_timeout: float = WIX_DELIVERY_TIMEOUT,
        webhook_retry_delays: Sequence[float] = WIX_RETRY_DELAYS,
    ) -> None:
        if rate_limit is not None and (rate_limit[0] < 1 or rate_limit[1] <= 0):
            raise ValueError("rate_limit must be (requests >= 1, window_seconds > 0)")
        if webhook_url is not None:
            _require_webhooks_extra()
        self._host = host
        self._port = port
        self._state = InboxState(token_ttl=token_ttl, rate_limit=rate_limit)
        self._log = RequestLog()
        self._app = MockApp(self._state, self._log)
        self._server: ServerThread | None = None
        self._url: str | None = None
        self._run_lock = threading.Lock()
        self._site = self.add_site(name=site_name)
        self._app_instance = self.install_app()
        if webhook_timeout <= 0 or any(d < 0 for d in webhook_retry_delays):
            raise ValueError("webhook_timeout must be > 0 and retry delays >= 0")
        self._webhook_url: str | None = None
        self.webhook_url = webhook_url
        self._signer: WebhookSigner | None = None
        self._signer_lock = threading.Lock()
        self._deliverer = WebhookDeliverer(
            url=lambda: self.webhook_url,
            timeout=webhook_timeout,
            retry_delays=webhook_retry_delays,
        )
        self._state.on_participant_message = self._participant_wrote

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> MockInbox:
        """Start serving (idempotent); returns self."""
        with self._run_lock:
            self._deliverer.reopen()
            if self._server is None:
                sock = bind_socket(self._host, self._port)
                host, port = sock.getsockname()[:2]
                server = ServerThread(self._app, sock)
                server.start()
                self._server = server
                shown = f"[{host}]" if ":" in host else host
                self._url = f"http://{shown}:{port}"
        return self

    def stop(self) -> None:
        """Stop serving and join the server thread (idempotent). State is kept."""
        with self._run_lock:
            server, self._server = self._server, None
            if server is not None:
                server.stop()
            self._deliverer.close()

    def __enter__(self) -> MockInbox:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        """True while the server thread serves."""
        return self._server is not None and self._server.alive

    @property
    def url(self) -> str:
        """Base URL, such as ``http://127.0.0.1:54321`` (the server must be started)."""
        if self._url is None:
            raise RuntimeError("the mock is not started: use start() or a with block")
        return self._url

    # -- default credentials ------------------------------------------------------------------

    @property
    def site(self) -> Site:
        """The default site."""
        return self._site

    @property
    def site_id(self) -> str:
        """GUID of the default site (send it as ``wix-site-id``)."""
        return self._site.site_id

    @property
    def api_key(self) -> str:
        """API key of the default site's account (send it as ``Authorization``)."""
        return self._site.api_key

    @property
    def account_id(self) -> str:
        """GUID of the default site's account."""
        return self._site.account_id

    @property
    def app(self) -> AppInstance:
        """The default app, installed on the default site."""
        return self._app_instance

    @property
    def app_id(self) -> str:
        """OAuth ``client_id`` of the default app."""
        return self._app_instance.app_id

    @property
    def app_secret(self) -> str:
        """OAuth ``client_secret`` of the default app."""
        return self._app_instance.app_secret

    @property
    def instance_id(self) -> str:
        """The default app's instance on the default site (OAuth ``instance_id``)."""
        return self._app_instance.instance_id

    # -- more sites and apps ------------------------------------------------------------------

    def add_site(
        self,
        *,
        name: str = "Mock Business",
        account_id: str | None = None,
        site_id: str | None = None,
        api_key: str | None = None,
    ) -> Site:
        """Add a site. With the ``account_id`` of an existing site, the new site joins that
        account and shares its API key; otherwise a new account and key are made."""
        return self._state.add_site(
            name=name, account_id=account_id, site_id=site_id, api_key=api_key
        )

    def install_app(
        self,
        site_id: str | None = None,
        *,
        app_id: str | None = None,
        app_secret: str | None = None,
    ) -> AppInstance:
        """Install an app on a site (default: the default site) and return its credentials.

        An ``app_id`` already registered is installed again (same secret, new instance);
        otherwise a new app is registered.
        """
        return self._state.install_app(
            site_id or self._site.site_id, app_id=app_id, app_secret=app_secret
        )

    def expire_tokens(self) -> None:
        """Make every access token issued so far expired: calls with them get 401."""
        self._state.expire_tokens()

    # -- seeding and inspecting state ---------------------------------------------------------

    def create_conversation(
        self,
        *,
        contact_id: str | None = None,
        member_id: str | None = None,
        anonymous_visitor_id: str | None = None,
        site_id: str | None = None,
        participant_name: str | None = None,
        channels: Sequence[str] = ("CHAT",),
    ) -> dict[str, Any]:
        """Get or create the conversation of a participant, without HTTP.

        Give at most one of the ids; with none, a new contact id is made up. Returns the
        conversation as the API returns it (a copy).
        """
        given = {
            "contactId": contact_id,
            "memberId": member_id,
            "anonymousVisitorId": anonymous_visitor_id,
        }
        chosen = {k: v for k, v in given.items() if v is not None}
        if len(chosen) > 1:
            raise ValueError("give at most one of contact_id, member_id, anonymous_visitor_id")
        if not chosen:
            chosen = {"contactId": str(uuid.uuid4())}
        site = self._state.site(site_id) if site_id else self._site
        wire, _ = self._state.get_or_create(
            site, chosen, display_name=participant_name, channels=channels
        )
        return _copy(wire)

    def add_message(
        self,
        conversation_id: str,
        text: str | None = None,
        *,
        message: Mapping[str, Any] | None = None,
        direction: str = "PARTICIPANT_TO_BUSINESS",
        visibility: str = "BUSINESS_AND_PARTICIPANT",
        sender: Mapping[str, Any] | None = None,
        app_id: str | None = None,
        created_date: datetime | None = None,
    ) -> dict[str, Any]:
        """Store a message without HTTP; return it as the API would (a copy).

        Give ``text`` for a basic text message, or ``message``: a wire ``Message`` (any content
        kind; its ``direction``/``visibility`` win over the arguments). The message is validated
        against the spec like a sent one (ValueError when invalid). ``sender`` defaults to the
        participant for ``PARTICIPANT_TO_BUSINESS``, else the site owner's ``wixUserId``.
        ``created_date`` backdates the message; sequences still grow in the order of calls.
        """
        if (text is None) == (message is None):
            raise ValueError("give either text or message")
        if message is not None:
            wire = dict(message)
        else:
            assert text is not None
            wire = {"content": {"previewText": text[:256], "basic": {"items": [{"text": text}]}}}
        wire.setdefault("direction", direction)
        wire.setdefault("visibility", visibility)
        self._state.conversation_site(conversation_id)  # KeyError for an unknown conversation
        cleaned = self._app.validate_message(conversation_id, wire)
        stored = self._state.seed_message(
            conversation_id, cleaned, sender=sender, app_id=app_id, created=created_date
        )
        return _copy(stored)

    def add_messages(
        self,
        conversation_id: str,
        count: int,
        *,
        text: str = "Message {n}",
        direction: str = "PARTICIPANT_TO_BUSINESS",
        visibility: str = "BUSINESS_AND_PARTICIPANT",
        first_sequence: int | None = None,
    ) -> None:
        """Store ``count`` text messages at once, without HTTP, for long histories: they are
        validated once, not each (~0.1 ms a message instead of :meth:`add_message`'s ~0.7 ms).

        ``text`` is formatted with ``n`` (1 to ``count``). ``first_sequence`` makes the
        sequences small numbers (``first_sequence``, +1, ...; dated in 1970) instead of
        microsecond timestamps, e.g. to get sequences of different lengths ("9", "10").
        Sequences are shared by all conversations of a mock and only grow, so this works
        before any larger sequence was given out.
        """
        if count < 0:
            raise ValueError("count must not be negative")
        self._state.conversation_site(conversation_id)  # KeyError for an unknown conversation
        template = self._app.validate_message(
            conversation_id,
            {
                "content": {"basic": {"items": [{"text": "x"}]}},
                "direction": direction,
                "visibility": visibility,
            },
        )
        for n in range(1, count + 1):
            body = text.format(n=n)
            wire = {
                **template,
                "content": {"previewText": body[:256], "basic": {"items": [{"text": body}]}},
            }
            created = None
            if first_sequence is not None:
                created = datetime.fromtimestamp((first_sequence + n - 1) / 1_000_000, tz=UTC)
            self._state.seed_message(
                conversation_id, wire, sender=None, app_id=None, created=created
            )

    def messages(self, conversation_id: str) -> list[dict[str, Any]]:
        """Stored messages of a conversation, oldest first (copies)."""
        return self._state.messages(conversation_id)

    def conversations(self, site_id: str | None = None) -> list[dict[str, Any]]:
        """Stored conversations (of one site, or all), in creation order (copies)."""
        return self._state.conversations(site_id)

    # -- faults -------------------------------------------------------------------------------

    def inject(
        self,
        route: Route,
        *,
        times: int = 1,
        status: int | None = None,
        code: str | None = None,
        message: str | None = None,
        body: FaultBody = "wix",
        retry_after: int | str | None = None,
        retry_after_ms: int | None = None,
        delay: float = 0.0,
        disconnect: bool = False,
        after_processing: bool = False,
    ) -> InjectedFault:
        """Make the next ``times`` calls of ``route`` misbehave; return a handle on the fault.

        ``route`` is an operationId (``getConversation``, ``getOrCreateConversation``,
        ``listMessages``, ``sendMessage``) or ``"token"``. Faults of one route apply in the
        order they were added, each for its ``times`` calls. A fault comes before auth, rate
        limiting and validation, as a proxy in front of Wix would.

        * ``status`` / ``code`` / ``message``: answer a Wix error body
          ``{"message", "details": {"applicationError": {"code", "description", "data"}}}``.
          Without ``status`` the code's usual status is used (``CONVERSATION_NOT_FOUND`` 404,
          ``NOT_JOINED_CHATROOM`` 403, ...; 500 otherwise); without ``code``, the status's
          generic code (503 ``UNAVAILABLE``, 429 ``TOO_MANY_REQUESTS``, ...).
        * ``body="html"``: a proxy's HTML error page (default status 502).
          ``body="empty"``: no body. ``body="truncated"``: the JSON answer cut in half, with
          its Content-Length (default status: the real answer's with ``after_processing``,
          else 200).
        * ``retry_after``: ``Retry-After`` header (seconds, or an HTTP-date string);
          ``retry_after_ms``: ``retry-after-ms`` header.
        * ``delay``: seconds to wait before answering. Alone, it only adds latency to the real
          answer. Before processing, a client that gives up during the delay leaves no trace
          (the request is not applied).
        * ``disconnect``: close the connection without sending anything.
        * ``after_processing``: apply the request first (a sent message IS stored), then
          delay / fail / disconnect: the way to prove a client never sends a message twice.
        """
        if route not in ROUTES:
            raise ValueError(f"unknown route {route!r}; use one of {', '.join(ROUTES)}")
        if times < 1:
            raise ValueError("times must be at least 1")
        if status is not None and not 100 <= status <= 599:
            raise ValueError("status must be an HTTP status (100-599)")
        if body not in _FAULT_BODIES:
            raise ValueError(f"body must be one of {', '.join(_FAULT_BODIES)}")
        if delay < 0:
            raise ValueError("delay must not be negative")
        fault = InjectedFault(
            route,
            times=times,
            status=status,
            code=code,
            message=message,
            body=body,
            retry_after=retry_after,
            retry_after_ms=retry_after_ms,
            delay=delay,
            disconnect=disconnect,
            after_processing=after_processing,
        )
        self._state.add_fault(fault)
        return fault

    def clear_faults(self) -> None:
        """Drop every injected fault not used up yet."""
        self._state.clear_faults()

    # -- request log --------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests received so far, oldest first (a snapshot; secrets masked)."""
        return self._log.snapshot()

    def reset_requests(self) -> None:
        """Forget the requests received so far."""
        self._log.clear()

    # -- webhooks -----------------------------------------------------------------------------

    @property
    def webhook_url(self) -> str | None:
        """Where webhook events go; None: no event is made. Setting a URL needs the
        ``[webhooks]`` extra (events are signed): ImportError at once when it is missing, not
        later from a call that has already stored a message."""
        return self._webhook_url

    @webhook_url.setter
    def webhook_url(self, url: str | None) -> None:
        if url is not None:
            _require_webhooks_extra()
        self._webhook_url = url

    @property
    def webhook_signer(self) -> WebhookSigner:
        """The signer of this mock's webhook bodies (made on first use; ``[webhooks]`` extra)."""
        with self._signer_lock:
            if self._signer is None:
                from ._signer import WebhookSigner

                self._signer = WebhookSigner()
            return self._signer

    @property
    def webhook_public_key(self) -> str:
        """The PEM public key that verifies this mock's webhook bodies."""
        return self.webhook_signer.public_key

    @property
    def webhook_events(self) -> list[WebhookEventRecord]:
        """Every event emitted so far (id, type, signed body), oldest first."""
        return self._deliverer.events

    @property
    def webhook_deliveries(self) -> list[WebhookDelivery]:
        """Every delivery attempt so far, in the order they finished."""
        return self._deliverer.deliveries

    def wait_for_webhooks(self, timeout: float = 10.0) -> None:
        """Wait until no delivery is queued, waiting for a retry, or in flight.

        Raises TimeoutError when that takes longer than ``timeout`` seconds."""
        if not self._deliverer.wait_idle(timeout):
            raise TimeoutError(f"webhook deliveries still pending after {timeout:g} s")

    def fail_next_webhook_deliveries(self, times: int = 1) -> None:
        """Count the next ``times`` answered deliveries as failed although the receiver
        answered 200, as Wix does with a 200 that comes too late: the event is retried."""
        if times < 1:
            raise ValueError("times must be at least 1")
        self._deliverer.inject_failures(times)

    def click_button(
        self, conversation_id: str, interaction_id: str, *, message_id: str | None = None
    ) -> str | None:
        """The participant clicks the postback button ``interaction_id`` of a stored message
        (the newest one with it, or ``message_id``): emits ``button_interacted``.

        Returns the event id (None while no ``webhook_url`` is set). ValueError when no such
        button exists."""
        site = self._state.conversation_site(conversation_id)
        messages = self._state.messages(conversation_id)
        candidates = [m for m in reversed(messages) if message_id in (None, m["id"])]
        for message in candidates:
            button = _find_postback(message.get("content", {}), interaction_id)
            if button is not None:
                break
        else:
            raise ValueError(f"no postback button {interaction_id!r} in the conversation")
        participant = self._participant(conversation_id)
        payload: dict[str, Any] = {
            "conversationId": conversation_id,
            "interactionId": interaction_id,
            "interactedBy": participant,
        }
        app_id = button.get("appId") or message.get("appId")
        if app_id:
            payload["appId"] = app_id
        return self._emit(
            "button_interacted", payload, site, entity_id=message["id"], sender=participant
        )

    def merge_conversations(
        self, source_conversation_id: str, target_conversation_id: str
    ) -> str | None:
        """Merge one conversation into another (messages kept in time order; the source is
        gone): emits ``conversations_merged``. Returns the event id (None without a URL)."""
        site = self._state.merge_conversations(source_conversation_id, target_conversation_id)
        payload = {
            "oldConversationIds": [source_conversation_id],
            "targetConversationId": target_conversation_id,
        }
        return self._emit(
            "conversations_merged",
            payload,
            site,
            entity_id=target_conversation_id,
            sender={"wixUserId": site.wix_user_id},
        )

    def _participant(self, conversation_id: str) -> dict[str, Any]:
        for conversation in self._state.conversations(None):
            if conversation["id"] == conversation_id:
                return dict(conversation["participant"])
        raise KeyError(f"unknown conversation {conversation_id}")

    def _participant_wrote(self, site: Site, conversation_id: str, message: dict[str, Any]) -> None:
        if self.webhook_url is None:
            return
        payload = {"conversationId": conversation_id, "message": _copy(message)}
        self._emit(
            "message_sent_to_business",
            payload,
            site,
            entity_id=str(message["id"]),
            sender=message.get("sender") or {},
        )

    def _emit(
        self,
        event: str,
        payload: dict[str, Any],
        site: Site,
        *,
        entity_id: str,
        sender: Mapping[str, Any],
    ) -> str | None:
        if self.webhook_url is None:
            return None
        instance = self._state.instance_of_site(site.site_id)
        event_id = str(uuid.uuid4())
        signer = self.webhook_signer
        body = signer.sign_event(
            event,
            payload,
            event_id=event_id,
            entity_id=entity_id,
            instance_id=instance.instance_id if instance else str(uuid.uuid4()),
            identity=_identity(sender),
            account_info={"accountId": site.account_id, "siteId": site.site_id},
        )
        from ._signer import EVENT_TYPES

        self._deliverer.emit(WebhookEventRecord(event_id, EVENT_TYPES[event], body))
        return event_id

    # -- demo data ----------------------------------------------------------------------------

    @classmethod
    def with_demo_data(cls, **kwargs: Any) -> MockInbox:
        """A mock (not started) seeded with demo conversations of every content kind.

        Takes the same arguments as ``MockInbox()``.
        """
        from ._demo import seed_demo_data

        mock = cls(**kwargs)
        seed_demo_data(mock)
        return mock

    def __repr__(self) -> str:
        where = self._url if self._server is not None else "stopped"
        return f"MockInbox({where}, site_id={self.site_id!r})"


def _require_webhooks_extra() -> None:
    """ImportError naming the extra when the signer's libraries (PyJWT, cryptography) are
    missing."""
    try:
        from . import _signer  # noqa: F401
    except ImportError as error:
        raise ImportError(
            "MockInbox(webhook_url=...) signs its events with PyJWT and cryptography: "
            "pip install 'wix-inbox-client[webhooks]'"
        ) from error


def _copy(value: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(value)


_IDENTITY_TYPES = {
    "memberId": "MEMBER",
    "anonymousVisitorId": "ANONYMOUS_VISITOR",
    "wixUserId": "WIX_USER",
    "appId": "APP",
}


def _identity(sender: Mapping[str, Any]) -> dict[str, Any]:
    """The webhook identity of a sender (a contact has no identity kind of its own)."""
    for key, kind in _IDENTITY_TYPES.items():
        if sender.get(key):
            return {"identityType": kind, key: sender[key]}
    return {"identityType": "UNKNOWN"}


def _find_postback(node: Any, interaction_id: str) -> dict[str, Any] | None:
    """The postbackProperties with ``interaction_id`` anywhere in a message's content."""
    if isinstance(node, Mapping):
        postback = node.get("postbackProperties")
        if isinstance(postback, Mapping) and postback.get("interactionId") == interaction_id:
            return dict(postback)
        for value in node.values():
            found = _find_postback(value, interaction_id)
            if found is not None:
                return found
    elif isinstance(node, list):
        for item in node:
            found = _find_postback(item, interaction_id)
            if found is not None:
                return found
    return None
