"""Verifying a delivery and decoding its layers (JWS -> claims -> envelope -> DomainEvent).

The signature is checked by PyJWT (RS256 only). The checks around it copy what Wix's own SDK
(``@wix/sdk`` with ``jose``) accepts, and refuse what it refuses, with four deliberate
differences from plain ``jwt.decode``: ``aud``/``iss`` are ignored, a future ``iat`` is
accepted (clock skew must not drop events), trailing whitespace is tolerated, and keys under
2048 bits are refused up front. Only RS256 is accepted (the SDK would also take RS512/PS256).
"""

from __future__ import annotations

import base64
import json
import math
import re
import time
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, TypeAlias

import jwt
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

from .._exceptions import InvalidArgumentError
from .._openapi import spec
from ._errors import WebhookPayloadError, WebhookVerificationError
from ._events import EVENT_MODELS, UnknownEvent, WebhookEnvelope, WebhookEvent
from ._keys import load_public_key

__all__ = ["Body", "WebhookVerifier", "construct_event"]

# The raw request body, as the web framework gives it.
Body: TypeAlias = bytes | bytearray | memoryview | str

_ALGORITHM = "RS256"
# A compact JWS: three base64url segments, no padding. PyJWT's decoder would skip characters
# outside the alphabet, so the whole token is matched here first.
_COMPACT_JWS = re.compile(rb"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
_TRAILING_WHITESPACE = b" \t\r\n"
# The DomainEvent members that carry the entity or payload; every other member is metadata.
_EVENT_BODIES = ("actionEvent", "createdEvent", "updatedEvent", "deletedEvent")
# Names of the JSON members reported in a shape error: field names, never values.
_FIELD_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]{0,63}|\d{1,9}")
_DECODE_OPTIONS: dict[str, Any] = {
    "verify_signature": True,
    # Times are checked below, jose's way (a number, not a numeric string or a bool).
    "verify_exp": False,
    "verify_nbf": False,
    "verify_iat": False,
    # Wix's SDK checks neither for webhooks; an unexpected aud must not drop real events.
    "verify_aud": False,
    "verify_iss": False,
    "verify_sub": False,
    "verify_jti": False,
    "require": [],
}


class WebhookVerifier:
    """Verifies Wix webhook bodies with the app's public key, parsed once here.

    Args:
        public_key: The app's public key: PEM text, or the PEM encoded in base64 on one line.
            None: ``$WIX_WEBHOOK_PUBLIC_KEY``. It must be an RSA key of at least 2048 bits,
            else :class:`~wix_inbox.InvalidArgumentError` is raised here.
        leeway: Seconds (or a timedelta) of clock skew allowed on ``exp`` and ``nbf``.
    """

    def __init__(
        self, public_key: str | bytes | None = None, *, leeway: float | timedelta = 0
    ) -> None:
        if isinstance(leeway, timedelta):
            leeway = leeway.total_seconds()
        if (
            isinstance(leeway, bool)
            or not isinstance(leeway, int | float)
            or not 0 <= leeway <= 86400  # also refuses NaN
        ):
            raise InvalidArgumentError("leeway must be a number of seconds from 0 to 86400")
        self._key: RSAPublicKey = load_public_key(public_key)
        self._leeway = float(leeway)

    def __repr__(self) -> str:
        return f"WebhookVerifier(rsa_bits={self._key.key_size}, leeway={self._leeway:g})"

    def verify(self, body: Body) -> WebhookEnvelope:
        """Verify ``body`` (the raw request body) and decode its layers, untyped."""
        header, claims = self._verified_claims(body)
        data = claims.get("data")
        if not isinstance(data, str):
            raise WebhookPayloadError("the token's data claim is not text", "data_not_text")
        envelope = _json_object(data, "the envelope (data claim)")
        event_type = envelope.get("eventType")
        if not isinstance(event_type, str) or not event_type:
            raise WebhookPayloadError("the envelope has no eventType text", "bad_envelope")
        instance_id = envelope.get("instanceId")
        if instance_id is not None and not isinstance(instance_id, str):
            raise WebhookPayloadError("the envelope's instanceId is not text", "bad_envelope")
        inner = envelope.get("data")
        if not isinstance(inner, str):
            raise WebhookPayloadError("the envelope's data is not text", "bad_envelope")
        domain_event = _json_object(inner, "the domain event (envelope data)")
        identity_text = envelope.get("identity")
        identity: dict[str, Any] | None = None
        if identity_text is not None and identity_text != "":
            if not isinstance(identity_text, str):
                raise WebhookPayloadError(
                    "the envelope's identity is not text", "identity_not_text"
                )
            identity = _json_object(identity_text, "the envelope's identity")
        account_info = envelope.get("accountInfo")
        if account_info is not None and not isinstance(account_info, dict):
            raise WebhookPayloadError(
                "the envelope's accountInfo is not a JSON object", "bad_envelope"
            )
        return WebhookEnvelope(
            event_type=event_type,
            instance_id=instance_id or None,
            identity=identity,
            account_info=account_info,
            domain_event=domain_event,
            header=header,
            claims={k: v for k, v in claims.items() if k != "data"},
        )

    def construct_event(self, body: Body) -> WebhookEvent:
        """Verify ``body`` and return the typed event, or :class:`UnknownEvent` for an event
        type this version does not model."""
        return to_event(self.verify(body))

    def _verified_claims(self, body: Body) -> tuple[dict[str, Any], dict[str, Any]]:
        token = _token(body)
        header = _header(token)
        if header.get("alg") != _ALGORITHM:
            raise WebhookVerificationError(
                "the token's algorithm is refused (only RS256 is accepted)", "algorithm"
            )
        if "crit" in header or "b64" in header:
            raise WebhookVerificationError(
                "the token names critical header extensions, which are refused", "crit"
            )
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=[_ALGORITHM],
                options=_DECODE_OPTIONS,  # type: ignore[arg-type]
            )
        except jwt.InvalidSignatureError:
            raise WebhookVerificationError(
                "the signature does not match the public key", "bad_signature"
            ) from None
        except jwt.InvalidAlgorithmError:
            raise WebhookVerificationError(
                "the token's algorithm is refused (only RS256 is accepted)", "algorithm"
            ) from None
        except Exception:  # DecodeError and anything below it (bad base64, bad JSON...)
            raise WebhookVerificationError(
                "the body is not a JWS signed by Wix (undecodable token)", "not_a_jws"
            ) from None
        if not isinstance(claims, dict):  # pragma: no cover - PyJWT guarantees an object
            raise WebhookVerificationError("the token's claims are not a JSON object", "not_a_jws")
        self._check_times(claims)
        return header, claims

    def _check_times(self, claims: Mapping[str, Any]) -> None:
        # jose's rules: each present time claim is a number; exp <= now - leeway is expired,
        # nbf > now + leeway is not yet valid; iat is only type-checked (clock skew).
        now = math.floor(time.time())
        for name in ("iat", "exp", "nbf"):
            if name in claims and not _is_number(claims[name]):
                raise WebhookVerificationError(
                    f"the token's {name} claim is not a number", "bad_claims"
                )
        if "exp" in claims and claims["exp"] <= now - self._leeway:
            raise WebhookVerificationError("the token has expired (exp)", "expired")
        if "nbf" in claims and claims["nbf"] > now + self._leeway:
            raise WebhookVerificationError("the token is not valid yet (nbf)", "not_yet_valid")


def construct_event(
    body: Body, *, public_key: str | bytes | None = None, leeway: float | timedelta = 0
) -> WebhookEvent:
    """One-shot :meth:`WebhookVerifier.construct_event` (parses the key on every call)."""
    return WebhookVerifier(public_key, leeway=leeway).construct_event(body)


def to_event(envelope: WebhookEnvelope) -> WebhookEvent:
    """The typed event of a verified envelope (UnknownEvent for other event types)."""
    model = EVENT_MODELS.get(envelope.event_type)
    if model is None:
        return UnknownEvent(
            event_type=envelope.event_type,
            instance_id=envelope.instance_id,
            domain_event=envelope.domain_event,
            identity=envelope.identity,
            account_info=envelope.account_info,
        )
    domain = envelope.domain_event
    metadata: dict[str, Any] = {}
    if envelope.instance_id is not None:
        metadata["instanceId"] = envelope.instance_id
    if envelope.identity is not None:
        metadata["identity"] = envelope.identity
    if envelope.account_info is not None:
        metadata["accountInfo"] = envelope.account_info
    metadata.update((k, v) for k, v in domain.items() if k not in _EVENT_BODIES)
    metadata["eventType"] = envelope.event_type
    document = {"data": _action_body(domain), "metadata": metadata}
    try:
        problems = spec().shape_errors(model.__name__, document)
    except Exception:  # jsonschema-rs refuses to report on a value nested too deep
        problems = ["(nested too deep)"]
    if problems:
        where = ", ".join(_field_path(problem) for problem in problems)
        raise WebhookPayloadError(
            f"the event does not have the documented shape (at {where})", "bad_shape"
        )
    try:
        return model.from_dict(document)
    except Exception:  # pragma: no cover - the shape check above lets no such input through
        raise WebhookPayloadError(
            "the event does not have the documented shape", "bad_shape"
        ) from None


def _token(body: Body) -> str:
    if isinstance(body, str):
        raw = body.encode("utf-8", "surrogatepass")
    elif isinstance(body, bytes | bytearray | memoryview):
        raw = bytes(body)
    else:
        raise InvalidArgumentError(
            f"body must be the raw request body as bytes or str, got {type(body).__name__}"
        )
    raw = raw.rstrip(_TRAILING_WHITESPACE)
    if not _COMPACT_JWS.fullmatch(raw):
        raise WebhookVerificationError(
            "the body is not a compact JWS (three base64url parts joined by dots)", "not_a_jws"
        )
    return raw.decode("ascii")


def _header(token: str) -> dict[str, Any]:
    # Read here rather than with jwt.get_unverified_header, which already refuses some headers
    # (unknown crit) with errors that do not say why.
    segment = token.split(".", 1)[0]
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        header = json.loads(raw, parse_constant=_refuse_constant)
    except (ValueError, RecursionError, TypeError):
        header = None
    if not isinstance(header, dict):
        raise WebhookVerificationError(
            "the body is not a JWS (its header is not a JSON object)", "not_a_jws"
        )
    return header


def _refuse_constant(name: str) -> Any:
    raise ValueError("NaN and Infinity are not JSON")


def _json_object(text: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError, TypeError):
        raise WebhookPayloadError(f"{what} is not JSON", "bad_json") from None
    if not isinstance(value, dict):
        raise WebhookPayloadError(f"{what} is not a JSON object", "bad_json")
    return value


def _action_body(domain: Mapping[str, Any]) -> Any:
    action = domain.get("actionEvent")
    if not isinstance(action, dict):
        raise WebhookPayloadError("the domain event has no actionEvent object", "bad_event")
    body = action.get("body")
    if isinstance(body, dict):
        return body
    text = action.get("bodyAsJson")
    if body is None and isinstance(text, str):
        return _json_object(text, "the actionEvent's bodyAsJson")
    raise WebhookPayloadError("the actionEvent has no body object", "bad_event")


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def _field_path(problem: str) -> str:
    """The location part of a shape error, keeping only parts that look like field names."""
    where = problem.split(": ", 1)[0]
    parts = re.split(r"[.\[\]]+", where)
    return ".".join(p if _FIELD_NAME.fullmatch(p) else "?" for p in parts if p)
