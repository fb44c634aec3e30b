"""MockInbox: lifecycle, state, sending, seeding helpers, demo data, request log, CLI, plugin."""

from __future__ import annotations

import itertools
import os
import re
import socket
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from test_mock_support import (
    CONTACT,
    HTTP,
    UNKNOWN_GUID,
    api,
    app_code,
    checked,
    list_params,
    text_message,
)
from wix_inbox.testing import MockInbox

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def _conversation(client: httpx.Client, **participant: str) -> str:
    body = checked(
        client.post(
            "/inbox/v2/conversations", json={"participantId": participant or {"contactId": CONTACT}}
        ),
        "getOrCreateConversation",
    )
    conversation_id = body["conversation"]["id"]
    assert isinstance(conversation_id, str)
    return conversation_id


def _subprocess_env() -> dict[str, str]:
    """The environment of a child Python that imports the same packages as this process."""
    import wix_inbox
    import wix_inbox_api

    env = dict(os.environ)
    roots = {str(Path(m.__file__ or "").resolve().parents[1]) for m in (wix_inbox, wix_inbox_api)}
    env["PYTHONPATH"] = os.pathsep.join([*sorted(roots), env.get("PYTHONPATH", "")]).rstrip(
        os.pathsep
    )
    return env


# -- lifecycle -------------------------------------------------------------------------------


def test_starts_on_loopback_and_stops_without_leaking_threads() -> None:
    before = set(threading.enumerate())
    mock = MockInbox()
    with pytest.raises(RuntimeError):
        _ = mock.url  # not started yet
    with mock:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", mock.url)
        assert mock.running
        assert len(set(threading.enumerate()) - before) == 1
        response = HTTP.get(f"{mock.url}/inbox/v2/conversations/{UNKNOWN_GUID}")
        assert response.status_code == 401
        port = int(mock.url.rsplit(":", 1)[1])
    assert not mock.running
    assert set(threading.enumerate()) - before == set()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass
    mock.stop()  # idempotent


def test_restart_keeps_state() -> None:
    mock = MockInbox()
    conversation = mock.create_conversation()
    with mock, api(mock) as client:
        checked(client.get(f"/inbox/v2/conversations/{conversation['id']}"), "getConversation")
    with mock, api(mock) as client:
        body = checked(
            client.get(f"/inbox/v2/conversations/{conversation['id']}"), "getConversation"
        )
        assert body["conversation"] == conversation


def test_unknown_path_is_a_wix_404_and_unknown_method_a_405(client: httpx.Client) -> None:
    assert app_code(client.get("/inbox/v2/nothing"), 404) == "NOT_FOUND"
    wrong_method = client.delete("/inbox/v2/messages")
    assert app_code(wrong_method, 405) == "METHOD_NOT_ALLOWED"
    assert wrong_method.headers["Allow"] == "GET, POST"


# -- conversations ---------------------------------------------------------------------------


def test_get_or_create_is_idempotent(mock: MockInbox, client: httpx.Client) -> None:
    first = checked(
        client.post("/inbox/v2/conversations", json={"participantId": {"contactId": CONTACT}}),
        "getOrCreateConversation",
    )
    again = checked(
        client.post("/inbox/v2/conversations", json={"participantId": {"contactId": CONTACT}}),
        "getOrCreateConversation",
    )
    assert first["newConversation"] is True
    assert again["newConversation"] is False
    assert again["conversation"] == first["conversation"]
    conversation = first["conversation"]
    assert conversation["participant"] == {"contactId": CONTACT}
    assert conversation["businessDisplayData"]["name"] == mock.site.name
    assert conversation["channels"] == ["CHAT"]
    member = _conversation(client, memberId=UNKNOWN_GUID)
    visitor = _conversation(client, anonymousVisitorId=UNKNOWN_GUID)
    assert len({conversation["id"], member, visitor}) == 3
    assert [c["id"] for c in mock.conversations()] == [conversation["id"], member, visitor]
    got = checked(client.get(f"/inbox/v2/conversations/{conversation['id']}"), "getConversation")
    assert got["conversation"] == conversation


def test_same_participant_on_two_sites_gets_two_conversations(mock: MockInbox) -> None:
    other = mock.add_site(name="Other Business")
    headers = {"Authorization": other.api_key, "wix-site-id": other.site_id}
    with api(mock) as mine, api(mock, **headers) as theirs:
        a = _conversation(mine)
        b = _conversation(theirs)
    assert a != b
    assert [c["id"] for c in mock.conversations(other.site_id)] == [b]


# -- sending ---------------------------------------------------------------------------------


def test_send_fills_server_fields_and_ignores_read_only_and_unknown_ones(
    mock: MockInbox, client: httpx.Client
) -> None:
    conversation_id = _conversation(client)
    body = text_message(conversation_id, "Hi there", sendNotifications=True, unknownTop=1)
    body["message"].update(
        {
            "id": "forged",
            "sequence": "1",
            "createdDate": "1999-01-01T00:00:00.000Z",
            "sender": {"wixUserId": UNKNOWN_GUID},
            "appId": UNKNOWN_GUID,
            "unknownField": {"x": 1},
            "sourceChannelId": None,
        }
    )
    message = checked(client.post("/inbox/v2/messages", json=body), "sendMessage")["message"]
    assert message["id"] == message["sequence"] != "1"
    assert message["sequence"].isdigit()
    assert DATE.match(message["createdDate"])
    assert message["createdDate"] > "2020"
    assert message["sender"] == {"wixUserId": mock.site.wix_user_id}
    assert "appId" not in message
    assert "unknownField" not in message and "sourceChannelId" not in message
    assert message["badges"] == []
    assert message["targetChannels"] == []
    assert message["targetChannelIds"] == []
    assert message["sourceChannel"] == "UNKNOWN_CHANNEL_TYPE"
    assert message["silent"] is False
    assert message["content"] == {"basic": {"items": [{"text": "Hi there"}]}}
    assert mock.messages(conversation_id) == [message]


def test_sequences_strictly_increase(mock: MockInbox, client: httpx.Client) -> None:
    conversation_id = _conversation(client)
    for index in range(40):
        if index % 4 == 0:
            mock.add_message(conversation_id, f"seeded {index}")
        else:
            client.post("/inbox/v2/messages", json=text_message(conversation_id, str(index)))
    sequences = [int(m["sequence"]) for m in mock.messages(conversation_id)]
    assert len(sequences) == 40
    assert all(a < b for a, b in itertools.pairwise(sequences))
    dates = [m["createdDate"] for m in mock.messages(conversation_id)]
    assert dates == sorted(dates)


def test_send_as_sets_the_sender(mock: MockInbox, client: httpx.Client) -> None:
    conversation_id = _conversation(client, memberId=UNKNOWN_GUID)
    as_participant = checked(
        client.post(
            "/inbox/v2/messages",
            json=text_message(
                conversation_id, direction="PARTICIPANT_TO_BUSINESS", sendAs="PARTICIPANT"
            ),
        ),
        "sendMessage",
    )["message"]
    assert as_participant["sender"] == {"memberId": UNKNOWN_GUID}
    as_user = checked(
        client.post(
            "/inbox/v2/messages", json=text_message(conversation_id, sendAs="BUSINESS_USER")
        ),
        "sendMessage",
    )["message"]
    assert as_user["sender"] == {"wixUserId": mock.site.wix_user_id}
    mismatch = client.post(
        "/inbox/v2/messages", json=text_message(conversation_id, sendAs="PARTICIPANT")
    )
    assert app_code(mismatch, 400) == "IDENTITY_DOES_NOT_MATCH"
    assert len(mock.messages(conversation_id)) == 2


def test_app_caller_is_the_sender_and_the_app(mock: MockInbox, client: httpx.Client) -> None:
    conversation_id = _conversation(client)
    token = HTTP.post(
        f"{mock.url}/oauth2/token",
        json={
            "grant_type": "client_credentials",
            "client_id": mock.app_id,
            "client_secret": mock.app_secret,
            "instance_id": mock.instance_id,
        },
    ).json()["access_token"]
    body = {
        "conversationId": conversation_id,
        "message": {
            "direction": "BUSINESS_TO_PARTICIPANT",
            "visibility": "BUSINESS_AND_PARTICIPANT",
            "content": {
                "template": {
                    "title": "Pick one",
                    "buttons": [{"label": "A", "postbackProperties": {"interactionId": "a"}}],
                }
            },
        },
    }
    message = checked(
        HTTP.post(f"{mock.url}/inbox/v2/messages", json=body, headers={"Authorization": token}),
        "sendMessage",
    )["message"]
    assert message["sender"] == {"appId": mock.app_id}
    assert message["appId"] == mock.app_id
    template = message["content"]["template"]
    assert template["orientation"] == "PORTRAIT"
    assert template["textLines"] == []
    assert template["buttons"][0]["postbackProperties"]["appId"] == mock.app_id


def test_content_defaults(client: httpx.Client) -> None:
    conversation_id = _conversation(client)
    url = "https://example.com/a.png"
    contents = {
        "template": {"title": "T"},
        "form": {"fields": [{"name": "n", "value": "v"}]},
        "system": {"text": "s"},
        "minimal": {"text": "m"},
        "basic": {"items": [{"image": {"url": url}}, {"file": {"url": url, "filename": "a"}}]},
    }
    stored = {}
    for kind, payload in contents.items():
        body = text_message(conversation_id)
        body["message"]["content"] = {kind: payload}
        stored[kind] = checked(client.post("/inbox/v2/messages", json=body), "sendMessage")[
            "message"
        ]["content"][kind]
    assert stored["template"] == {
        "title": "T",
        "buttons": [],
        "textLines": [],
        "orientation": "PORTRAIT",
    }
    assert stored["form"]["media"] == []
    assert stored["system"]["buttons"] == []
    assert stored["minimal"] == {"text": "m"}
    image, file = (
        item["image" if i == 0 else "file"] for i, item in enumerate(stored["basic"]["items"])
    )
    assert DATE.match(image["urlExpiration"]) and image["urlExpiration"] == file["urlExpiration"]


def test_silent_follows_the_deprecated_request_flag(client: httpx.Client) -> None:
    conversation_id = _conversation(client)
    message = checked(
        client.post("/inbox/v2/messages", json=text_message(conversation_id, silent=True)),
        "sendMessage",
    )["message"]
    assert message["silent"] is True


@pytest.mark.parametrize("url", ["ftp://example.com/a.png", "file:///etc/passwd", "javascript:x"])
def test_media_urls_must_be_http(mock: MockInbox, client: httpx.Client, url: str) -> None:
    conversation_id = _conversation(client)
    body = text_message(conversation_id)
    body["message"]["content"] = {"basic": {"items": [{"image": {"url": url}}]}}
    assert app_code(client.post("/inbox/v2/messages", json=body), 400) == "INVALID_MEDIA_URL"
    body["message"]["content"] = {
        "form": {"fields": [{"name": "a", "value": "b"}], "media": [{"file": {"url": url}}]}
    }
    assert app_code(client.post("/inbox/v2/messages", json=body), 400) == "INVALID_MEDIA_URL"
    assert mock.messages(conversation_id) == []


def test_unknown_conversation_is_404(client: httpx.Client) -> None:
    get = client.get(f"/inbox/v2/conversations/{UNKNOWN_GUID}")
    assert app_code(get, 404) == "CONVERSATION_NOT_FOUND"
    send = client.post("/inbox/v2/messages", json=text_message(UNKNOWN_GUID))
    assert app_code(send, 404) == "CONVERSATION_NOT_FOUND"
    listed = client.get("/inbox/v2/messages", params=list_params(UNKNOWN_GUID))
    assert app_code(listed, 404) == "CONVERSATION_NOT_FOUND"


# -- seeding helpers -------------------------------------------------------------------------


def test_seeding_helpers(mock: MockInbox, client: httpx.Client) -> None:
    conversation = mock.create_conversation(member_id=UNKNOWN_GUID, participant_name="Sam")
    assert conversation["participantDisplayData"] == {"name": "Sam"}
    assert mock.create_conversation(member_id=UNKNOWN_GUID)["id"] == conversation["id"]
    with pytest.raises(ValueError):
        mock.create_conversation(member_id=UNKNOWN_GUID, contact_id=CONTACT)
    text = mock.add_message(conversation["id"], "from the member")
    assert text["sender"] == {"memberId": UNKNOWN_GUID}
    assert text["direction"] == "PARTICIPANT_TO_BUSINESS"
    when = datetime(2021, 12, 30, 8, 12, 43, 799000, tzinfo=UTC)
    minimal = mock.add_message(
        conversation["id"],
        message={"content": {"minimal": {"text": "joined"}}, "visibility": "BUSINESS"},
        direction="BUSINESS_TO_PARTICIPANT",
        created_date=when,
    )
    assert minimal["createdDate"] == "2021-12-30T08:12:43.799Z"
    assert minimal["sender"] == {"wixUserId": mock.site.wix_user_id}
    assert int(minimal["sequence"]) > int(text["sequence"])
    with pytest.raises(ValueError, match=r"message\.content\.basic\.items\[0\]\.text"):
        mock.add_message(conversation["id"], "x" * 20000)
    with pytest.raises(KeyError):
        mock.add_message(UNKNOWN_GUID, "nobody")
    copy = mock.messages(conversation["id"])
    copy[0]["content"] = {}
    assert mock.messages(conversation["id"])[0]["content"] != {}
    listed = checked(
        client.get("/inbox/v2/messages", params=list_params(conversation["id"])), "listMessages"
    )
    assert listed["messages"] == [minimal, text]


def test_add_site_and_install_app(mock: MockInbox) -> None:
    sibling = mock.add_site(name="Sibling", account_id=mock.account_id)
    stranger = mock.add_site(name="Stranger")
    assert sibling.api_key == mock.api_key and sibling.account_id == mock.account_id
    assert stranger.api_key != mock.api_key and stranger.account_id != mock.account_id
    with api(mock, **{"wix-site-id": sibling.site_id}) as client:
        checked(
            client.post("/inbox/v2/conversations", json={"participantId": {"contactId": CONTACT}}),
            "getOrCreateConversation",
        )
    installed = mock.install_app(stranger.site_id, app_id=mock.app_id)
    assert installed.app_secret == mock.app_secret and installed.instance_id != mock.instance_id
    token = HTTP.post(
        f"{mock.url}/oauth2/token",
        json={
            "grant_type": "client_credentials",
            "client_id": installed.app_id,
            "client_secret": installed.app_secret,
            "instance_id": installed.instance_id,
        },
    ).json()["access_token"]
    created = checked(
        HTTP.post(
            f"{mock.url}/inbox/v2/conversations",
            json={"participantId": {"contactId": CONTACT}},
            headers={"Authorization": token},
        ),
        "getOrCreateConversation",
    )
    assert created["conversation"]["businessDisplayData"]["name"] == "Stranger"
    assert [c["id"] for c in mock.conversations(stranger.site_id)] == [
        created["conversation"]["id"]
    ]


# -- demo data -------------------------------------------------------------------------------


def test_demo_data_has_every_kind_and_a_long_history() -> None:
    with MockInbox.with_demo_data() as mock, api(mock) as client:
        conversations = mock.conversations()
        kinds = {next(iter(c["participant"])) for c in conversations}
        assert kinds == {"contactId", "memberId", "anonymousVisitorId"}
        sizes = {c["id"]: len(mock.messages(c["id"])) for c in conversations}
        longest = max(sizes, key=lambda k: sizes[k])
        assert sizes[longest] >= 300
        seen: set[str] = set()
        items: set[str] = set()
        for conversation in conversations:
            for message in mock.messages(conversation["id"]):
                content = message["content"]
                seen.update(k for k in content if k not in ("previewText", "title"))
                for item in content.get("basic", {}).get("items", []):
                    items.update(item)
                if "template" in content:
                    buttons = content["template"]["buttons"]
                    assert any("postbackProperties" in b for b in buttons)
                if "form" in content:
                    assert content["form"]["fields"] and content["form"]["media"]
        assert seen == {"basic", "template", "minimal", "form", "system"}
        assert items == {"text", "image", "file"}
        # the whole long history pages through the API, each page fitting the spec
        ids: list[str] = []
        cursor = None
        while True:
            params = list_params(longest, **{"paging.limit": 100})
            if cursor:
                params["paging.cursor"] = cursor
            page = checked(client.get("/inbox/v2/messages", params=params), "listMessages")
            ids += [m["id"] for m in page["messages"]]
            cursor = page["pagingMetadata"]["cursors"]["next"]
            if cursor is None:
                break
        assert len(ids) == len(set(ids)) == sizes[longest]


# -- request log -----------------------------------------------------------------------------


def test_request_log_masks_secrets(mock: MockInbox, client: httpx.Client) -> None:
    conversation_id = _conversation(client)
    client.get("/inbox/v2/messages", params=list_params(conversation_id, **{"paging.limit": 5}))
    HTTP.post(
        f"{mock.url}/oauth2/token",
        json={
            "grant_type": "client_credentials",
            "client_id": mock.app_id,
            "client_secret": mock.app_secret,
            "instance_id": mock.instance_id,
        },
    )
    create, listing, token = mock.requests
    assert (create.method, create.path, create.route, create.status) == (
        "POST",
        "/inbox/v2/conversations",
        "getOrCreateConversation",
        200,
    )
    assert create.body == {"participantId": {"contactId": CONTACT}}
    assert create.headers["authorization"] == "***"
    assert create.headers["wix-site-id"] == mock.site_id
    assert listing.route == "listMessages" and listing.body is None
    assert listing.query == {
        "conversationId": [conversation_id],
        "visibility": ["BUSINESS"],
        "paging.limit": ["5"],
    }
    assert token.route == "token" and token.status == 200
    assert token.body["client_secret"] == "***"
    assert token.body["client_id"] == mock.app_id
    assert create.request_id != listing.request_id
    assert all(
        mock.api_key not in repr(r) and mock.app_secret not in repr(r) for r in mock.requests
    )
    mock.reset_requests()
    assert mock.requests == []


# -- running as a process, pytest plugin -----------------------------------------------------


def test_cli_prints_url_and_credentials() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "wix_inbox.testing", "--port", "0", "--demo-data"],
        stdout=subprocess.PIPE,
        text=True,
        env=_subprocess_env(),
    )
    watchdog = threading.Timer(30, process.kill)  # never hang the suite
    watchdog.start()
    try:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            lines.append(line)
            if "Ctrl+C" in line:
                break
        output = "".join(lines)
        url = re.search(r"serving at (http://127\.0\.0\.1:\d+)", output)
        key = re.search(r"api key\s+(\S+)", output)
        site = re.search(r"site id\s+(\S+)", output)
        conversation = re.search(r"^\s+([0-9a-f-]{36})\s+350 messages", output, re.M)
        assert url and key and site and conversation, output
        assert "client_secret" in output and "instance id" in output
        response = HTTP.get(
            f"{url[1]}/inbox/v2/messages",
            params=list_params(conversation[1]),
            headers={"Authorization": key[1], "wix-site-id": site[1]},
        )
        assert len(checked(response, "listMessages")["messages"]) == 30
    finally:
        process.terminate()
        returncode = process.wait(timeout=10)
        watchdog.cancel()
    assert returncode == 0


def test_pytest_plugin_fixture_and_lazy_imports(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_uses_fixture.py").write_text(
        textwrap.dedent(
            """
            import sys

            import httpx


            def test_loading_the_plugin_imported_no_server() -> None:
                assert "starlette" not in sys.modules and "uvicorn" not in sys.modules


            def test_fixture(wix_inbox_mock) -> None:
                response = httpx.post(
                    wix_inbox_mock.url + "/inbox/v2/conversations",
                    json={"participantId": {"memberId": "MEMBER_ID"}},
                    headers={
                        "Authorization": wix_inbox_mock.api_key,
                        "wix-site-id": wix_inbox_mock.site_id,
                    },
                )
                assert response.json()["newConversation"] is True
            """
        ).replace("MEMBER_ID", UNKNOWN_GUID)
    )
    env = _subprocess_env()
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "wix_inbox.testing.pytest_plugin",
            "-p",
            "no:cacheprovider",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_plugin_and_package_import_without_the_mock_extra() -> None:
    code = textwrap.dedent(
        """
        import sys

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("starlette", "uvicorn"):
                    raise ModuleNotFoundError(f"No module named {name!r}", name=name)
                return None

        sys.meta_path.insert(0, Block())
        import wix_inbox
        import wix_inbox.testing
        import wix_inbox.testing.pytest_plugin
        assert "starlette" not in sys.modules
        try:
            wix_inbox.testing.MockInbox
        except ModuleNotFoundError as error:
            assert "[mock]" in str(error), error
        else:
            raise AssertionError("MockInbox imported without starlette")
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=_subprocess_env(),
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
