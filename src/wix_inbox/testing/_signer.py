"""Making webhook bodies exactly as Wix does, for tests (needs the ``[webhooks]`` extra).

A body is one compact JWS: header ``{"kid", "alg": "RS256"}``, claims ``{"data", "iat", "exp"}``
where ``data`` is JSON text of the envelope ``{"eventType", "instanceId", "data", "identity",
"accountInfo"}``, whose ``data`` is JSON text of the DomainEvent and ``identity`` JSON text of
the identity. The signature is made by PyJWT's RS256 implementation.
"""

from __future__ import annotations

import base64
import secrets
import time
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import attrs
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import get_default_algorithms

from .._jsontext import dumps_text

__all__ = ["EVENT_TYPES", "WebhookKeyPair", "WebhookSigner"]

# Short name -> (entityFqdn, slug); eventType is entityFqdn + "_" + slug.
_EVENTS = {
    "message_sent_to_business": ("wix.crm.inbox.v2.message", "message_sent_to_business"),
    "button_interacted": ("wix.crm.inbox.v2.message", "button_interacted"),
    "conversations_merged": ("wix.crm.inbox.v2.conversation", "conversations_merged"),
}
EVENT_TYPES = {name: f"{fqdn}_{slug}" for name, (fqdn, slug) in _EVENTS.items()}
# The span of Wix's published sample token (exp - iat); real webhook lifetimes are not known.
DEFAULT_LIFETIME = 300_000


@attrs.frozen
class WebhookKeyPair:
    """An RSA key pair standing in for an app's (Wix keeps the private half of the real one)."""

    private_pem: str = attrs.field(repr=False)
    public_pem: str

    @classmethod
    def generate(cls, bits: int = 2048) -> WebhookKeyPair:
        """A fresh key pair (``bits`` below 2048 only to test that verifiers refuse them)."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
        private = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode("ascii")
        public = (
            key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode("ascii")
        )
        return cls(private_pem=private, public_pem=public)

    @property
    def public_key_base64(self) -> str:
        """The public PEM encoded in base64 on one line (fits an environment variable)."""
        return base64.b64encode(self.public_pem.encode("ascii")).decode("ascii")


def _compact(value: Any) -> str:
    # dumps_text: a lone surrogate in an event ("\ud800") is written escaped, as Wix does.
    return dumps_text(value, separators=(",", ":"))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _iso(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


class WebhookSigner:
    """Signs webhook bodies as Wix does, with ``key_pair`` (a fresh one when omitted).

    ``sign_event`` builds every layer; ``sign_envelope`` and ``sign_claims`` start lower, for
    tests of hostile or malformed bodies.
    """

    def __init__(
        self,
        key_pair: WebhookKeyPair | None = None,
        *,
        kid: str | None = None,
        lifetime: int = DEFAULT_LIFETIME,
    ) -> None:
        self.key_pair = key_pair or WebhookKeyPair.generate()
        self.kid = kid or secrets.token_urlsafe(6)
        self.lifetime = lifetime
        self._private_key = serialization.load_pem_private_key(
            self.key_pair.private_pem.encode("ascii"), password=None
        )

    def __repr__(self) -> str:
        return f"WebhookSigner(kid={self.kid!r})"

    @property
    def public_key(self) -> str:
        """The public key (PEM) that verifies this signer's bodies."""
        return self.key_pair.public_pem

    def sign_claims(
        self,
        claims: Mapping[str, Any] | bytes,
        *,
        header: Mapping[str, Any] | None = None,
        algorithm: str = "RS256",
    ) -> str:
        """A compact JWS of ``claims`` (an object, or raw bytes used as the payload as is).

        ``header`` replaces the default ``{"kid", "alg"}``; ``algorithm`` is any of PyJWT's
        RSA algorithms (RS256, RS512, PS256...) and signs with this signer's private key.
        """
        head = dict(header) if header is not None else {"kid": self.kid, "alg": algorithm}
        payload = claims if isinstance(claims, bytes) else _compact(dict(claims)).encode()
        signing_input = f"{_b64url(_compact(head).encode())}.{_b64url(payload)}"
        signer = get_default_algorithms()[algorithm]
        signature = signer.sign(signing_input.encode("ascii"), self._private_key)
        return f"{signing_input}.{_b64url(signature)}"

    def sign_envelope(
        self,
        envelope: Mapping[str, Any],
        *,
        iat: int | None = None,
        exp: int | None = None,
        extra_claims: Mapping[str, Any] | None = None,
    ) -> str:
        """A body whose ``data`` claim is JSON text of ``envelope`` (given as is)."""
        issued = int(time.time()) if iat is None else iat
        claims: dict[str, Any] = {"data": _compact(dict(envelope)), "iat": issued}
        claims["exp"] = issued + self.lifetime if exp is None else exp
        claims.update(extra_claims or {})
        return self.sign_claims(claims)

    def sign_event(
        self,
        event: str,
        payload: Mapping[str, Any],
        *,
        event_id: str | None = None,
        entity_id: str | None = None,
        instance_id: str | None = None,
        event_time: datetime | None = None,
        identity: Mapping[str, Any] | None = None,
        account_info: Mapping[str, Any] | None = None,
        entity_fqdn: str | None = None,
        slug: str | None = None,
        body_as_json: bool = False,
        iat: int | None = None,
        exp: int | None = None,
    ) -> str:
        """A body for one event, every layer as Wix builds it.

        ``event``: ``message_sent_to_business``, ``button_interacted``,
        ``conversations_merged`` or any full eventType (``entity_fqdn`` and ``slug`` are then
        taken from it when not given). ``payload`` is the event's ``actionEvent.body`` (REST
        field names); with ``body_as_json`` it is sent as ``actionEvent.bodyAsJson`` text.
        Defaults: new GUIDs for the event id and instance id, ``entity_id`` from the payload
        (message id, or target conversation id), now for the event time.
        """
        event_type = EVENT_TYPES.get(event, event)
        fqdn, name = _EVENTS.get(event, (None, None))
        if fqdn is None:
            fqdn, _, name = event_type.rpartition("_")
        entity = entity_id if entity_id is not None else _entity_id(payload)
        domain: dict[str, Any] = {
            "id": event_id or str(uuid.uuid4()),
            "entityFqdn": entity_fqdn or fqdn,
            "slug": slug or name,
            "entityId": entity,
            "eventTime": _iso(event_time or datetime.now(UTC)),
            "triggeredByAnonymizeRequest": False,
            "actionEvent": (
                {"bodyAsJson": _compact(dict(payload))} if body_as_json else {"body": payload}
            ),
        }
        envelope: dict[str, Any] = {
            "eventType": event_type,
            "instanceId": instance_id or str(uuid.uuid4()),
            "data": _compact(domain),
        }
        if identity is not None:
            envelope["identity"] = _compact(dict(identity))
        if account_info is not None:
            envelope["accountInfo"] = dict(account_info)
        return self.sign_envelope(envelope, iat=iat, exp=exp)


def _entity_id(payload: Mapping[str, Any]) -> str:
    message = payload.get("message")
    if isinstance(message, Mapping) and isinstance(message.get("id"), str):
        return str(message["id"])
    for key in ("targetConversationId", "conversationId"):
        if isinstance(payload.get(key), str):
            return str(payload[key])
    return str(uuid.uuid4())
