"""Reading the app's public key once, the way Wix's SDK accepts it."""

from __future__ import annotations

import base64
import binascii
import os

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

from .._exceptions import InvalidArgumentError

__all__ = ["ENV_PUBLIC_KEY", "MIN_RSA_BITS", "load_public_key"]

ENV_PUBLIC_KEY = "WIX_WEBHOOK_PUBLIC_KEY"
# What jose (inside Wix's SDK) demands of a key for RS256, and what NIST has asked since 2015.
MIN_RSA_BITS = 2048


def load_public_key(public_key: str | bytes | None) -> RSAPublicKey:
    """The RSA public key in ``public_key`` (or in ``$WIX_WEBHOOK_PUBLIC_KEY`` when None).

    Like Wix's SDK (``parsePublicKeyIfEncoded``), a text with a line break is a PEM; a text on
    one line is the PEM encoded once more in base64 (the dashboard's one-line form). Errors never
    quote the key.
    """
    if public_key is None:
        public_key = os.environ.get(ENV_PUBLIC_KEY)
        if not public_key:
            raise InvalidArgumentError(
                f"no webhook public key: pass public_key= or set {ENV_PUBLIC_KEY} "
                "(the app dashboard's Webhooks page shows it)"
            )
    if isinstance(public_key, bytes):
        try:
            public_key = public_key.decode("ascii")
        except UnicodeDecodeError:
            raise InvalidArgumentError("public_key is not a PEM text (not ASCII)") from None
    if not isinstance(public_key, str):
        raise InvalidArgumentError(
            f"public_key must be a PEM str or bytes, got {type(public_key).__name__}"
        )
    pem = _pem_text(public_key)
    try:
        key = serialization.load_pem_public_key(pem.encode("ascii"))
    except (ValueError, TypeError, UnicodeError):
        raise InvalidArgumentError(
            "public_key is not a PEM public key (-----BEGIN PUBLIC KEY-----)"
        ) from None
    if not isinstance(key, RSAPublicKey):
        raise InvalidArgumentError("public_key must be an RSA public key (Wix signs with RS256)")
    if key.key_size < MIN_RSA_BITS:
        raise InvalidArgumentError(
            f"public_key is a {key.key_size}-bit RSA key; at least {MIN_RSA_BITS} bits are needed"
        )
    return key


def _pem_text(text: str) -> str:
    if "\n" in text or "\r" in text:
        return text.strip()
    try:
        decoded = base64.b64decode(text.strip(), validate=True).decode("ascii")
    except (binascii.Error, ValueError):
        raise InvalidArgumentError(
            "public_key is neither a PEM (several lines) nor a PEM encoded in base64 (one line)"
        ) from None
    return decoded.strip()
