"""``wix-inbox webhook verify``, and examples/auto_reply_bot.py end to end against MockInbox."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from test_webhook_support import SECRET_TEXT, serve_asgi, sign_message
from wix_inbox import InboxClient, webhooks
from wix_inbox._cli import main
from wix_inbox.testing import MockInbox, WebhookKeyPair, WebhookSigner

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "auto_reply_bot.py"


def _run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: bytes, *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = main(["webhook", "verify", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_verify_prints_the_layers(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    wix_webhook_keys: WebhookKeyPair,
) -> None:
    signer = WebhookSigner(wix_webhook_keys)
    body = sign_message(signer) + "\n"
    code, out, err = _run_cli(
        monkeypatch, capsys, body.encode(), "--public-key", wix_webhook_keys.public_pem
    )
    assert (code, err) == (0, "")
    layers = json.loads(out)
    assert set(layers) == {"header", "claims", "envelope", "domainEvent"}
    assert layers["header"]["alg"] == "RS256"
    assert layers["envelope"]["eventType"] == webhooks.MESSAGE_SENT_TO_BUSINESS
    assert layers["envelope"]["identity"]["identityType"] == "MEMBER"
    assert layers["domainEvent"]["actionEvent"]["body"]["message"]["content"]["previewText"] == (
        SECRET_TEXT
    )
    # The key from the environment, in its one-line form.
    monkeypatch.setenv("WIX_WEBHOOK_PUBLIC_KEY", wix_webhook_keys.public_key_base64)
    code, out, _ = _run_cli(monkeypatch, capsys, body.encode())
    assert code == 0 and json.loads(out) == layers


def test_cli_verify_failure_is_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    wix_webhook_keys: WebhookKeyPair,
) -> None:
    forged = sign_message(WebhookSigner(WebhookKeyPair.generate()))
    monkeypatch.setenv("WIX_WEBHOOK_PUBLIC_KEY", wix_webhook_keys.public_pem)
    for stdin, reason in ((forged.encode(), "bad_signature"), (b"hello", "not_a_jws")):
        code, out, err = _run_cli(monkeypatch, capsys, stdin)
        assert (code, out) == (1, "")
        assert err.count("\n") == 1 and f"[{reason}]" in err
        assert forged.split(".")[1] not in err
    monkeypatch.delenv("WIX_WEBHOOK_PUBLIC_KEY")
    code, _, err = _run_cli(monkeypatch, capsys, forged.encode())
    assert code == 1 and err.count("\n") == 1 and "WIX_WEBHOOK_PUBLIC_KEY" in err


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_cli_verify_prints_a_lone_surrogate_as_an_escape_not_a_traceback(
    encoding: str, wix_webhook_keys: WebhookKeyPair
) -> None:
    # "\udc00" is valid JSON text Wix could send; it has no UTF-8 form, so a raw print crashes.
    domain = '{"id":"e1","actionEvent":{"body":{"text":"\\udc00 caf\\u00e9"}}}'
    body = WebhookSigner(wix_webhook_keys).sign_envelope(
        {"eventType": "wix.other.v1.thing_done", "instanceId": "i", "data": domain}
    )
    env = dict(
        os.environ,
        WIX_WEBHOOK_PUBLIC_KEY=wix_webhook_keys.public_key_base64,
        PYTHONIOENCODING=encoding,
    )
    done = subprocess.run(
        [sys.executable, "-m", "wix_inbox", "webhook", "verify"],
        input=body.encode(),
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    layers = json.loads(done.stdout.decode("ascii"))
    assert layers["domainEvent"]["actionEvent"]["body"]["text"] == "\udc00 caf\u00e9"
    assert b"\\udc00" in done.stdout


def test_cli_verify_layers_that_cannot_be_printed_are_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    wix_webhook_keys: WebhookKeyPair,
) -> None:
    from wix_inbox import _webhook_cli

    def too_deep(layers: object) -> str:
        raise RecursionError("maximum recursion depth exceeded while encoding a JSON object")

    monkeypatch.setattr(_webhook_cli, "_as_json", too_deep)
    monkeypatch.setenv("WIX_WEBHOOK_PUBLIC_KEY", wix_webhook_keys.public_pem)
    code, out, err = _run_cli(
        monkeypatch, capsys, sign_message(WebhookSigner(wix_webhook_keys)).encode()
    )
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "cannot be printed as JSON (RecursionError)" in err


def _load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("auto_reply_bot", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("late_answers", [0, 2])
def test_auto_reply_bot_end_to_end(late_answers: int) -> None:
    """Participant writes -> the mock delivers the signed event -> the bot replies -> the reply
    is in the mock's history once, also when the mock retries the delivery."""
    bot = _load_example()
    with MockInbox(webhook_retry_delays=(0.05,) * 5) as mock:
        client = InboxClient(api_key=mock.api_key, site_id=mock.site_id, base_url=mock.url)
        verifier = webhooks.WebhookVerifier(public_key=mock.webhook_public_key)
        app: Any = bot.build_app(client, verifier)
        with client, serve_asgi(app) as url:
            mock.webhook_url = url + "/webhooks/wix"
            if late_answers:
                mock.fail_next_webhook_deliveries(late_answers)
            conversation_id = mock.create_conversation()["id"]
            mock.add_message(conversation_id, "Hello, is anyone there?")
            mock.wait_for_webhooks(timeout=30)
        messages = mock.messages(conversation_id)
        deliveries = mock.webhook_deliveries
    assert [(m["direction"], m["content"]["previewText"]) for m in messages] == [
        ("PARTICIPANT_TO_BUSINESS", "Hello, is anyone there?"),
        ("BUSINESS_TO_PARTICIPANT", bot.REPLY),
    ]
    assert len(deliveries) == late_answers + 1
    assert deliveries[-1].outcome == "delivered"
    assert len({d.event_id for d in deliveries}) == 1


def test_auto_reply_bot_ignores_other_events_and_forged_bodies() -> None:
    bot = _load_example()
    with MockInbox() as mock:
        client = InboxClient(api_key=mock.api_key, site_id=mock.site_id, base_url=mock.url)
        verifier = webhooks.WebhookVerifier(public_key=mock.webhook_public_key)
        conversation_id = mock.create_conversation()["id"]
        with client, serve_asgi(bot.build_app(client, verifier)) as url:
            forged = sign_message(WebhookSigner(WebhookKeyPair.generate()))
            merged = mock.webhook_signer.sign_event(
                "conversations_merged",
                {"oldConversationIds": [], "targetConversationId": conversation_id},
            )
            with httpx.Client(trust_env=False, timeout=10) as http:
                assert http.post(url, content=forged).status_code == 400
                assert http.post(url, content=merged).status_code == 200
        assert mock.messages(conversation_id) == []
