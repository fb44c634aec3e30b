"""State and behaviour of the mock Inbox, independent of HTTP.

Everything here is guarded by one re-entrant lock, so the server thread and the test thread can
use it at the same time. Stored messages and conversations are never mutated after they are
stored, so handlers may serialise them outside the lock; the public helpers hand out copies.
"""

from __future__ import annotations

import base64
import bisect
import copy
import hashlib
import hmac
import json
import math
import secrets
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from urllib.parse import urlsplit

import attrs

from .._openapi import FieldViolation
from ._models import ROUTES, AppInstance, InjectedFault, RecordedRequest, Site
from ._spec import MockSpec, Operation, mock_spec

__all__ = ["Caller", "InboxState", "RequestLog", "WixError", "wix_error_body"]

DEFAULT_PAGE_SIZE = 30
MEDIA_URL_TTL = timedelta(hours=10)
_PARTICIPANT_KINDS = ("contactId", "memberId", "anonymousVisitorId")
_READ_ONLY_MESSAGE_FIELDS = ("id", "sequence", "createdDate", "sender", "appId")
_STATUS_CODES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHORIZED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ALREADY_EXISTS",
    428: "FAILED_PRECONDITION",
    429: "TOO_MANY_REQUESTS",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    502: "BAD_GATEWAY",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}
# The status each application error code travels with.
CODE_STATUS = {
    "CONVERSATION_NOT_FOUND": 404,
    "NOT_OWNED_BY_BUSINESS": 404,
    "INBOX_INSTANCE_NOT_FOUND": 404,
    "NO_INBOX_INSTANCE": 400,
    "NOT_JOINED_CHATROOM": 403,
    "IDENTITY_DOES_NOT_MATCH": 400,
    "INVALID_MEDIA_URL": 400,
    **{code: status for status, code in _STATUS_CODES.items()},
}


def default_code(status: int) -> str:
    """The generic Wix error code of an HTTP status."""
    return _STATUS_CODES.get(status, "INTERNAL" if status >= 500 else "INVALID_ARGUMENT")


def wix_error_body(
    message: str,
    *,
    code: str | None = None,
    violations: Iterable[FieldViolation] | None = None,
    data: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A Wix error body: an application error (``code``) or a validation error."""
    if violations is not None:
        details: dict[str, Any] = {
            "validationError": {"fieldViolations": [v.to_wire() for v in violations]}
        }
    else:
        details = {
            "applicationError": {
                "code": code or "INTERNAL",
                "description": message,
                "data": dict(data or {}),
            }
        }
    return {"message": message, "details": details}


class WixError(Exception):
    """An error answer of the API: HTTP status plus Wix error body."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        violations: list[FieldViolation] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or (None if violations is not None else default_code(status))
        self.violations = violations
        self.headers = dict(headers or {})

    @classmethod
    def invalid(cls, violations: list[FieldViolation]) -> WixError:
        first = violations[0]
        return cls(400, f"{first.field}: {first.description}", violations=violations)

    def body(self) -> dict[str, Any]:
        return wix_error_body(self.message, code=self.code, violations=self.violations)


@attrs.frozen
class Caller:
    """Who makes an authenticated call, and for which site."""

    site: Site
    kind: Literal["api_key", "app"]
    wix_user_id: str
    app_id: str | None = None


@attrs.define
class _Token:
    instance: AppInstance
    expires_at: float


@attrs.define
class _Account:
    account_id: str
    api_key: str
    wix_user_id: str


@attrs.define
class _Conversation:
    site_id: str
    wire: dict[str, Any]
    # Messages in ascending sequence order, all and participant-visible only, with their
    # sequences as integers for bisection.
    messages: list[dict[str, Any]] = attrs.field(factory=list)
    seqs: list[int] = attrs.field(factory=list)
    public: list[dict[str, Any]] = attrs.field(factory=list)
    public_seqs: list[int] = attrs.field(factory=list)


def iso_ms(moment: datetime) -> str:
    """``2021-12-30T08:12:43.799Z``: UTC with milliseconds."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _guid() -> str:
    return str(uuid.uuid4())


def _strip_nulls(value: Any) -> Any:
    # Protobuf JSON treats null as "not set"; so does the real API.
    if isinstance(value, Mapping):
        return {k: _strip_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip_nulls(v) for v in value]
    return value


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    """Decode base64url written without padding, as Wix writes cursors and ``.r``."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class _RateLimiter:
    """Sliding window: at most ``limit`` requests per ``window`` seconds, per site."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self._hits: dict[str, deque[float]] = {}

    def hit(self, key: str, now: float) -> float | None:
        """Count a request; return None, or the seconds to wait when over the budget."""
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return hits[0] + self.window - now
        hits.append(now)
        return None


class InboxState:
    """Sites, credentials, conversations, messages, faults and limits of one mock."""

    def __init__(
        self,
        *,
        token_ttl: int,
        rate_limit: tuple[int, float] | None,
        the_spec: MockSpec | None = None,
    ) -> None:
        self.lock = threading.RLock()
        self.spec = the_spec or mock_spec()
        self.token_ttl = token_ttl
        self._secret = secrets.token_bytes(32)
        self._accounts: dict[str, _Account] = {}
        self._keys: dict[str, _Account] = {}
        self._sites: dict[str, Site] = {}
        self._apps: dict[str, str] = {}
        self._instances: dict[str, AppInstance] = {}
        self._tokens: dict[str, _Token] = {}
        self._conversations: dict[str, _Conversation] = {}
        self._by_participant: dict[tuple[str, str, str], str] = {}
        self._last_sequence = 0
        self._limiter = _RateLimiter(*rate_limit) if rate_limit else None
        self._faults: dict[str, list[InjectedFault]] = {route: [] for route in ROUTES}
        # Called (under the lock) with the conversation's site and id and each stored
        # participant-to-business message; the mock queues a webhook event from it.
        self.on_participant_message: Callable[[Site, str, dict[str, Any]], None] | None = None

    # -- operations of the spec ---------------------------------------------------------------

    def operation(self, operation_id: str) -> Operation:
        return self.spec.operations[operation_id]

    # -- sites and credentials ----------------------------------------------------------------

    def add_site(
        self, *, name: str, account_id: str | None, site_id: str | None, api_key: str | None
    ) -> Site:
        with self.lock:
            account = self._accounts.get(account_id) if account_id else None
            if account is None:
                if api_key is not None and api_key in self._keys:
                    raise ValueError("api_key is already used by another account")
                account = _Account(
                    account_id=account_id or _guid(),
                    api_key=api_key or f"IST.mock.{secrets.token_urlsafe(32)}",
                    wix_user_id=_guid(),
                )
                self._accounts[account.account_id] = account
                self._keys[account.api_key] = account
            elif api_key is not None and api_key != account.api_key:
                raise ValueError("an existing account keeps its api_key")
            site_id = site_id or _guid()
            if site_id in self._sites:
                raise ValueError(f"site {site_id} exists already")
            site = Site(
                site_id=site_id,
                api_key=account.api_key,
                account_id=account.account_id,
                wix_user_id=account.wix_user_id,
                name=name,
            )
            self._sites[site_id] = site
            return site

    def install_app(
        self, site_id: str, *, app_id: str | None, app_secret: str | None
    ) -> AppInstance:
        with self.lock:
            if site_id not in self._sites:
                raise KeyError(f"unknown site {site_id}")
            if app_id is not None and app_id in self._apps:
                if app_secret is not None and app_secret != self._apps[app_id]:
                    raise ValueError("a registered app keeps its secret")
                secret = self._apps[app_id]
            else:
                app_id = app_id or _guid()
                secret = app_secret or secrets.token_urlsafe(24)
                self._apps[app_id] = secret
            instance = AppInstance(
                app_id=app_id, app_secret=secret, instance_id=_guid(), site_id=site_id
            )
            self._instances[instance.instance_id] = instance
            return instance

    def site(self, site_id: str) -> Site:
        with self.lock:
            return self._sites[site_id]

    def issue_token(self, body: Any) -> dict[str, Any]:
        """``POST /oauth2/token`` with the client-credentials grant."""
        if not isinstance(body, Mapping):
            raise WixError(400, "The body must be a JSON object", code="INVALID_REQUEST")
        if body.get("grant_type") != "client_credentials":
            raise WixError(
                400, "grant_type must be client_credentials", code="UNSUPPORTED_GRANT_TYPE"
            )
        missing = [k for k in ("client_id", "client_secret", "instance_id") if not body.get(k)]
        if missing:
            raise WixError(400, f"Missing {', '.join(missing)}", code="INVALID_REQUEST")
        with self.lock:
            secret = self._apps.get(str(body["client_id"]))
            given = str(body["client_secret"]).encode("utf-8", "surrogatepass")
            if secret is None or not hmac.compare_digest(secret.encode("utf-8"), given):
                raise WixError(401, "Invalid client credentials", code="INVALID_CLIENT")
            instance = self._instances.get(str(body["instance_id"]))
            if instance is None or instance.app_id != body["client_id"]:
                raise WixError(
                    400, "The app is not installed with this instance", code="INVALID_INSTANCE"
                )
            token = f"OauthNG.JWS.mock.{secrets.token_urlsafe(32)}"
            self._tokens[token] = _Token(instance, time.monotonic() + self.token_ttl)
            return {"access_token": token, "expires_in": self.token_ttl}

    def expire_tokens(self) -> None:
        with self.lock:
            for token in self._tokens.values():
                token.expires_at = 0.0

    def authenticate(self, headers: Mapping[str, str]) -> Caller:
        """The caller, from ``Authorization`` and ``wix-site-id`` / ``wix-account-id``."""
        credential = headers.get("authorization", "").strip()
        if not credential:
            raise WixError(401, "Missing Authorization header", code="UNAUTHORIZED")
        site_header = headers.get("wix-site-id", "").strip()
        account_header = headers.get("wix-account-id", "").strip()
        with self.lock:
            token = self._tokens.get(credential)
            if token is not None:
                if token.expires_at <= time.monotonic():
                    raise WixError(401, "The access token has expired", code="UNAUTHORIZED")
                site = self._sites[token.instance.site_id]
                if site_header and site_header != site.site_id:
                    raise WixError(
                        403, "The token does not belong to this site", code="PERMISSION_DENIED"
                    )
                return Caller(site, "app", site.wix_user_id, token.instance.app_id)
            account = self._keys.get(credential)
            if account is None:
                raise WixError(401, "Unknown API key or access token", code="UNAUTHORIZED")
            if site_header and account_header:
                raise WixError(
                    400,
                    "Send either wix-site-id or wix-account-id, not both",
                    code="INVALID_ARGUMENT",
                )
            if not site_header:
                raise WixError(
                    403,
                    "This API acts on a site: send the wix-site-id header",
                    code="PERMISSION_DENIED",
                )
            site_or_none = self._sites.get(site_header)
            if site_or_none is None or site_or_none.account_id != account.account_id:
                raise WixError(
                    403, "The API key has no access to this site", code="PERMISSION_DENIED"
                )
            return Caller(site_or_none, "api_key", account.wix_user_id)

    def check_rate(self, site_id: str) -> None:
        if self._limiter is None:
            return
        with self.lock:
            wait = self._limiter.hit(site_id, time.monotonic())
        if wait is not None:
            seconds = max(1, math.ceil(wait))
            raise WixError(
                429,
                "Too many requests",
                code="TOO_MANY_REQUESTS",
                headers={"Retry-After": str(seconds)},
            )

    # -- faults -------------------------------------------------------------------------------

    def add_fault(self, fault: InjectedFault) -> None:
        with self.lock:
            self._faults[fault.route].append(fault)

    def take_fault(self, route: str) -> InjectedFault | None:
        with self.lock:
            queue = self._faults.get(route)
            if not queue:
                return None
            while queue:
                fault = queue[0]
                if fault._take():
                    if fault.remaining == 0:
                        queue.pop(0)
                    return fault
                queue.pop(0)
            return None

    def clear_faults(self) -> None:
        with self.lock:
            for queue in self._faults.values():
                for fault in queue:
                    fault.cancel()
                queue.clear()

    # -- conversations ------------------------------------------------------------------------

    def get_or_create(
        self,
        site: Site,
        participant_id: Mapping[str, Any],
        *,
        display_name: str | None = None,
        channels: Iterable[str] = ("CHAT",),
    ) -> tuple[dict[str, Any], bool]:
        kind = next(k for k in _PARTICIPANT_KINDS if participant_id.get(k))
        value = str(participant_id[kind])
        with self.lock:
            existing = self._by_participant.get((site.site_id, kind, value))
            if existing is not None:
                return self._conversations[existing].wire, False
            label = {"contactId": "Contact", "memberId": "Member"}.get(kind, "Visitor")
            wire: dict[str, Any] = {
                "id": _guid(),
                "participant": {kind: value},
                "channels": list(channels),
                "businessDisplayData": {"name": site.name},
                "participantDisplayData": {"name": display_name or f"{label} {value[:5]}"},
            }
            self._conversations[wire["id"]] = _Conversation(site.site_id, wire)
            self._by_participant[(site.site_id, kind, value)] = wire["id"]
            return wire, True

    def _conversation(
        self, site: Site, conversation_id: str, *, not_owned_code: str = "NOT_OWNED_BY_BUSINESS"
    ) -> _Conversation:
        conversation = self._conversations.get(conversation_id)
        if conversation is None:
            raise WixError(404, "Conversation not found", code="CONVERSATION_NOT_FOUND")
        if conversation.site_id != site.site_id:
            message = (
                "Conversation is not owned by the business"
                if not_owned_code == "NOT_OWNED_BY_BUSINESS"
                else "Conversation not found"
            )
            raise WixError(404, message, code=not_owned_code)
        return conversation

    def get_conversation(self, site: Site, conversation_id: str) -> dict[str, Any]:
        with self.lock:
            return self._conversation(site, conversation_id).wire

    def conversations(self, site_id: str | None) -> list[dict[str, Any]]:
        with self.lock:
            return [
                copy.deepcopy(c.wire)
                for c in self._conversations.values()
                if site_id is None or c.site_id == site_id
            ]

    def conversation_site(self, conversation_id: str) -> Site:
        with self.lock:
            conversation = self._conversations.get(conversation_id)
            if conversation is None:
                raise KeyError(f"unknown conversation {conversation_id}")
            return self._sites[conversation.site_id]

    def instance_of_site(self, site_id: str) -> AppInstance | None:
        """The first app instance installed on a site (the one webhooks are delivered to)."""
        with self.lock:
            return next((i for i in self._instances.values() if i.site_id == site_id), None)

    def merge_conversations(self, source_id: str, target_id: str) -> Site:
        """Move every message of ``source_id`` into ``target_id`` (kept in time order) and
        drop the source; its participant now finds the target. Returns the site."""
        with self.lock:
            source = self._conversations.get(source_id)
            target = self._conversations.get(target_id)
            if source is None or target is None or source is target:
                raise KeyError("merge needs two different existing conversations")
            if source.site_id != target.site_id:
                raise ValueError("only conversations of one site can be merged")
            merged = sorted(source.messages + target.messages, key=lambda m: int(m["sequence"]))
            target.messages = merged
            target.seqs = [int(m["sequence"]) for m in merged]
            target.public = [m for m in merged if m["visibility"] == "BUSINESS_AND_PARTICIPANT"]
            target.public_seqs = [int(m["sequence"]) for m in target.public]
            del self._conversations[source_id]
            for key, value in list(self._by_participant.items()):
                if value == source_id:
                    self._by_participant[key] = target_id
            return self._sites[target.site_id]

    # -- messages -----------------------------------------------------------------------------

    def _next_sequence(self, at_least: int) -> int:
        """The sequence of the next message; recorded by :meth:`_store` only once it is stored."""
        return max(at_least, self._last_sequence + 1)

    def messages(self, conversation_id: str) -> list[dict[str, Any]]:
        with self.lock:
            conversation = self._conversations.get(conversation_id)
            if conversation is None:
                raise KeyError(f"unknown conversation {conversation_id}")
            return copy.deepcopy(conversation.messages)

    def send_message(self, caller: Caller, request: Mapping[str, Any]) -> dict[str, Any]:
        """Store a validated ``sendMessage`` request; return the stored message."""
        with self.lock:
            conversation = self._conversation(
                caller.site, str(request["conversationId"]), not_owned_code="CONVERSATION_NOT_FOUND"
            )
            message = request["message"]
            send_as = request.get("sendAs", "CALLER")
            direction = message.get("direction", "UNKNOWN_DIRECTION")
            if send_as == "PARTICIPANT" and direction == "BUSINESS_TO_PARTICIPANT":
                raise WixError(
                    400,
                    "The participant cannot send a business-to-participant message",
                    code="IDENTITY_DOES_NOT_MATCH",
                )
            if send_as == "BUSINESS_USER" and direction == "PARTICIPANT_TO_BUSINESS":
                raise WixError(
                    400,
                    "A business user cannot send a participant-to-business message",
                    code="IDENTITY_DOES_NOT_MATCH",
                )
            if send_as == "PARTICIPANT":
                sender = dict(conversation.wire["participant"])
            elif send_as == "CALLER" and caller.kind == "app" and caller.app_id:
                sender = {"appId": caller.app_id}
            else:
                sender = {"wixUserId": caller.wix_user_id}
            silent = bool(message.get("silent", False) or request.get("silent", False))
            return self._store(
                conversation,
                message,
                sender=sender,
                app_id=caller.app_id if caller.kind == "app" else None,
                silent=silent,
                created=None,
            )

    def seed_message(
        self,
        conversation_id: str,
        message: Mapping[str, Any],
        *,
        sender: Mapping[str, Any] | None,
        app_id: str | None,
        created: datetime | None,
    ) -> dict[str, Any]:
        created = _seed_date(created)  # ValueError before anything changes
        with self.lock:
            conversation = self._conversations.get(conversation_id)
            if conversation is None:
                raise KeyError(f"unknown conversation {conversation_id}")
            if sender is None:
                if message.get("direction") == "PARTICIPANT_TO_BUSINESS":
                    sender = dict(conversation.wire["participant"])
                else:
                    sender = {"wixUserId": self._sites[conversation.site_id].wix_user_id}
            return self._store(
                conversation,
                message,
                sender=dict(sender),
                app_id=app_id,
                silent=bool(message.get("silent", False)),
                created=created,
            )

    def _store(
        self,
        conversation: _Conversation,
        message: Mapping[str, Any],
        *,
        sender: dict[str, Any],
        app_id: str | None,
        silent: bool,
        created: datetime | None,
    ) -> dict[str, Any]:
        _check_media_urls(message.get("content", {}))
        if created is None:
            sequence = self._next_sequence(time.time_ns() // 1000)
            created = datetime.fromtimestamp(sequence / 1_000_000, tz=UTC)
        else:
            if created.tzinfo is None:
                created = created.replace(tzinfo=UTC)
            sequence = self._next_sequence(int(created.timestamp() * 1_000_000))
        content = _with_content_defaults(message.get("content", {}), created, app_id)
        stored: dict[str, Any] = {"id": str(sequence), "content": content, "sender": sender}
        stored["badges"] = list(message.get("badges", []))
        stored["targetChannels"] = list(message.get("targetChannels", []))
        stored["sourceChannel"] = message.get("sourceChannel", "UNKNOWN_CHANNEL_TYPE")
        if app_id is not None:
            stored["appId"] = app_id
        stored["visibility"] = message.get("visibility", "UNKNOWN_VISIBILITY")
        stored["sequence"] = str(sequence)
        stored["direction"] = message.get("direction", "UNKNOWN_DIRECTION")
        stored["createdDate"] = iso_ms(created)
        stored["targetChannelIds"] = list(message.get("targetChannelIds", []))
        if message.get("sourceChannelId") is not None:
            stored["sourceChannelId"] = message["sourceChannelId"]
        stored["silent"] = silent
        # Everything above may fail; from here on nothing can, so a failed call leaves no trace.
        self._last_sequence = sequence
        conversation.messages.append(stored)
        conversation.seqs.append(sequence)
        if stored["visibility"] == "BUSINESS_AND_PARTICIPANT":
            conversation.public.append(stored)
            conversation.public_seqs.append(sequence)
        if stored["direction"] == "PARTICIPANT_TO_BUSINESS" and self.on_participant_message:
            self.on_participant_message(
                self._sites[conversation.site_id], str(conversation.wire["id"]), stored
            )
        return stored

    def clean_message(self, message: Mapping[str, Any]) -> dict[str, Any]:
        """A client's message without read-only fields, nulls and fields the spec lacks."""
        schema = self._message_schema()
        cleaned = {k: v for k, v in message.items() if k not in _READ_ONLY_MESSAGE_FIELDS}
        pruned = self.spec.prune(schema, _strip_nulls(cleaned))
        assert isinstance(pruned, dict)
        return pruned

    def _message_schema(self) -> Mapping[str, Any]:
        body = self.operation("sendMessage").body_schema or {}
        schema, _ = self.spec.resolve(body.get("properties", {}).get("message", {}))
        return schema if isinstance(schema, Mapping) else {}

    # -- paging -------------------------------------------------------------------------------

    def list_messages(self, site: Site, request: Mapping[str, Any]) -> dict[str, Any]:
        """One page of a validated ``listMessages`` request."""
        conversation_id = str(request["conversationId"])
        visibility = str(request["visibility"])
        paging = request.get("paging", {})
        sorting = request.get("sorting", {})
        limit = int(paging.get("limit") or DEFAULT_PAGE_SIZE)
        order = sorting.get("order")
        position: tuple[str, int] | None = None
        raw_cursor = paging.get("cursor")
        if raw_cursor:
            cursor = self._decode_cursor(str(raw_cursor))
            if (
                cursor.get("s") != site.site_id
                or cursor.get("c") != conversation_id
                or cursor.get("v") != visibility
                or (order is not None and cursor.get("o") != order)
            ):
                raise _cursor_error(
                    "was issued for another query (site, conversation, visibility or sorting)"
                )
            order = str(cursor["o"])
            position = (str(cursor["d"]), int(cursor["k"]))
        order = order or "DESC"
        with self.lock:
            conversation = self._conversation(
                site, conversation_id, not_owned_code="CONVERSATION_NOT_FOUND"
            )
            if visibility == "BUSINESS":
                items, seqs = conversation.messages, conversation.seqs
            else:
                items, seqs = conversation.public, conversation.public_seqs
            count = len(seqs)
            start, end = _window(seqs, order, limit, position)
            if order == "ASC":
                page = items[start:end]
            else:
                page = [items[count - 1 - i] for i in range(start, end)]
        next_cursor = prev_cursor = None
        base = {"s": site.site_id, "c": conversation_id, "v": visibility, "o": order}
        if page and end < count:
            next_cursor = self._encode_cursor({**base, "d": "n", "k": page[-1]["sequence"]})
        if page and start > 0:
            prev_cursor = self._encode_cursor({**base, "d": "p", "k": page[0]["sequence"]})
        return {
            "messages": page,
            "pagingMetadata": {
                "count": len(page),
                "cursors": {"next": next_cursor, "prev": prev_cursor},
            },
        }

    def _encode_cursor(self, payload: Mapping[str, Any]) -> str:
        raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
        return _b64(raw + hmac.new(self._secret, raw, hashlib.sha256).digest())

    def _decode_cursor(self, text: str) -> dict[str, Any]:
        try:
            blob = unb64url(text)
        except (ValueError, TypeError):
            raise _cursor_error("is not a valid cursor") from None
        raw, signature = blob[:-32], blob[-32:]
        expected = hmac.new(self._secret, raw, hashlib.sha256).digest()
        if len(blob) <= 32 or not hmac.compare_digest(signature, expected):
            raise _cursor_error("is not a cursor of this server, or was altered")
        payload = json.loads(raw)
        if not isinstance(payload, dict):  # pragma: no cover - we signed it
            raise _cursor_error("is not a valid cursor")
        return payload


# Dates a seeded message may have: later messages get later sequences (microseconds since
# 1970), and each needs its media expiry (+10 h) to stay a valid datetime.
_SEED_DATES = (datetime(1970, 1, 1, tzinfo=UTC), datetime(9000, 1, 1, tzinfo=UTC))


def _seed_date(created: datetime | None) -> datetime | None:
    if created is None:
        return None
    if not isinstance(created, datetime):
        raise ValueError(f"created_date must be a datetime, got {type(created).__name__}")
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    try:
        in_range = _SEED_DATES[0] <= created <= _SEED_DATES[1]
    except OverflowError:  # pragma: no cover - an offset pushing it out of datetime's range
        in_range = False
    if not in_range:
        raise ValueError(
            f"created_date must be between {_SEED_DATES[0]:%Y-%m-%d} and "
            f"{_SEED_DATES[1]:%Y-%m-%d}, got {created.isoformat()}"
        )
    return created


def _cursor_error(why: str) -> WixError:
    return WixError.invalid([FieldViolation("paging.cursor", why, "VALIDATION")])


def _window(
    seqs: list[int], order: str, limit: int, position: tuple[str, int] | None
) -> tuple[int, int]:
    """Start and end, in view order (ASC or DESC), of the page after/before a position."""
    count = len(seqs)
    if position is None:
        return 0, min(limit, count)
    direction, key = position
    if direction == "n":  # the items strictly after the key, in view order
        start = (
            bisect.bisect_right(seqs, key)
            if order == "ASC"
            else count - bisect.bisect_left(seqs, key)
        )
        return start, min(start + limit, count)
    # the items strictly before the key, in view order, nearest ones
    end = (
        bisect.bisect_left(seqs, key) if order == "ASC" else count - bisect.bisect_right(seqs, key)
    )
    return max(0, end - limit), end


def _media(content: Mapping[str, Any]) -> Iterable[tuple[str, Mapping[str, Any]]]:
    basic = content.get("basic") or {}
    for index, item in enumerate(basic.get("items") or []):
        for kind in ("image", "file"):
            if isinstance(item, Mapping) and isinstance(item.get(kind), Mapping):
                yield f"message.content.basic.items[{index}].{kind}", item[kind]
    form = content.get("form") or {}
    for index, item in enumerate(form.get("media") or []):
        for kind in ("image", "file"):
            if isinstance(item, Mapping) and isinstance(item.get(kind), Mapping):
                yield f"message.content.form.media[{index}].{kind}", item[kind]


def _check_media_urls(content: Mapping[str, Any]) -> None:
    for where, media in _media(content):
        url = media.get("url")
        if url is None:
            continue
        parts = urlsplit(str(url))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise WixError(
                400,
                f"Invalid media URL at {where}.url: only http and https addresses can be used",
                code="INVALID_MEDIA_URL",
            )


def _with_content_defaults(
    content: Mapping[str, Any], created: datetime, app_id: str | None
) -> dict[str, Any]:
    """The content as Wix stores it: defaults filled in, read-only fields set."""
    result = copy.deepcopy(dict(content))
    expires = iso_ms(created + MEDIA_URL_TTL)
    for _, media in _media(result):
        assert isinstance(media, dict)
        if "url" in media:
            media["urlExpiration"] = expires
        else:
            media.pop("urlExpiration", None)
    template = result.get("template")
    if isinstance(template, dict):
        template.setdefault("buttons", [])
        template.setdefault("textLines", [])
        template.setdefault("orientation", "PORTRAIT")
    form = result.get("form")
    if isinstance(form, dict):
        form.setdefault("media", [])
    system = result.get("system")
    if isinstance(system, dict):
        system.setdefault("buttons", [])
    for payload in (template, system):
        if isinstance(payload, dict):
            for button in payload["buttons"]:
                postback = button.get("postbackProperties") if isinstance(button, dict) else None
                if isinstance(postback, dict) and app_id is not None:
                    postback["appId"] = app_id
    return result


class RequestLog:
    """Thread-safe list of the requests a mock received."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: list[RecordedRequest] = []

    def add(self, record: RecordedRequest) -> None:
        with self._lock:
            self._records.append(record)

    def snapshot(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._records)

    def clear(self) -> None:
        with self._lock:
            self._records.clear()
