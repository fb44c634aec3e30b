"""The drift check (tools/spec_fidelity/): the comparer against fixture models, no network.

``fixtures/spec_fidelity/model-pinned.json`` is what ``extract.js`` reads from the Wix SDK
packages the spec records (``nox -s spec_fidelity`` checks it is current). Planted drifts of
each kind must be reported; the current spec must report none. The Node reader itself is tested
on small made-up typings (``fixtures/spec_fidelity/sdk-mini``) when Node and the pinned
``typescript`` are available (``nox -s spec_fidelity`` provides them and requires these tests).
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from spec_fidelity import compare as fidelity  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "spec_fidelity"
SPEC_PATH = ROOT / "spec" / "openapi.yaml"
DEVIATIONS_PATH = ROOT / "spec" / "deviations.yaml"
MESSAGES = "@wix/auto_sdk_inbox_messages"
CONVERSATIONS = "@wix/auto_sdk_inbox_conversations"

Model = dict[str, Any]


@pytest.fixture(scope="module")
def pinned() -> Model:
    return dict(json.loads((FIXTURES / "model-pinned.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return dict(yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8")))


def unexpected(spec: dict[str, Any], model: Model) -> list[fidelity.Difference]:
    found = fidelity.compare(spec, model)
    deviations = fidelity.load_deviations(DEVIATIONS_PATH)
    left, _accepted, stale = fidelity.apply_deviations(found, deviations)
    assert stale == []
    return left


def types(model: Model, package: str = MESSAGES) -> dict[str, Any]:
    return dict(model["packages"][package]["types"])


# ------------------------------------------------------------------------- the current spec
def test_the_spec_matches_its_pinned_versions(spec: dict[str, Any], pinned: Model) -> None:
    assert {n: p["version"] for n, p in pinned["packages"].items()} == spec["info"][
        "x-wix-sdk-packages"
    ]
    assert unexpected(spec, pinned) == []


def test_every_deviation_is_used_and_has_a_reason(spec: dict[str, Any], pinned: Model) -> None:
    deviations = fidelity.load_deviations(DEVIATIONS_PATH)
    assert deviations and all(str(d["reason"]).strip() for d in deviations)
    _left, accepted, stale = fidelity.apply_deviations(fidelity.compare(spec, pinned), deviations)
    assert stale == []
    assert any(d.path == "visibility" and d.upstream == "UNKNOWN_VISIBILITY" for d in accepted)


def test_the_comparison_reaches_every_operation_and_event(pinned: Model) -> None:
    # Empty the spec's schemas' properties: every field of every operation and event then
    # shows up as added, which proves the walk reaches them all.
    hollow = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    for schema in hollow["components"]["schemas"].values():
        schema.pop("properties", None)
    wheres = {d.where for d in fidelity.compare(hollow, pinned) if d.aspect == "field"}
    assert wheres == {
        "getConversation response",
        "getOrCreateConversation request",
        "getOrCreateConversation response",
        "listMessages response",
        "sendMessage request",
        "sendMessage response",
        "event wix.crm.inbox.v2.message_message_sent_to_business",
        "event wix.crm.inbox.v2.message_button_interacted",
        "event wix.crm.inbox.v2.conversation_conversations_merged",
    }


# ------------------------------------------------------------------------- planted drifts
def _new_field(model: Model) -> None:
    types(model)["Message"]["fields"]["reactions"] = {
        "optional": True,
        "type": {"kind": "array", "items": {"kind": "string"}},
    }


def _removed_field(model: Model) -> None:
    del types(model)["FormField"]["fields"]["value"]


def _changed_type(model: Model) -> None:
    types(model)["ImageMessage"]["fields"]["width"]["type"] = {"kind": "string"}


def _new_enum_value(model: Model) -> None:
    field = types(model)["Message"]["fields"]["sourceChannel"]
    field["type"]["values"].append("TELEGRAM")


def _changed_limit(model: Model) -> None:
    types(model)["MessageContent"]["fields"]["previewText"]["type"]["maxLength"] = 512


def _new_operation(model: Model) -> None:
    ops = model["packages"][MESSAGES]["operations"]
    ops["getMessage"] = {
        **copy.deepcopy(ops["listMessages"]),
        "http": {"method": "GET", "path": "/inbox/v2/messages/{messageId}", "transport": "query"},
    }


def _changed_required(model: Model) -> None:
    types(model)["SendMessageRequest"]["fields"]["sendNotifications"]["optional"] = False


def _changed_format(model: Model) -> None:
    types(model)["Button"]["fields"]["launchUrl"]["type"]["format"] = "GUID"


def _new_error_code(model: Model) -> None:
    model["packages"][MESSAGES]["operations"]["sendMessage"]["errors"].append("MESSAGE_TOO_LONG")


def _changed_path(model: Model) -> None:
    model["packages"][CONVERSATIONS]["operations"]["getConversation"]["http"]["path"] = (
        "/inbox/v3/conversations/{conversationId}"
    )


def _new_event(model: Model) -> None:
    events = model["packages"][MESSAGES]["events"]
    events["wix.crm.inbox.v2.message_message_deleted"] = copy.deepcopy(
        events["wix.crm.inbox.v2.message_button_interacted"]
    )


def _event_field(model: Model) -> None:
    types(model, CONVERSATIONS)["ConversationsMerged"]["fields"]["reason"] = {
        "optional": True,
        "type": {"kind": "string"},
    }


def _new_query_parameter(model: Model) -> None:
    types(model)["CursorPaging"]["fields"]["offset"] = {
        "optional": True,
        "type": {"kind": "number"},
    }


def _version_bump(model: Model) -> None:
    model["packages"][MESSAGES]["version"] = "1.0.42"


def _unknown_tag(model: Model) -> None:
    model["packages"][MESSAGES]["unknownTags"].append("Message.id: @pattern")


PLANTED: list[tuple[str, Callable[[Model], None], fidelity.Difference]] = [
    (
        "new field",
        _new_field,
        fidelity.Difference(
            "sendMessage request", "message.reactions", "field", "added", "list of string"
        ),
    ),
    (
        "removed field",
        _removed_field,
        fidelity.Difference(
            "listMessages response",
            "messages[].content.form.fields[].value",
            "field",
            "removed",
            None,
            "string",
        ),
    ),
    (
        "changed type",
        _changed_type,
        fidelity.Difference(
            "sendMessage response",
            "message.content.basic.items[].image.width",
            "type",
            "changed",
            "string",
            "integer",
        ),
    ),
    (
        "new enum value",
        _new_enum_value,
        fidelity.Difference(
            "listMessages response", "messages[].sourceChannel", "enum value", "added", "TELEGRAM"
        ),
    ),
    (
        "changed limit",
        _changed_limit,
        fidelity.Difference(
            "sendMessage request", "message.content.previewText", "maxLength", "changed", 512, 256
        ),
    ),
    (
        "new operation",
        _new_operation,
        fidelity.Difference(
            "operations", "getMessage", "operation", "added", "GET /inbox/v2/messages/{messageId}"
        ),
    ),
    (
        "changed required",
        _changed_required,
        fidelity.Difference(
            "sendMessage request", "sendNotifications", "required", "changed", True, False
        ),
    ),
    (
        "changed format",
        _changed_format,
        fidelity.Difference(
            "sendMessage request",
            "message.content.template.buttons[].launchUrl",
            "format",
            "changed",
            "GUID",
            "uri",
        ),
    ),
    (
        "new error code",
        _new_error_code,
        fidelity.Difference("sendMessage", "", "error code", "added", "MESSAGE_TOO_LONG"),
    ),
    (
        "changed path",
        _changed_path,
        fidelity.Difference(
            "getConversation",
            "",
            "method and path",
            "changed",
            "GET /inbox/v3/conversations/{conversationId}",
            "GET /inbox/v2/conversations/{conversationId}",
        ),
    ),
    (
        "new event",
        _new_event,
        fidelity.Difference(
            "webhooks",
            "wix.crm.inbox.v2.message_message_deleted",
            "event",
            "added",
            "onMessageButtonInteracted",
        ),
    ),
    (
        "new field in a webhook payload",
        _event_field,
        fidelity.Difference(
            "event wix.crm.inbox.v2.conversation_conversations_merged",
            "data.reason",
            "field",
            "added",
            "string",
        ),
    ),
    (
        "new query parameter",
        _new_query_parameter,
        fidelity.Difference(
            "listMessages request", "paging.offset", "parameter", "added", "number"
        ),
    ),
    (
        "version bump",
        _version_bump,
        fidelity.Difference("packages", MESSAGES, "version", "changed", "1.0.42", "1.0.41"),
    ),
    (
        "unknown doc tag",
        _unknown_tag,
        fidelity.Difference(
            MESSAGES, "Message.id: @pattern", "unknown doc tag", "added", "Message.id: @pattern"
        ),
    ),
]


@pytest.mark.parametrize(("kind", "plant", "expected"), PLANTED, ids=[p[0] for p in PLANTED])
def test_a_planted_drift_is_reported(
    spec: dict[str, Any],
    pinned: Model,
    kind: str,
    plant: Callable[[Model], None],
    expected: fidelity.Difference,
) -> None:
    model = copy.deepcopy(pinned)
    plant(model)
    left = unexpected(spec, model)
    assert expected in left, f"{kind}: {expected} not among {[str(d) for d in left]}"


def test_the_report_names_the_field_and_the_new_versions(
    tmp_path: Path, pinned: Model, capsys: pytest.CaptureFixture[str]
) -> None:
    model = copy.deepcopy(pinned)
    _version_bump(model)
    _changed_limit(model)
    model_path = tmp_path / "model.json"
    model_path.write_text(json.dumps(model), encoding="utf-8")
    report_path = tmp_path / "report.txt"
    code = fidelity.main(["--upstream", "--model", str(model_path), "--report", str(report_path)])
    out = capsys.readouterr().out
    assert code == 1
    assert "Drift report" in out
    assert f"{MESSAGES}: spec records 1.0.41, checked 1.0.42" in out
    assert "message.content.previewText [maxLength changed]" in out
    assert "Regenerating the client" in out
    assert report_path.read_text(encoding="utf-8") == out


def test_a_planted_drift_in_a_copy_of_the_spec_fails_naming_the_field(
    tmp_path: Path, pinned: Model, capsys: pytest.CaptureFixture[str]
) -> None:
    document = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    document["components"]["schemas"]["FileMessage"]["properties"]["mimeType"]["maxLength"] = 99
    spec_copy = tmp_path / "openapi.yaml"
    spec_copy.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    model_path = tmp_path / "model.json"
    model_path.write_text(json.dumps(pinned), encoding="utf-8")
    assert fidelity.main(["--model", str(model_path), "--spec", str(spec_copy)]) == 1
    out = capsys.readouterr().out
    assert (
        "sendMessage request: message.content.basic.items[].file.mimeType [maxLength changed]"
        in out
    )
    assert fidelity.main(["--model", str(model_path)]) == 0
    assert "No drift" in capsys.readouterr().out


def test_a_stale_deviation_fails(tmp_path: Path, pinned: Model) -> None:
    deviations = yaml.safe_load(DEVIATIONS_PATH.read_text(encoding="utf-8"))
    deviations["deviations"].append(
        {"where": "sendMessage request", "path": "nowhere", "aspect": "field", "reason": "test"}
    )
    path = tmp_path / "deviations.yaml"
    path.write_text(yaml.safe_dump(deviations), encoding="utf-8")
    model_path = tmp_path / "model.json"
    model_path.write_text(json.dumps(pinned), encoding="utf-8")
    assert fidelity.main(["--model", str(model_path), "--deviations", str(path)]) == 1


def test_a_deviation_without_a_reason_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deviations.yaml"
    path.write_text("deviations:\n  - {where: x, path: y}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="without a reason"):
        fidelity.load_deviations(path)


# ------------------------------------------------------------------------- the Node reader
def _typescript() -> Path | None:
    configured = os.environ.get("WIX_INBOX_TYPESCRIPT")
    if configured:
        return Path(configured)
    local = ROOT / "tools" / "spec_fidelity" / "node_modules"
    return local if (local / "typescript").is_dir() else None


@pytest.fixture
def node_reader() -> Callable[[str, Path], Model]:
    modules = _typescript()
    node = shutil.which("node")
    if node is None or modules is None:
        if os.environ.get("WIX_INBOX_SPEC_FIDELITY_REQUIRED"):
            pytest.fail("node and the pinned typescript package are required here")
        pytest.skip("needs node and tools/spec_fidelity's typescript (nox -s spec_fidelity)")

    def read(spec: str, directory: Path) -> Model:
        out = subprocess.run(
            [node, str(ROOT / "tools" / "spec_fidelity" / "extract.js"), f"{spec}={directory}"],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
            env={**os.environ, "NODE_PATH": str(modules)},
        )
        return dict(json.loads(out.stdout))

    return read


def test_the_node_reader_on_fixture_typings(node_reader: Callable[[str, Path], Model]) -> None:
    model = node_reader("@example/sdk-mini@0.0.1", FIXTURES / "sdk-mini")
    expected = json.loads((FIXTURES / "sdk-mini.model.json").read_text(encoding="utf-8"))
    model.pop("typescript")
    expected.pop("typescript")
    assert model == expected
    package = model["packages"]["@example/sdk-mini"]
    note = package["types"]["Note"]
    # Limits, formats and flags from doc tags; list tags split between list and items.
    assert note["fields"]["id"] == {
        "optional": True,
        "readonly": True,
        "type": {"kind": "string", "format": "GUID"},
    }
    assert note["fields"]["labels"]["type"] == {
        "kind": "array",
        "items": {"kind": "string", "maxLength": 30},
        "maxSize": 5,
    }
    assert note["fields"]["stars"]["type"] == {
        "kind": "number",
        "nullable": True,
        "min": 1,
        "max": 10,
    }
    assert note["fields"]["colour"]["docRequired"] is True
    assert note["fields"]["colour"]["type"]["values"] == ["UNKNOWN_COLOUR", "RED", "BLUE"]
    assert note["fields"]["createdDate"]["type"]["format"] == "date-time"
    assert note["oneOf"] == [["link", "text"]]
    assert "Unused" not in package["types"]  # only what a call or an event reaches
    assert package["unknownTags"] == ["Note.code: @pattern"]
    # Calls: method and REST path from index.typings.js, required fields and error codes.
    get_note = package["operations"]["getNote"]
    assert get_note["http"]["path"] == "/notes/v1/notes/{noteId}"
    assert get_note["http"]["transport"] == "query"
    assert get_note["pathParams"] == ["noteId"]
    assert get_note["errors"] == ["NOTE_HIDDEN", "NOTE_NOT_FOUND"]
    assert package["operations"]["postNote"]["requiredFields"] == ["note", "note.colour"]
    # Events: SDK key names (`_id`) are turned back into REST names.
    event = package["events"]["example.notes.v1.note_pinned"]
    assert (event["slug"], event["envelope"]) == ("pinned", "NotePinnedEnvelope")
    assert "id" in package["types"]["EventMetadata"]["fields"]
    assert package["types"]["AccountInfoMetadata"]["fields"]["accountId"]["optional"] is False
