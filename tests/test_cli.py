"""The ``wix-inbox`` command: version, help, exit codes, Ctrl-C and closed pipes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from hostile import Conn, HostileServer
from test_client_support import sigint_as_usual
from wix_inbox import __version__
from wix_inbox._cli import main
from wix_inbox.testing import MockInbox

COMMANDS = ["get", "list", "send", "export"]
UNKNOWN = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def env(inbox: MockInbox, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    values = {
        "WIX_API_KEY": inbox.api_key,
        "WIX_SITE_ID": inbox.site_id,
        "WIX_BASE_URL": inbox.url,
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("WIX_ACCOUNT_ID", raising=False)
    return {**os.environ, **values}


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse: --help, --version, usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["--version"], capsys)
    assert (code, out) == (0, f"wix-inbox {__version__}\n")


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_says_how_credentials_are_given_and_the_defaults(
    command: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run([command, "--help"] if command else ["--help"], capsys)
    out = " ".join(out.split())
    assert code == 0
    for needed in ("WIX_API_KEY", "WIX_SITE_ID", "WIX_BASE_URL", "https://www.wixapis.com"):
        assert needed in out
    assert "130" in out  # the exit codes
    if command:
        assert "--site-id" in out and "--api-key-file" in out and "(default: auto)" in out
    if command == "list":
        assert "(default: ASC)" in out and "newest first like Wix" in out
    if command == "export":
        assert "--resume" in out and "--since-last" in out and "(default: 4)" in out


def test_missing_credentials_exit_3(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("WIX_API_KEY", "WIX_SITE_ID", "WIX_ACCOUNT_ID"):
        monkeypatch.delenv(name, raising=False)
    code, out, err = _run(["get", UNKNOWN], capsys)
    assert (code, out) == (3, "")
    assert err == "error: credentials: no API key: set WIX_API_KEY or pass --api-key-file FILE\n"
    monkeypatch.setenv("WIX_API_KEY", "key")
    code, _, err = _run(["get", UNKNOWN], capsys)
    assert code == 3 and err.startswith("error: credentials: no site") and err.count("\n") == 1
    code, _, err = _run(["get", UNKNOWN, "--site-id", "not-a-guid"], capsys)
    assert code == 3 and err.count("\n") == 1


def test_refused_credentials_exit_4(
    env: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIX_API_KEY", "wrong-key")
    code, out, err = _run(["get", UNKNOWN], capsys)
    assert (code, out) == (4, "")
    assert err.startswith("error: AuthenticationError: ") and err.count("\n") == 1
    assert "wrong-key" not in err


def test_not_found_exits_5_and_other_api_errors_1(
    env: dict[str, str], inbox: MockInbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(["get", UNKNOWN], capsys)
    assert (code, out) == (5, "")
    assert err.startswith("error: ConversationNotFoundError: ") and err.count("\n") == 1
    inbox.inject("getConversation", status=403)
    code, _, err = _run(["get", UNKNOWN], capsys)
    assert code == 1 and err.startswith("error: PermissionDeniedError") and err.count("\n") == 1


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["list"], capsys)[0] == 2
    assert _run(["export", UNKNOWN], capsys)[0] == 2  # --out is required
    assert _run(["get", UNKNOWN, "--rate-limit", "fast"], capsys)[0] == 2


def test_list_order_and_api_key_file(
    env: dict[str, str],
    inbox: MockInbox,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: os.PathLike[str],
) -> None:
    cid = inbox.create_conversation()["id"]
    inbox.add_messages(cid, 3)
    key_file = os.path.join(tmp_path, "key")
    with open(key_file, "w") as file:
        file.write(inbox.api_key + "\n")
    monkeypatch.delenv("WIX_API_KEY")
    code, out, _ = _run(["list", cid, "--api-key-file", key_file], capsys)
    assert code == 0
    assert [line.count('"sequence"') for line in out.splitlines()] == [1, 1, 1]
    assert out.splitlines()[0].find("Message 1") > 0  # oldest first


def test_a_closed_pipe_exits_quietly(env: dict[str, str], inbox: MockInbox) -> None:
    cid = inbox.create_conversation()["id"]
    inbox.add_messages(cid, 3000)
    process = subprocess.Popen(
        [sys.executable, "-m", "wix_inbox", "list", cid],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # like `| head -1`
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert stderr == b""


def test_ctrl_c_exits_130_with_one_line(env: dict[str, str]) -> None:
    # A server that reads the request and never answers: the command is then surely inside
    # its call (past start-up, with its handling of Ctrl-C in place) when the signal comes.
    received = threading.Event()

    def read_and_hang(conn: Conn) -> None:
        conn.read_request()
        received.set()
        conn.stop.wait(20)

    with HostileServer(read_and_hang) as server:
        process = subprocess.Popen(
            [sys.executable, "-m", "wix_inbox", "get", UNKNOWN],
            env={**env, "WIX_BASE_URL": server.url},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=sigint_as_usual,
        )
        assert received.wait(20), "the command never sent its request"
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=20)
    assert process.returncode == 130
    assert (stdout, stderr) == ("", "error: interrupted\n")


def test_ctrl_c_while_the_command_is_still_importing_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The console script's target imports the heavy modules inside its own try."""
    import importlib.abc

    from wix_inbox import _entry

    class CtrlCDuringImport(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: object = None, target: object = None) -> None:
            if name == "wix_inbox._cli":
                raise KeyboardInterrupt
            return None

    monkeypatch.delitem(sys.modules, "wix_inbox._cli")
    monkeypatch.setattr(sys, "meta_path", [CtrlCDuringImport(), *sys.meta_path])
    assert _entry.run() == 130
    assert capsys.readouterr() == ("", "error: interrupted\n")


def test_the_console_script_is_the_light_entry_point() -> None:
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "wix-inbox"]
    assert script.value == "wix_inbox._entry:run"
    code = "import sys, wix_inbox._entry; print(sorted(m for m in sys.modules if 'httpx' in m))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]"  # nothing heavy before the try


def test_a_second_ctrl_c_during_an_export_changes_nothing(
    env: dict[str, str], tmp_path: os.PathLike[str]
) -> None:
    received = threading.Event()

    def read_and_hang(conn: Conn) -> None:
        conn.read_request()
        received.set()
        conn.stop.wait(20)

    with HostileServer(read_and_hang) as server:
        process = subprocess.Popen(
            [sys.executable, "-m", "wix_inbox", "export", UNKNOWN, "--out", str(tmp_path)],
            env={**env, "WIX_BASE_URL": server.url},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=sigint_as_usual,
        )
        assert received.wait(20), "the command never sent its request"
        process.send_signal(signal.SIGINT)
        time.sleep(0.01)
        process.send_signal(signal.SIGINT)  # during the first one's clean-up, or after it
        stdout, stderr = process.communicate(timeout=20)
    assert process.returncode == 130
    assert stdout == "" and stderr.count("\n") == 1, stderr
    assert stderr.startswith("error: interrupted; ")


def test_an_export_leaves_the_ctrl_c_handler_as_it_was(
    env: dict[str, str], inbox: MockInbox, tmp_path: os.PathLike[str]
) -> None:
    before = signal.getsignal(signal.SIGINT)
    assert main(["export", inbox.create_conversation()["id"], "--out", str(tmp_path)]) == 0
    assert signal.getsignal(signal.SIGINT) is before


def test_text_no_encoding_can_write_is_printed_escaped(
    env: dict[str, str], inbox: MockInbox
) -> None:
    # JSON (and Wix, whose strings are JavaScript's) can carry a lone surrogate, "\ud800";
    # UTF-8 cannot. The line is printed with it escaped: the same JSON value, no traceback.
    cid = inbox.create_conversation()["id"]
    inbox.add_message(cid, message=_LONE_SURROGATE_MESSAGE)
    done = subprocess.run(
        [sys.executable, "-m", "wix_inbox", "list", cid],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    assert b"\\ud800" in line
    printed = json.loads(line)
    assert printed["content"]["basic"]["items"][0]["text"] == "odd \ud800 text"


_LONE_SURROGATE_MESSAGE = {
    "content": {"basic": {"items": [{"text": "odd \ud800 text"}]}},
    "direction": "PARTICIPANT_TO_BUSINESS",
    "visibility": "BUSINESS_AND_PARTICIPANT",
}
