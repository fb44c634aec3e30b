"""Every script in examples/ runs against the mock, as a user would run it.

Each runs as its own process with WIX_BASE_URL / WIX_API_KEY / WIX_SITE_ID pointing at a
MockInbox on 127.0.0.1; the test then checks what the mock received or what the script wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from wix_inbox.testing import MockInbox

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run_example(mock: MockInbox, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("WIX_", "HTTP"))}
    env.update(
        WIX_BASE_URL=mock.url,
        WIX_API_KEY=mock.api_key,
        WIX_SITE_ID=mock.site_id,
        NO_PROXY="127.0.0.1",
    )
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def mock() -> Iterator[MockInbox]:
    with MockInbox() as started:
        yield started


def test_every_example_is_tested() -> None:
    tested = {"first_call.py", "send_every_kind.py", "backup_conversation.py", "async_fanout.py"}
    # Examples other helpers add (and test themselves) are allowed; these four must exist.
    assert tested <= {p.name for p in EXAMPLES.glob("*.py")}


def test_first_call(mock: MockInbox) -> None:
    contact = str(uuid.uuid4())
    result = run_example(mock, "first_call.py", contact)
    assert result.returncode == 0, result.stderr
    (conversation,) = mock.conversations()
    assert conversation["participant"]["contactId"] == contact
    assert f"conversation {conversation['id']} (new)" in result.stdout
    texts = [m["content"]["basic"]["items"][0]["text"] for m in mock.messages(conversation["id"])]
    assert texts == ["Hello from wix-inbox-client!"]
    assert "Hello from wix-inbox-client!" in result.stdout  # read back


def test_first_call_reports_a_wix_error_in_one_line(mock: MockInbox) -> None:
    mock.inject("getOrCreateConversation", status=403)
    result = run_example(mock, "first_call.py")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr


def test_send_every_kind(mock: MockInbox) -> None:
    conversation = mock.create_conversation()
    result = run_example(mock, "send_every_kind.py", conversation["id"])
    assert result.returncode == 0, result.stderr
    stored = mock.messages(conversation["id"])
    kinds = [
        next(k for k in ("basic", "template", "minimal", "form") if k in m["content"])
        for m in stored
    ]
    assert kinds == ["basic", "basic", "basic", "basic", "template", "minimal", "form"]
    assert stored[-1]["direction"] == "PARTICIPANT_TO_BUSINESS"
    assert len(stored[3]["content"]["basic"]["items"]) == 3


def test_backup_conversation(mock: MockInbox, tmp_path: Path) -> None:
    conversation = mock.create_conversation()
    for i in range(250):  # three pages of 100
        mock.add_message(conversation["id"], f"message {i}")
    target = tmp_path / "backup.jsonl"
    result = run_example(mock, "backup_conversation.py", conversation["id"], str(target))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert lines == mock.messages(conversation["id"])  # every message, oldest first, as sent
    assert not (tmp_path / "backup.jsonl.partial").exists()
    assert "wrote 250 messages" in result.stdout


def test_async_fanout(mock: MockInbox) -> None:
    contacts = [str(uuid.uuid4()) for _ in range(25)]
    result = run_example(mock, "async_fanout.py", *contacts)
    assert result.returncode == 0, result.stderr
    conversations = mock.conversations()
    assert sorted(c["participant"]["contactId"] for c in conversations) == sorted(contacts)
    assert all(len(mock.messages(c["id"])) == 1 for c in conversations)
    assert "25 greeted, 0 failed" in result.stdout


def test_async_fanout_goes_on_after_a_failure(mock: MockInbox) -> None:
    mock.inject("sendMessage", status=400)  # the first send fails
    contacts = [str(uuid.uuid4()) for _ in range(3)]
    result = run_example(mock, "async_fanout.py", *contacts)
    assert result.returncode == 1
    assert "2 greeted, 1 failed" in result.stdout
