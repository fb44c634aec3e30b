"""Verification of webhook bodies: every rule, with bodies made by the project's own signer."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import pickle
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from test_webhook_support import (
    ACCOUNT,
    APP,
    CONVERSATION,
    MEMBER,
    OTHER_CONVERSATION,
    SECRET_TEXT,
    assert_clean,
    button_payload,
    forbidden_fragments,
    merged_payload,
    message_payload,
    sign_message,
)
from wix_inbox import InvalidArgumentError, WixError, webhooks
from wix_inbox.testing import WebhookKeyPair, WebhookSigner
from wix_inbox_api.models import MessageDirection
from wix_inbox_api.types import Unset

EVENT_ID = "f368cc3d-be04-4704-b4b0-a659f9fcdd5f"
INSTANCE = "44114444-abca-45e3-9c87-c73a3320692e"


@pytest.fixture(scope="module")
def signer() -> WebhookSigner:
    return WebhookSigner(WebhookKeyPair.generate(), kid="k9Vhg-mH")


@pytest.fixture(scope="module")
def other_signer() -> WebhookSigner:
    return WebhookSigner(WebhookKeyPair.generate())


@pytest.fixture(scope="module")
def verifier(signer: WebhookSigner) -> webhooks.WebhookVerifier:
    return webhooks.WebhookVerifier(public_key=signer.public_key)


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _compact(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def _segments(body: str) -> list[Any]:
    head, claims, _ = body.split(".")
    return [json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4))) for p in (head, claims)]


def _envelope(**overrides: Any) -> dict[str, Any]:
    domain = {
        "id": EVENT_ID,
        "entityFqdn": "wix.crm.inbox.v2.message",
        "slug": "message_sent_to_business",
        "entityId": "1700000000000001",
        "eventTime": "2026-11-21T10:15:30.123Z",
        "triggeredByAnonymizeRequest": False,
        "actionEvent": {"body": message_payload()},
    }
    envelope: dict[str, Any] = {
        "eventType": webhooks.MESSAGE_SENT_TO_BUSINESS,
        "instanceId": INSTANCE,
        "data": json.dumps(domain),
        "identity": json.dumps({"identityType": "MEMBER", "memberId": MEMBER}),
    }
    envelope.update(overrides)
    return envelope


# -- the signer makes bodies as Wix does ----------------------------------------------------------


def test_signer_builds_every_layer_as_wix_does(signer: WebhookSigner) -> None:
    body = sign_message(signer)
    header, claims = _segments(body)
    assert header == {"kid": "k9Vhg-mH", "alg": "RS256"}
    assert list(header) == ["kid", "alg"]
    assert set(claims) == {"data", "iat", "exp"}
    assert isinstance(claims["data"], str)
    envelope = json.loads(claims["data"])
    assert envelope["eventType"] == "wix.crm.inbox.v2.message_message_sent_to_business"
    assert isinstance(envelope["data"], str) and isinstance(envelope["identity"], str)
    domain = json.loads(envelope["data"])
    assert domain["entityFqdn"] + "_" + domain["slug"] == envelope["eventType"]
    assert domain["actionEvent"]["body"]["conversationId"] == CONVERSATION


# -- accepted bodies --------------------------------------------------------------------------


def test_message_sent_to_business_is_typed(
    signer: WebhookSigner, verifier: webhooks.WebhookVerifier
) -> None:
    event = verifier.construct_event(sign_message(signer))
    assert isinstance(event, webhooks.MessageSentToBusinessEvent)
    assert str(event.data.conversation_id) == CONVERSATION
    message = event.data.message
    assert not isinstance(message, Unset)
    assert message.direction is MessageDirection.PARTICIPANT_TO_BUSINESS
    assert message.created_date == datetime(2026, 11, 21, 10, 15, 30, 123000, tzinfo=UTC)
    meta = event.metadata
    assert meta.id == EVENT_ID
    assert str(meta.instance_id) == INSTANCE
    assert meta.entity_id == "1700000000000001"
    assert meta.event_type == webhooks.MESSAGE_SENT_TO_BUSINESS
    assert isinstance(meta.event_time, datetime)
    assert not isinstance(meta.identity, Unset) and str(meta.identity.member_id) == MEMBER
    assert not isinstance(meta.account_info, Unset)
    assert str(meta.account_info.account_id) == ACCOUNT
    assert webhooks.event_id(event) == EVENT_ID


def test_button_interacted_and_merged_are_typed_and_match_works(
    signer: WebhookSigner, verifier: webhooks.WebhookVerifier
) -> None:
    seen: list[str] = []
    for name, payload in (
        ("button_interacted", button_payload()),
        ("conversations_merged", merged_payload()),
    ):
        event = verifier.construct_event(signer.sign_event(name, payload))
        match event:
            case webhooks.MessageButtonInteractedEvent(data=data):
                assert data.interaction_id == "talk-1001"
                assert str(data.app_id) == APP
                seen.append("button")
            case webhooks.ConversationsMergedEvent(data=data):
                assert data.old_conversation_ids == [OTHER_CONVERSATION]
                assert str(data.target_conversation_id) == CONVERSATION
                assert event.metadata.entity_id == CONVERSATION
                seen.append("merged")
            case _:
                pytest.fail(f"unexpected {event!r}")
    assert seen == ["button", "merged"]


def test_unknown_event_type_is_not_an_error(
    signer: WebhookSigner, verifier: webhooks.WebhookVerifier
) -> None:
    body = signer.sign_event(
        "wix.ecom.v1.order_approved", {"order": {"id": "o-1"}}, event_id="e-1", instance_id=INSTANCE
    )
    event = verifier.construct_event(body)
    assert isinstance(event, webhooks.UnknownEvent)
    assert event.event_type == "wix.ecom.v1.order_approved"
    assert event.instance_id == INSTANCE
    assert event.domain_event["actionEvent"]["body"] == {"order": {"id": "o-1"}}
    assert event.domain_event["slug"] == "approved"
    assert webhooks.event_id(event) == "e-1"


def test_verify_returns_the_untyped_layers(
    signer: WebhookSigner, verifier: webhooks.WebhookVerifier
) -> None:
    envelope = verifier.verify(sign_message(signer))
    assert envelope.event_type == webhooks.MESSAGE_SENT_TO_BUSINESS
    assert envelope.instance_id == INSTANCE
    assert envelope.identity == {"identityType": "MEMBER", "memberId": MEMBER}
    assert envelope.account_info == {"accountId": ACCOUNT}
    assert envelope.domain_event["id"] == EVENT_ID
    assert envelope.event_id == EVENT_ID
    assert envelope.header["alg"] == "RS256"
    assert "data" not in envelope.claims and "exp" in envelope.claims


def test_body_as_json_fallback(signer: WebhookSigner, verifier: webhooks.WebhookVerifier) -> None:
    event = verifier.construct_event(sign_message(signer, body_as_json=True))
    assert isinstance(event, webhooks.MessageSentToBusinessEvent)
    assert str(event.data.conversation_id) == CONVERSATION


def test_no_identity_nor_account_info(
    signer: WebhookSigner, verifier: webhooks.WebhookVerifier
) -> None:
    event = verifier.construct_event(sign_message(signer, identity=None, account_info=None))
    assert isinstance(event, webhooks.MessageSentToBusinessEvent)
    assert isinstance(event.metadata.identity, Unset)
    assert isinstance(event.metadata.account_info, Unset)


@pytest.mark.parametrize("tail", ["\n", "\r\n", "  \t\n"])
def test_trailing_whitespace_is_tolerated(
    signer: WebhookSigner, verifier: webhooks.WebhookVerifier, tail: str
) -> None:
    body = sign_message(signer) + tail
    assert isinstance(verifier.construct_event(body), webhooks.MessageSentToBusinessEvent)
    assert isinstance(verifier.construct_event(body.encode()), webhooks.MessageSentToBusinessEvent)


def test_bytes_bytearray_and_str_bodies(
    signer: WebhookSigner, verifier: webhooks.WebhookVerifier
) -> None:
    body = sign_message(signer)
    for form in (body, body.encode(), bytearray(body.encode()), memoryview(body.encode())):
        assert webhooks.event_id(verifier.construct_event(form)) == EVENT_ID


def test_iss_aud_sub_and_future_iat_are_no_reason_to_reject(
    signer: WebhookSigner, verifier: webhooks.WebhookVerifier
) -> None:
    now = int(time.time())
    body = signer.sign_envelope(
        _envelope(),
        iat=now + 3600,  # the receiver's clock is an hour behind
        exp=now + 7200,
        extra_claims={"iss": "wix.com", "aud": "some-other-app", "sub": 12, "jti": 5},
    )
    assert webhooks.event_id(verifier.construct_event(body)) == EVENT_ID


def test_deeply_nested_unknown_members_are_accepted(
    signer: WebhookSigner, verifier: webhooks.WebhookVerifier
) -> None:
    deep: list[Any] = []
    for _ in range(900):
        deep = [deep]
    payload = message_payload()
    payload["futureMember"] = deep
    payload["message"]["content"]["futureMember"] = deep
    event = verifier.construct_event(sign_message(signer, payload=payload))
    assert isinstance(event, webhooks.MessageSentToBusinessEvent)


def test_no_exp_no_iat_is_accepted(
    signer: WebhookSigner, verifier: webhooks.WebhookVerifier
) -> None:
    body = signer.sign_claims({"data": json.dumps(_envelope())})
    assert webhooks.event_id(verifier.construct_event(body)) == EVENT_ID


def test_leeway_allows_clock_skew(signer: WebhookSigner) -> None:
    now = int(time.time())
    expired = signer.sign_envelope(_envelope(), iat=now - 100, exp=now - 5)
    early = signer.sign_envelope(_envelope(), extra_claims={"nbf": now + 30})
    strict = webhooks.WebhookVerifier(public_key=signer.public_key)
    lenient = webhooks.WebhookVerifier(public_key=signer.public_key, leeway=timedelta(minutes=1))
    for body in (expired, early):
        with pytest.raises(webhooks.WebhookVerificationError):
            strict.verify(body)
        assert lenient.verify(body).event_id == EVENT_ID


def test_one_line_base64_key_and_environment_key(
    signer: WebhookSigner, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = sign_message(signer)
    one_line = signer.key_pair.public_key_base64
    assert "\n" not in one_line
    assert webhooks.construct_event(body, public_key=one_line)
    monkeypatch.setenv("WIX_WEBHOOK_PUBLIC_KEY", one_line)
    assert webhooks.event_id(webhooks.WebhookVerifier().construct_event(body)) == EVENT_ID
    monkeypatch.setenv("WIX_WEBHOOK_PUBLIC_KEY", signer.public_key)
    assert webhooks.event_id(webhooks.construct_event(body)) == EVENT_ID


# -- refused bodies ---------------------------------------------------------------------------


def _header_claims(signer: WebhookSigner, **claims: Any) -> dict[str, Any]:
    now = int(time.time())
    base: dict[str, Any] = {"data": json.dumps(_envelope()), "iat": now, "exp": now + 300}
    base.update(claims)
    return base


def _hs256_with_pem(signer: WebhookSigner) -> str:
    signing_input = (
        _b64url(_compact({"kid": "x", "alg": "HS256"}))
        + "."
        + _b64url(_compact(_header_claims(signer)))
    )
    mac = hmac.new(signer.public_key.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64url(mac)}"


def _alg_none(signer: WebhookSigner, signature: str) -> str:
    head = _b64url(_compact({"alg": "none"}))
    return f"{head}.{_b64url(_compact(_header_claims(signer)))}.{signature}"


def _tamper_payload(body: str) -> str:
    head, claims, sig = body.split(".")
    decoded = json.loads(base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))
    decoded["exp"] += 1
    return f"{head}.{_b64url(_compact(decoded))}.{sig}"


def _tamper_signature(body: str) -> str:
    head, claims, sig = body.split(".")
    raw = bytearray(base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4)))
    raw[len(raw) // 2] ^= 0x01
    return f"{head}.{claims}.{_b64url(bytes(raw))}"


def _refused_verification(signer: WebhookSigner, other: WebhookSigner) -> Iterator[Any]:
    now = int(time.time())
    good = sign_message(signer)
    yield "wrong key", sign_message(other), "bad_signature"
    yield "tampered payload", _tamper_payload(good), "bad_signature"
    yield "tampered signature", _tamper_signature(good), "bad_signature"
    yield (
        "signature of another token",
        good.rsplit(".", 1)[0]
        + "."
        + sign_message(signer, event_id=str(uuid.uuid4())).rsplit(".", 1)[1],
        "bad_signature",
    )
    yield "alg none, no signature", _alg_none(signer, ""), "not_a_jws"
    yield "alg none, some signature", _alg_none(signer, "AAAA"), "algorithm"
    yield "HS256 keyed with the PEM", _hs256_with_pem(signer), "algorithm"
    yield "RS512", signer.sign_claims(_header_claims(signer), algorithm="RS512"), "algorithm"
    yield "PS256", signer.sign_claims(_header_claims(signer), algorithm="PS256"), "algorithm"
    yield "RS384", signer.sign_claims(_header_claims(signer), algorithm="RS384"), "algorithm"
    yield "no alg", signer.sign_claims(_header_claims(signer), header={"kid": "x"}), "algorithm"
    yield (
        "unknown crit",
        signer.sign_claims(
            _header_claims(signer), header={"alg": "RS256", "crit": ["x-wix"], "x-wix": 1}
        ),
        "crit",
    )
    yield (
        "b64 false",
        signer.sign_claims(
            _header_claims(signer), header={"alg": "RS256", "crit": ["b64"], "b64": False}
        ),
        "crit",
    )
    yield "expired", signer.sign_envelope(_envelope(), iat=now - 600, exp=now - 1), "expired"
    yield "expires now", signer.sign_envelope(_envelope(), iat=now - 600, exp=now), "expired"
    yield (
        "nbf in the future",
        signer.sign_envelope(_envelope(), extra_claims={"nbf": now + 120}),
        "not_yet_valid",
    )
    yield "exp as text", signer.sign_envelope(_envelope(), exp=str(now + 300)), "bad_claims"  # type: ignore[arg-type]
    yield "exp true", signer.sign_claims(_header_claims(signer, exp=True)), "bad_claims"
    yield "iat as text", signer.sign_claims(_header_claims(signer, iat="soon")), "bad_claims"
    yield "not a JWS", "hello", "not_a_jws"
    yield "empty", "", "not_a_jws"
    yield "two parts", "abc.def", "not_a_jws"
    yield "four parts", good + ".abcd", "not_a_jws"
    yield "leading space", " " + good, "not_a_jws"
    yield "junk after the signature", good + "!!", "not_a_jws"
    yield "junk after whitespace", good + "\nX", "not_a_jws"
    yield "NUL byte", good + "\x00", "not_a_jws"
    yield "padding", good + "==", "not_a_jws"
    yield "non-ASCII", good[:-1] + "é", "not_a_jws"
    yield "JSON instead", json.dumps({"data": "x"}), "not_a_jws"
    yield "header not JSON", _b64url(b"{nope") + good[good.index(".") :], "not_a_jws"
    yield "claims not JSON", signer.sign_claims(b"not json"), "not_a_jws"
    yield "claims a list", signer.sign_claims(b"[1,2]"), "not_a_jws"
    yield "bad base64 length", good.split(".")[0] + ".a." + good.split(".")[2], "not_a_jws"


def _refused_payload(signer: WebhookSigner) -> Iterator[Any]:
    yield "data not text", signer.sign_claims({"data": _envelope()}), "data_not_text"
    yield "no data", signer.sign_claims({"iat": 1}), "data_not_text"
    yield "data not JSON", signer.sign_claims({"data": "{not json"}), "bad_json"
    yield "data NaN", signer.sign_claims({"data": "NaN"}), "bad_json"
    yield "data too deep", signer.sign_claims({"data": "[" * 100_000}), "bad_json"
    yield "data a list", signer.sign_claims({"data": "[]"}), "bad_json"
    yield "no eventType", signer.sign_envelope(_envelope(eventType=None)), "bad_envelope"
    yield "instanceId a number", signer.sign_envelope(_envelope(instanceId=7)), "bad_envelope"
    yield (
        "envelope data not text",
        signer.sign_envelope(_envelope(data={"id": EVENT_ID})),
        "bad_envelope",
    )
    yield "envelope data not JSON", signer.sign_envelope(_envelope(data="{{")), "bad_json"
    yield (
        "identity not text",
        signer.sign_envelope(_envelope(identity={"identityType": "MEMBER"})),
        "identity_not_text",
    )
    yield "identity not JSON", signer.sign_envelope(_envelope(identity="{x")), "bad_json"
    yield "accountInfo a string", signer.sign_envelope(_envelope(accountInfo="acc")), "bad_envelope"
    yield (
        "no actionEvent",
        signer.sign_envelope(_envelope(data=json.dumps({"id": EVENT_ID}))),
        "bad_event",
    )
    yield (
        "bodyAsJson not JSON",
        signer.sign_envelope(
            _envelope(data=json.dumps({"id": EVENT_ID, "actionEvent": {"bodyAsJson": "{"}}))
        ),
        "bad_json",
    )
    bad_shape = message_payload()
    bad_shape["conversationId"] = 123
    yield "wrong type in payload", sign_message(signer, payload=bad_shape), "bad_shape"
    bad_time = message_payload()
    bad_time["message"]["createdDate"] = SECRET_TEXT
    yield "not a date-time", sign_message(signer, payload=bad_time), "bad_shape"
    yield (
        "identity id not a GUID",
        sign_message(signer, identity={"memberId": SECRET_TEXT}),
        "bad_shape",
    )


def _cases(signer: WebhookSigner, other: WebhookSigner) -> list[tuple[str, str, str, type]]:
    cases: list[tuple[str, str, str, type]] = [
        (name, body, reason, webhooks.WebhookVerificationError)
        for name, body, reason in _refused_verification(signer, other)
    ]
    cases += [
        (name, body, reason, webhooks.WebhookPayloadError)
        for name, body, reason in _refused_payload(signer)
    ]
    return cases


def test_every_refusal_rule_raises_its_typed_error_and_leaks_nothing(
    signer: WebhookSigner, other_signer: WebhookSigner, verifier: webhooks.WebhookVerifier
) -> None:
    failures = []
    for name, body, reason, kind in _cases(signer, other_signer):
        try:
            verifier.construct_event(body)
        except WixError as error:
            if type(error) is not kind or getattr(error, "reason", None) != reason:
                failures.append(f"{name}: {type(error).__name__} {getattr(error, 'reason', '')}")
                continue
            fragments = forbidden_fragments(
                body, signer, SECRET_TEXT, EVENT_ID, INSTANCE, MEMBER, CONVERSATION
            )
            assert_clean(error, fragments)
            assert error.__cause__ is None
            assert error.__context__ is None or error.__suppress_context__
        else:
            failures.append(f"{name}: accepted")
    assert failures == []


def test_verify_applies_the_same_rules(
    signer: WebhookSigner, other_signer: WebhookSigner, verifier: webhooks.WebhookVerifier
) -> None:
    for name, body, _, kind in _cases(signer, other_signer):
        if kind is webhooks.WebhookVerificationError or name in (
            "data not text",
            "identity not text",
            "data not JSON",
        ):
            with pytest.raises(kind):
                verifier.verify(body)


def test_mutated_bodies_raise_only_webhook_errors(
    signer: WebhookSigner, verifier: webhooks.WebhookVerifier
) -> None:
    body = sign_message(signer)
    alphabet = "A_-.=é \x00"
    step = max(1, len(body) // 97)
    outcomes: set[str] = set()
    for index in range(0, len(body), step):
        for char in alphabet:
            mutated = body[:index] + char + body[index + 1 :]
            if mutated == body:
                continue
            try:
                verifier.construct_event(mutated)
                outcomes.add("accepted")
            except webhooks.WebhookError as error:
                outcomes.add(error.reason)
    assert "accepted" not in outcomes
    assert {"bad_signature", "not_a_jws"} <= outcomes


def test_wrong_body_type_is_invalid_argument(verifier: webhooks.WebhookVerifier) -> None:
    with pytest.raises(InvalidArgumentError):
        verifier.construct_event(123)  # type: ignore[arg-type]


def test_errors_are_wix_errors_and_pickle(signer: WebhookSigner) -> None:
    assert issubclass(webhooks.WebhookVerificationError, WixError)
    assert issubclass(webhooks.WebhookPayloadError, WixError)
    error = webhooks.WebhookVerificationError("the token has expired (exp)", "expired")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and copy.reason == "expired" and str(copy) == str(error)


# -- the key ----------------------------------------------------------------------------------


def test_small_key_is_refused_when_the_verifier_is_built() -> None:
    small = WebhookKeyPair.generate(bits=1024)
    with pytest.raises(InvalidArgumentError, match="1024-bit") as caught:
        webhooks.WebhookVerifier(public_key=small.public_pem)
    assert_clean(caught.value, forbidden_fragments("", WebhookSigner(small)))


def test_body_signed_with_a_small_key_is_refused(verifier: webhooks.WebhookVerifier) -> None:
    small = WebhookSigner(WebhookKeyPair.generate(bits=1024))
    with pytest.raises(webhooks.WebhookVerificationError):
        verifier.construct_event(sign_message(small))


def test_bad_keys_are_invalid_arguments_that_do_not_quote_the_key(
    signer: WebhookSigner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    ec_key = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    monkeypatch.delenv("WIX_WEBHOOK_PUBLIC_KEY", raising=False)
    fragments = forbidden_fragments("", signer)
    for key in (
        signer.key_pair.private_pem,  # the private half by mistake
        ec_key,
        "not a key",
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
        b"\xff\xfe",
        "",
        None,
        12,
    ):
        with pytest.raises(InvalidArgumentError) as caught:
            webhooks.WebhookVerifier(public_key=key)  # type: ignore[arg-type]
        assert_clean(caught.value, fragments)
    for leeway in (-1, float("nan"), float("inf"), True, "5", 10**9, 10**400):
        with pytest.raises(InvalidArgumentError):
            webhooks.WebhookVerifier(public_key=signer.public_key, leeway=leeway)  # type: ignore[arg-type]


def test_repr_shows_no_key(signer: WebhookSigner, verifier: webhooks.WebhookVerifier) -> None:
    shown = repr(verifier) + repr(signer) + repr(signer.key_pair)
    for line in signer.key_pair.private_pem.splitlines()[1:-1]:
        assert line not in shown
    for line in signer.public_key.splitlines()[1:-1]:
        assert line not in repr(verifier)


def test_import_without_the_extra_names_it_and_no_web_framework_loads() -> None:
    # One interpreter for both checks: importing the package costs seconds on a busy machine.
    code = (
        "import sys\n"
        "import wix_inbox.webhooks\n"
        "bad = [m for m in ('starlette', 'uvicorn', 'fastapi', 'flask', 'django', 'anyio')"
        " if m in sys.modules]\n"
        "print('LOADED', bad)\n"
        "for name in [m for m in sys.modules if m.split('.')[0] in ('jwt', 'wix_inbox')]:\n"
        "    if name == 'jwt' or name.startswith(('jwt.', 'wix_inbox.webhooks')):\n"
        "        del sys.modules[name]\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'jwt' or name.startswith('jwt.'):\n"
        "            raise ModuleNotFoundError(\"No module named 'jwt'\", name='jwt')\n"
        "sys.meta_path.insert(0, Block())\n"
        "try:\n"
        "    import wix_inbox.webhooks\n"
        "except ImportError as e:\n"
        "    print('IMPORT-ERROR', e)\n"
        "import wix_inbox.testing\n"  # the rest of the package still imports
        "print('REST-OK')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert "LOADED []" in result.stdout
    assert "IMPORT-ERROR" in result.stdout and "[webhooks]" in result.stdout
    assert "REST-OK" in result.stdout


# -- duplicates -------------------------------------------------------------------------------


def test_seen_events_is_bounded_and_forgets_on_discard() -> None:
    seen = webhooks.SeenEvents(max_events=3)
    assert isinstance(seen, webhooks.EventStore)
    assert [seen.add(i) for i in ("a", "b", "a", "c", "d")] == [True, True, False, True, True]
    assert len(seen) == 3 and "b" not in seen and "a" in seen  # "a" was refreshed by its repeat
    seen.discard("a")
    assert seen.add("a") is True
    with pytest.raises(InvalidArgumentError):
        webhooks.SeenEvents(max_events=0)


def test_seen_events_keeps_in_progress_apart_from_done() -> None:
    seen = webhooks.SeenEvents(max_events=2)
    assert seen.add("a") is True and seen.is_done("a") is False  # in progress
    assert seen.add("a") is False and seen.is_done("a") is False  # a duplicate while running
    seen.done("a")
    assert seen.add("a") is False and seen.is_done("a") is True
    assert seen.is_done("never-seen") is False
    seen.discard("a")
    assert "a" not in seen and seen.add("a") is True
    seen.done("b")
    seen.done("c")  # bounded: marking done also evicts the oldest
    assert len(seen) == 2 and "a" not in seen and seen.is_done("b") and seen.is_done("c")


def test_same_event_twice_has_the_same_id(
    signer: WebhookSigner, verifier: webhooks.WebhookVerifier
) -> None:
    seen = webhooks.SeenEvents()
    first = verifier.construct_event(sign_message(signer))
    retry = verifier.construct_event(sign_message(signer))  # re-signed, same event id
    first_id, retry_id = webhooks.event_id(first), webhooks.event_id(retry)
    assert first_id is not None and first_id == retry_id
    assert seen.add(first_id) is True
    assert seen.add(retry_id) is False


# -- the spec says what arrives on the wire ---------------------------------------------------


def test_spec_webhooks_are_a_text_body_decoded_into_the_event_schemas(
    signer: WebhookSigner,
) -> None:
    import re
    from pathlib import Path

    import yaml

    spec = yaml.safe_load(
        (Path(__file__).resolve().parents[1] / "spec" / "openapi.yaml").read_text("utf-8")
    )
    schemas = spec["components"]["schemas"]
    decoded = {}
    for item in spec["webhooks"].values():
        body = item["post"]["requestBody"]
        assert list(body["content"]) == ["text/plain"]
        assert body["content"]["text/plain"]["schema"] == {
            "$ref": "#/components/schemas/WixWebhookBody"
        }
        name = body["x-wix-decoded-schema"].rsplit("/", 1)[1]
        assert name in schemas
        decoded[item["post"]["operationId"]] = name
    assert sorted(decoded.values()) == sorted(m.__name__ for m in webhooks_models())
    pattern = re.compile(schemas["WixWebhookBody"]["pattern"])
    assert pattern.search(sign_message(signer) + "\n")
    assert not pattern.search(" " + sign_message(signer))


def webhooks_models() -> list[type]:
    return [
        webhooks.MessageSentToBusinessEvent,
        webhooks.MessageButtonInteractedEvent,
        webhooks.ConversationsMergedEvent,
    ]


def test_the_signer_signs_text_no_utf8_can_carry(
    signer: WebhookSigner, verifier: webhooks.WebhookVerifier
) -> None:
    # Wix's strings are JavaScript's and can hold a lone surrogate; the test signer writes it
    # escaped, as Wix does, instead of failing to encode it.
    payload = button_payload()
    payload["interactionId"] = "odd \ud800 id"
    event = verifier.construct_event(signer.sign_event("button_interacted", payload))
    assert isinstance(event, webhooks.MessageButtonInteractedEvent)
    assert event.data.interaction_id == "odd \ud800 id"
