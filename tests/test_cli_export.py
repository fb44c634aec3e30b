"""``wix-inbox export`` (``wix_inbox._export``): files, resume, since-last, SIGINT."""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from test_client_support import routed, sigint_as_usual
from wix_inbox import AsyncInboxClient, Message
from wix_inbox._export import ExportSummary, Mode, export_conversations, repair
from wix_inbox.testing import MockInbox


@pytest.fixture
def env(inbox: MockInbox) -> dict[str, str]:
    """The environment of a ``wix-inbox`` subprocess talking to ``inbox``."""
    return {
        **os.environ,
        "WIX_API_KEY": inbox.api_key,
        "WIX_SITE_ID": inbox.site_id,
        "WIX_BASE_URL": inbox.url,
        "PYTHONUNBUFFERED": "1",
    }


def _export(
    inbox: MockInbox, ids: list[str], out: Path, mode: Mode = "new", **options: Any
) -> ExportSummary:
    async def run() -> ExportSummary:
        async with AsyncInboxClient(
            api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url
        ) as client:
            return await export_conversations(client, ids, out, mode=mode, **options)

    return asyncio.run(run())


def _same(inbox: MockInbox, cid: str, out: Path) -> None:
    """The file holds the mock's history, message by message, oldest first, once each."""
    lines = (out / f"{cid}.jsonl").read_bytes().split(b"\n")
    assert lines[-1] == b""  # ends with a newline: no half line
    exported = [json.loads(line) for line in lines[:-1]]
    history = inbox.messages(cid)
    assert [m["sequence"] for m in exported] == [m["sequence"] for m in history]
    for got, want in zip(exported, history, strict=True):
        assert Message.from_dict(got).to_dict() == Message.from_dict(want).to_dict()


def test_export_writes_each_conversation_oldest_first(inbox: MockInbox, tmp_path: Path) -> None:
    ids = [inbox.create_conversation()["id"] for _ in range(3)]
    for count, cid in zip((0, 1, 250), ids, strict=True):
        inbox.add_messages(cid, count)
    summary = _export(inbox, ids, tmp_path)
    assert summary.written == 251 and not summary.failed
    for cid in ids:
        _same(inbox, cid, tmp_path)
        checkpoint = json.loads((tmp_path / f"{cid}.jsonl.checkpoint").read_text())
        assert checkpoint["complete"] is True
    # Without --resume an existing export is refused, not overwritten.
    again = _export(inbox, ids[:1], tmp_path)
    assert "exists" in str(again.failed[ids[0]])


def test_a_truncated_last_line_is_repaired(inbox: MockInbox, tmp_path: Path) -> None:
    cid = inbox.create_conversation()["id"]
    inbox.add_messages(cid, 120)
    _export(inbox, [cid], tmp_path, page_size=50)
    path = tmp_path / f"{cid}.jsonl"
    whole = path.read_bytes()
    # A crash in the middle of the last page's write: 110 lines and a half, checkpoint at 100.
    cut = whole.split(b"\n")
    path.write_bytes(b"\n".join(cut[:110]) + b"\n" + cut[110][:17])
    checkpoint_path = tmp_path / f"{cid}.jsonl.checkpoint"
    checkpoint = json.loads(checkpoint_path.read_text())
    checkpoint.update(complete=False, size=len(b"\n".join(cut[:100])) + 1)
    checkpoint["last_sequence"] = json.loads(cut[99])["sequence"]
    checkpoint_path.write_text(json.dumps(checkpoint))
    # (the cursor of the checkpoint is the one after page 2: it goes on from message 101)

    assert repair(path) == json.loads(cut[109])["sequence"]
    assert path.read_bytes().endswith(b"\n")
    summary = _export(inbox, [cid], tmp_path, mode="resume", page_size=50)
    assert summary.written == 10 and summary.skipped == 10  # 101-110 were there already
    _same(inbox, cid, tmp_path)


def test_resume_without_a_checkpoint_and_of_a_finished_export(
    inbox: MockInbox, tmp_path: Path
) -> None:
    cid = inbox.create_conversation()["id"]
    inbox.add_messages(cid, 30)
    _export(inbox, [cid], tmp_path)
    (tmp_path / f"{cid}.jsonl.checkpoint").unlink()  # lost: the file alone decides
    inbox.reset_requests()
    assert _export(inbox, [cid], tmp_path, mode="resume").written == 0
    _same(inbox, cid, tmp_path)
    inbox.reset_requests()
    assert _export(inbox, [cid], tmp_path, mode="resume").written == 0
    assert inbox.requests == []  # finished: nothing to ask


def test_since_last_appends_only_the_new_with_one_request(inbox: MockInbox, tmp_path: Path) -> None:
    ids = [inbox.create_conversation()["id"] for _ in range(2)]
    for cid in ids:
        inbox.add_messages(cid, 1000)
    _export(inbox, ids, tmp_path)
    inbox.add_messages(ids[0], 3, text="new {n}")
    inbox.reset_requests()
    summary = _export(inbox, ids, tmp_path, mode="since_last")
    assert summary.written == 3
    assert len(routed(inbox, "listMessages")) == 2  # one per conversation
    for cid in ids:
        _same(inbox, cid, tmp_path)


def test_a_full_disk_fails_one_line_and_resumes(
    inbox: MockInbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = inbox.create_conversation()["id"]
    inbox.add_messages(cid, 300)
    real_fsync = os.fsync
    calls = {"n": 0}

    def failing_fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    summary = _export(inbox, [cid], tmp_path)
    assert isinstance(summary.failed[cid], OSError)
    monkeypatch.setattr(os, "fsync", real_fsync)
    _export(inbox, [cid], tmp_path, mode="resume")
    _same(inbox, cid, tmp_path)


# ------------------------------------------------------------------ the command, for real


def _written(out: Path) -> int:
    return sum(path.stat().st_size for path in out.glob("*.jsonl"))


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "wix_inbox", *args]


def test_export_killed_with_sigint_at_random_points_resumes_exactly(
    inbox: MockInbox, env: dict[str, str], tmp_path: Path
) -> None:
    ids = [inbox.create_conversation()["id"] for _ in range(3)]
    for cid in ids:
        inbox.add_messages(cid, 1000)
    out = tmp_path / "out"
    command = _command("export", *ids, "--out", str(out), "--resume", "--page-size", "10")
    rng = random.Random(11)
    interrupted = 0
    for _ in range(3):  # bounded: a few interruptions, then one run to the end
        before = _written(out)
        process = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=sigint_as_usual,
        )
        # Once this run has written something (so that each run is interrupted mid-export).
        deadline = time.monotonic() + 30
        while _written(out) == before and time.monotonic() < deadline:
            if process.poll() is not None:
                break
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.2))
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
        assert stdout == ""
        if process.returncode == 130:
            interrupted += 1
            assert stderr.count("\n") == 1 and "Traceback" not in stderr
            assert stderr.startswith("error: interrupted; ") and "--resume" in stderr
        else:
            # It had finished before the signal: the summary is out, and the signal may land
            # while the interpreter exits, after the command has put Python's handler back.
            assert process.returncode in (0, -signal.SIGINT), stderr
            assert stderr.startswith("exported ") and "Traceback" not in stderr, stderr
        for path in out.glob("*.jsonl"):  # between runs: no half line
            data = path.read_bytes()
            assert data == b"" or data.endswith(b"\n")
    assert interrupted >= 1
    final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    assert final.stderr.startswith("exported ")
    for cid in ids:
        _same(inbox, cid, out)


def test_export_exit_codes(inbox: MockInbox, env: dict[str, str], tmp_path: Path) -> None:
    cid = inbox.create_conversation()["id"]
    unknown = "00000000-0000-4000-8000-000000000000"
    out = str(tmp_path)
    result = subprocess.run(
        _command("export", unknown, "--out", out), env=env, capture_output=True, text=True
    )
    assert result.returncode == 5
    assert result.stderr.splitlines()[0].startswith(f"error: {unknown}: ")
    result = subprocess.run(
        _command("export", cid, "--out", out), env=env, capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stderr.startswith("exported 0 new message(s)")
    result = subprocess.run(
        _command("export", cid, "--out", out), env=env, capture_output=True, text=True
    )
    assert result.returncode == 1 and "exists: add --resume" in result.stderr


def test_conversations_export_concurrently_within_one_rate_limiter(tmp_path: Path) -> None:
    with MockInbox(rate_limit=(10, 0.3)) as limited:
        ids = [limited.create_conversation()["id"] for _ in range(4)]
        for cid in ids:
            limited.add_messages(cid, 45)

        async def run() -> ExportSummary:
            async with AsyncInboxClient(
                api_key=limited.api_key,
                site_id=limited.site_id,
                base_url=limited.url,
                rate_limit=(10, 0.3),
            ) as client:
                return await export_conversations(client, ids, tmp_path, page_size=10, jobs=4)

        summary = asyncio.run(run())
        statuses = [r.status for r in limited.requests]
        for cid in ids:
            _same(limited, cid, tmp_path)
    assert summary.written == 180 and summary.pages == 20
    assert statuses == [200] * 20  # 20 pages in 4 parallel exports, never a 429


def test_a_second_export_of_the_same_conversation_is_refused(
    inbox: MockInbox, env: dict[str, str], tmp_path: Path
) -> None:
    import fcntl

    cid = inbox.create_conversation()["id"]
    inbox.add_messages(cid, 30)
    lock_path = tmp_path / f".{cid}.jsonl.lock"
    with open(lock_path, "w") as held:  # what a running export holds
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        summary = _export(inbox, [cid], tmp_path, mode="resume")
        result = subprocess.run(
            _command("export", cid, "--out", str(tmp_path), "--resume"),
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert "being exported by another process" in str(summary.failed[cid])
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"error: {tmp_path / cid}.jsonl is being exported by another process"
    )
    assert not (tmp_path / f"{cid}.jsonl").exists()
    # Released: the next run exports, and leaves neither its lock nor a stale temporary file.
    stale = tmp_path / f".{cid}.jsonl.checkpoint.99999.tmp"
    stale.write_text("{")
    assert not _export(inbox, [cid], tmp_path, mode="resume").failed
    _same(inbox, cid, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{cid}.jsonl", f"{cid}.jsonl.checkpoint"]


def test_two_exports_at_once_write_each_message_once(
    inbox: MockInbox, env: dict[str, str], tmp_path: Path
) -> None:
    cid = inbox.create_conversation()["id"]
    inbox.add_messages(cid, 600)
    command = _command("export", cid, "--out", str(tmp_path), "--resume", "--page-size", "20")
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    codes = sorted(run.wait(timeout=120) for run in runs)
    for run in runs:
        run.communicate()
    assert codes in ([0, 0], [0, 1])  # one at a time (the second may come after the first)
    _same(inbox, cid, tmp_path)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--page-size", "500"], "--page-size must be a whole number from 1 to 100"),
        (["--page-size", "0"], "--page-size must be a whole number from 1 to 100"),
        (["--jobs", "0"], "--jobs must be from 1 to 64"),
        (["../../x"], "CONVERSATION_ID must be a GUID"),
    ],
)
def test_bad_export_arguments_exit_2_before_anything_is_made(
    inbox: MockInbox, env: dict[str, str], tmp_path: Path, arguments: list[str], message: str
) -> None:
    cid = inbox.create_conversation()["id"]
    out = tmp_path / "deep" / "out"
    result = subprocess.run(
        _command("export", cid, *arguments, "--out", str(out)),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"error: {message}")
    assert list(tmp_path.iterdir()) == []  # not even --out
    assert inbox.requests == []


def test_a_refused_first_request_leaves_no_file(
    inbox: MockInbox, env: dict[str, str], tmp_path: Path
) -> None:
    cid = inbox.create_conversation()["id"]
    inbox.add_messages(cid, 5)
    unknown = "00000000-0000-4000-8000-000000000000"
    refused = subprocess.run(
        _command("export", cid, unknown, "--out", str(tmp_path)),
        env={**env, "WIX_API_KEY": "wrong"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 4
    missing = subprocess.run(
        _command("export", unknown, "--out", str(tmp_path)),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 5
    assert list(tmp_path.iterdir()) == []
    # The corrected command needs no --resume.
    fixed = subprocess.run(
        _command("export", cid, "--out", str(tmp_path)),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert fixed.returncode == 0, fixed.stderr
    _same(inbox, cid, tmp_path)


def test_export_checks_its_arguments_before_touching_the_disk(
    inbox: MockInbox, tmp_path: Path
) -> None:
    from wix_inbox import InvalidArgumentError

    out = tmp_path / "out"
    cid = inbox.create_conversation()["id"]
    with pytest.raises(InvalidArgumentError):
        _export(inbox, ["../../x"], out)
    with pytest.raises(InvalidArgumentError):
        _export(inbox, [cid], out, page_size=101)
    with pytest.raises(InvalidArgumentError):
        _export(inbox, [cid], out, jobs=0)
    assert not out.exists() and not (tmp_path.parent / "x.jsonl").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("size", "abc"),
        ("size", -1),
        ("size", True),
        ("last_sequence", "abc"),
        ("last_sequence", "\u0663"),  # ARABIC-INDIC DIGIT THREE: isdigit(), yet no sequence
        ("cursor", 5),
        ("messages", None),
        ("complete", "yes"),
    ],
)
def test_a_corrupt_checkpoint_is_one_line_naming_the_file(
    inbox: MockInbox, tmp_path: Path, field: str, value: object
) -> None:
    cid = inbox.create_conversation()["id"]
    inbox.add_messages(cid, 60)
    _export(inbox, [cid], tmp_path, page_size=50)
    checkpoint = tmp_path / f"{cid}.jsonl.checkpoint"
    data = json.loads(checkpoint.read_text())
    checkpoint.write_text(json.dumps({"complete": False, **data, field: value}))
    error = _export(inbox, [cid], tmp_path, mode="resume").failed[cid]
    assert str(error).startswith(f"{checkpoint}: corrupt checkpoint ({field} is ")
    assert "\n" not in str(error)
    _same(inbox, cid, tmp_path)  # untouched


def test_a_corrupt_checkpoint_exits_1_without_a_traceback(
    inbox: MockInbox, env: dict[str, str], tmp_path: Path
) -> None:
    cid = inbox.create_conversation()["id"]
    inbox.add_messages(cid, 60)
    _export(inbox, [cid], tmp_path, page_size=50)
    checkpoint = tmp_path / f"{cid}.jsonl.checkpoint"
    data = json.loads(checkpoint.read_text())
    checkpoint.write_text(json.dumps({**data, "size": "abc", "complete": False}))
    result = subprocess.run(
        _command("export", cid, "--out", str(tmp_path), "--resume"),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    first, summary = result.stderr.splitlines()
    assert first == f"error: {checkpoint}: corrupt checkpoint (size is 'abc')"
    assert summary.startswith("exported 0 new message(s)")


def test_repair_takes_only_ascii_digits(tmp_path: Path) -> None:
    from wix_inbox._export import ExportError

    path = tmp_path / "c.jsonl"
    path.write_text('{"sequence":"12"}\n{"sequence":"\u0661\u0662\u0663"}\n', encoding="utf-8")
    with pytest.raises(ExportError, match="not an exported message"):
        repair(path)
    path.write_text('{"sequence":"12"}\n{"sequence":"123"}\n{"seq', encoding="utf-8")
    assert repair(path) == "123"


def test_text_utf8_cannot_carry_is_exported_escaped(inbox: MockInbox, tmp_path: Path) -> None:
    # A lone surrogate ("\ud800": JSON can escape one, UTF-8 cannot encode it) is written
    # escaped; the line reads back as the same text, and the export goes on past it.
    cid = inbox.create_conversation()["id"]
    inbox.add_messages(cid, 2)
    inbox.add_message(
        cid,
        message={
            "content": {"basic": {"items": [{"text": "odd \ud800 text"}]}},
            "direction": "PARTICIPANT_TO_BUSINESS",
            "visibility": "BUSINESS_AND_PARTICIPANT",
        },
    )
    inbox.add_messages(cid, 1)
    summary = _export(inbox, [cid], tmp_path)
    assert summary.written == 4 and not summary.failed
    lines = (tmp_path / f"{cid}.jsonl").read_bytes().splitlines()
    assert b"\\ud800" in lines[2]
    _same(inbox, cid, tmp_path)
