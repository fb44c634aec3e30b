"""The generated models (generated/wix_inbox_api) read and write Wix's JSON without loss.

``Model.from_dict(data).to_dict() == data`` holds exactly (compared as parsed JSON, so key
order is not compared) for:

- the two seed responses (tests/fixtures/seed_*.json) and every request/response example in
  the spec whose schema is a component schema;
- responses carrying enum values the spec does not list (new channel types, directions...)
  and fields the spec does not define, at several depths.

Date-times are written the way Wix writes them (UTC, millisecond precision, ``Z``: our
``datetime_property`` template override), so Wix's own date-time strings round-trip byte for
byte. Normalisations, which only apply to values not in Wix's form: a date-time with another
UTC offset is written in UTC, one without milliseconds gains ``.000``, sub-millisecond digits are
dropped, and a naive ``datetime`` is taken to be UTC. UUIDs are written lower-case.
"""

from __future__ import annotations

import copy
import datetime
import gc
import importlib
import json
import pickle
import pkgutil
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any, Protocol

import pytest
import yaml

import wix_inbox_api
from wix_inbox_api import models
from wix_inbox_api import types as generated_types
from wix_inbox_api.models import (
    ChannelType,
    GetConversationResponse,
    ListMessagesResponse,
    Message,
    MessageDirection,
)
from wix_inbox_api.types import Unset, format_datetime, parse_uuid, parse_uuid_or_keep

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class Model(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


ModelParser = Callable[[dict[str, Any]], Model]


def _load_json(name: str) -> dict[str, Any]:
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def assert_round_trip(parse: ModelParser, data: dict[str, Any]) -> Model:
    original = copy.deepcopy(data)
    parsed = parse(data)
    assert data == original, "from_dict must not modify its input"
    out = parsed.to_dict()
    assert out == original
    # Stricter than ==: same JSON types (no 1 vs 1.0 vs True), nothing non-JSON left over.
    assert json.dumps(out, sort_keys=True) == json.dumps(original, sort_keys=True)
    return parsed


# ---------------------------------------------------------------- seed responses


def test_seed_get_conversation_round_trips() -> None:
    data = _load_json("seed_get_conversation.json")
    parsed = assert_round_trip(GetConversationResponse.from_dict, data)
    assert isinstance(parsed, GetConversationResponse)
    conversation = parsed.conversation
    assert not isinstance(conversation, Unset)
    assert isinstance(conversation.channels, list)
    assert conversation.channels == [ChannelType.CHAT, ChannelType.EMAIL]


def test_seed_list_messages_round_trips() -> None:
    data = _load_json("seed_list_messages.json")
    parsed = assert_round_trip(ListMessagesResponse.from_dict, data)
    assert isinstance(parsed, ListMessagesResponse)
    assert isinstance(parsed.messages, list)
    assert len(parsed.messages) == len(data["messages"])
    first = parsed.messages[0]
    assert first.created_date == datetime.datetime(
        2021, 12, 30, 8, 12, 43, 799000, tzinfo=datetime.UTC
    )
    assert first.direction is MessageDirection.BUSINESS_TO_PARTICIPANT


def _spec_examples() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(where, component schema name, example) for JSON request/response examples."""
    spec = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text(encoding="utf-8"))
    operations = [
        (f"{method.upper()} {path}", operation)
        for section in ("paths", "webhooks")
        for path, item in (spec.get(section) or {}).items()
        for method, operation in item.items()
        if isinstance(operation, dict) and method != "parameters"
    ]
    for name, operation in operations:
        bodies = [("request", operation.get("requestBody") or {})]
        bodies += [(f"response {status}", r) for status, r in operation["responses"].items()]
        for kind, body in bodies:
            if "$ref" in body:
                body = spec["components"]["responses"][body["$ref"].rsplit("/", 1)[1]]
            media = (body.get("content") or {}).get("application/json") or {}
            ref = (media.get("schema") or {}).get("$ref", "")
            if not ref.startswith("#/components/schemas/"):
                continue
            schema_name = ref.rsplit("/", 1)[1]
            if "example" in media:
                yield f"{name} {kind}", schema_name, media["example"]
            for example_name, example in (media.get("examples") or {}).items():
                yield f"{name} {kind} {example_name}", schema_name, example["value"]


SPEC_EXAMPLES = list(_spec_examples())


def test_spec_has_the_seed_examples() -> None:
    wheres = {where for where, _, _ in SPEC_EXAMPLES}
    assert "GET /inbox/v2/conversations/{conversationId} response 200 seed" in wheres
    assert "GET /inbox/v2/messages response 200 seed" in wheres


@pytest.mark.parametrize(
    ("where", "schema_name", "example"), SPEC_EXAMPLES, ids=[e[0] for e in SPEC_EXAMPLES]
)
def test_spec_example_round_trips(where: str, schema_name: str, example: dict[str, Any]) -> None:
    model_class = getattr(models, schema_name)
    assert_round_trip(model_class.from_dict, example)


def test_fixtures_are_the_spec_seed_examples() -> None:
    by_where = {where: example for where, _, example in SPEC_EXAMPLES}
    assert by_where["GET /inbox/v2/conversations/{conversationId} response 200 seed"] == (
        _load_json("seed_get_conversation.json")
    )
    assert by_where["GET /inbox/v2/messages response 200 seed"] == _load_json(
        "seed_list_messages.json"
    )


# ------------------------------------------------- unknown enum values and fields

FUTURE_PAGE: dict[str, Any] = {
    "messages": [
        {
            "id": "1700000000000001",
            "content": {
                "previewText": "hello from the future",
                "basic": {
                    "items": [
                        {"text": "hi", "reactions": [{"emoji": "👍", "count": 2}]},
                        {"sticker": {"packId": "p1", "stickerId": "s9"}},
                    ],
                    "layout": "CAROUSEL",
                },
                "template": {
                    "title": "Card",
                    "orientation": "DIAGONAL",
                    "buttons": [
                        {
                            "label": "go",
                            "style": "PRIMARY",
                            "postbackProperties": {
                                "interactionId": "i1",
                                "ttlSeconds": 30,
                            },
                        }
                    ],
                },
                "poll": {"question": "?", "options": ["a", "b"]},
            },
            "sender": {"wixUserId": "5a0c4737-a2a0-4c37-a07e-d9fd87027023", "botId": "b-1"},
            "badges": [{"text": "auto", "badgeVisibility": "ROBOTS_ONLY", "color": "#ff0000"}],
            "targetChannels": ["TELEGRAM", "CHAT"],
            "sourceChannel": "TELEGRAM",
            "visibility": "BUSINESS_AND_BOTS",
            "sequence": "1700000000000001",
            "direction": "BOT_TO_BUSINESS",
            "createdDate": "2023-11-14T22:13:20.000Z",
            "editedDate": "2023-11-14T22:15:00.000Z",
            "reactions": None,
        },
        {
            "id": "1700000000000002",
            "sourceChannel": "TELEGRAM",
            "direction": "BOT_TO_BUSINESS",
            "visibility": "BUSINESS",
            "createdDate": "2023-11-14T22:13:21.123Z",
        },
    ],
    "pagingMetadata": {
        "count": 2,
        "cursors": {"next": "abc", "prev": None, "expiresAt": "soon"},
        "hasNext": True,
    },
    "requestId": "r-123",
}


def test_unknown_enum_values_and_fields_round_trip() -> None:
    parsed = assert_round_trip(ListMessagesResponse.from_dict, FUTURE_PAGE)
    assert isinstance(parsed, ListMessagesResponse)
    assert parsed.additional_properties == {"requestId": "r-123"}
    assert isinstance(parsed.messages, list)
    first, _ = parsed.messages
    assert first["editedDate"] == "2023-11-14T22:15:00.000Z"
    assert "reactions" in first


def test_unknown_enum_value_is_a_pseudo_member() -> None:
    parsed = ListMessagesResponse.from_dict(copy.deepcopy(FUTURE_PAGE))
    assert isinstance(parsed.messages, list)
    first, second = parsed.messages
    channel = first.source_channel
    assert isinstance(channel, ChannelType)
    assert channel.value == "TELEGRAM"
    assert str(channel) == "TELEGRAM"
    assert f"{channel}" == "TELEGRAM"
    assert channel == "TELEGRAM"
    assert not channel.is_known
    assert ChannelType.CHAT.is_known
    # Cached: every parse of the same unknown value gives the same object.
    assert second.source_channel is channel
    assert ChannelType("TELEGRAM") is channel
    assert first.target_channels == [channel, ChannelType.CHAT]
    assert isinstance(first.target_channels, list)
    assert first.target_channels[0] is channel
    # Hashable, consistent with str, and it survives copy and pickle.
    assert hash(channel) == hash("TELEGRAM")
    assert {channel: 1} == {"TELEGRAM": 1}
    assert copy.deepcopy(channel) is channel
    assert pickle.loads(pickle.dumps(channel)) is channel
    # The known members are unchanged.
    assert "TELEGRAM" not in {member.value for member in ChannelType}
    assert ChannelType("CHAT") is ChannelType.CHAT
    direction = first.direction
    assert isinstance(direction, MessageDirection)
    assert direction.value == "BOT_TO_BUSINESS"
    assert not direction.is_known


def test_enum_still_rejects_non_strings() -> None:
    with pytest.raises(ValueError):
        ChannelType(5)  # type: ignore[arg-type]


def test_unknown_fields_are_kept_at_several_depths() -> None:
    parsed = ListMessagesResponse.from_dict(copy.deepcopy(FUTURE_PAGE))
    assert isinstance(parsed.messages, list)
    message = parsed.messages[0]
    assert set(message.additional_properties) == {"editedDate", "reactions"}
    content = message.content
    assert not isinstance(content, Unset)
    assert content["poll"] == {"question": "?", "options": ["a", "b"]}
    basic = content.basic
    assert not isinstance(basic, Unset)
    assert basic["layout"] == "CAROUSEL"
    assert isinstance(basic.items, list)
    assert basic.items[0]["reactions"] == [{"emoji": "👍", "count": 2}]
    assert basic.items[1].additional_properties == {"sticker": {"packId": "p1", "stickerId": "s9"}}
    template = content.template
    assert not isinstance(template, Unset)
    assert isinstance(template.buttons, list)
    postback = template.buttons[0].postback_properties
    assert not isinstance(postback, Unset)
    assert postback["ttlSeconds"] == 30
    paging = parsed.paging_metadata
    assert not isinstance(paging, Unset)
    assert paging["hasNext"] is True
    assert not isinstance(paging.cursors, Unset)
    assert paging.cursors["expiresAt"] == "soon"


# -------------------------------------------------------------------- date-times


@pytest.mark.parametrize(
    "wire",
    ["2021-12-30T08:12:43.799Z", "2021-12-30T08:12:42.800Z", "1999-01-01T00:00:00.000Z"],
)
def test_wix_date_times_round_trip_byte_for_byte(wire: str) -> None:
    message = Message.from_dict({"createdDate": wire})
    assert message.to_dict() == {"createdDate": wire}


UTC = datetime.UTC
PLUS_TWO = datetime.timezone(datetime.timedelta(hours=2))


@pytest.mark.parametrize(
    ("value", "wire"),
    [
        (datetime.datetime(2021, 12, 30, 8, 12, 43, 799000, UTC), "2021-12-30T08:12:43.799Z"),
        (datetime.datetime(2021, 12, 30, 10, 12, 43, 799999, PLUS_TWO), "2021-12-30T08:12:43.799Z"),
        (datetime.datetime(2021, 12, 30, 8, 12, 43), "2021-12-30T08:12:43.000Z"),
        (datetime.datetime(1, 1, 1), "0001-01-01T00:00:00.000Z"),
    ],
)
def test_date_times_are_written_in_wix_form(value: datetime.datetime, wire: str) -> None:
    assert format_datetime(value) == wire
    assert Message(created_date=value).to_dict() == {"createdDate": wire}


MINUS_FIVE = datetime.timezone(datetime.timedelta(hours=-5))
PLUS_FIVE = datetime.timezone(datetime.timedelta(hours=5))


@pytest.mark.parametrize(
    ("value", "wire"),
    [
        # In UTC these fall in year 10000 and year 0, which Python cannot represent: written
        # with their own offset (the same instant, still RFC 3339) instead of OverflowError.
        (
            datetime.datetime(9999, 12, 31, 23, 0, 0, 123456, MINUS_FIVE),
            "9999-12-31T23:00:00.123-05:00",
        ),
        (datetime.datetime(1, 1, 1, 0, 0, 0, 0, PLUS_FIVE), "0001-01-01T00:00:00.000+05:00"),
        (datetime.datetime.max.replace(tzinfo=MINUS_FIVE), "9999-12-31T23:59:59.999-05:00"),
        (datetime.datetime.min.replace(tzinfo=PLUS_FIVE), "0001-01-01T00:00:00.000+05:00"),
        # Near the edges but representable in UTC: converted as usual.
        (datetime.datetime(9999, 12, 31, 18, 59, 0, 0, MINUS_FIVE), "9999-12-31T23:59:00.000Z"),
        (datetime.datetime(1, 1, 1, 5, 0, 0, 0, PLUS_FIVE), "0001-01-01T00:00:00.000Z"),
        (datetime.datetime.max.replace(tzinfo=UTC), "9999-12-31T23:59:59.999Z"),
        (datetime.datetime.min, "0001-01-01T00:00:00.000Z"),
    ],
)
def test_date_times_at_the_edges_of_the_calendar(value: datetime.datetime, wire: str) -> None:
    message = Message(created_date=value)
    assert message.to_dict() == {"createdDate": wire}
    again = Message.from_dict(message.to_dict())
    assert isinstance(again.created_date, datetime.datetime)
    # The same instant to the millisecond (sub-millisecond digits are not written); a naive
    # value is taken to be UTC.
    expected = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    assert again.created_date == expected.replace(microsecond=value.microsecond // 1000 * 1000)
    assert again.to_dict() == {"createdDate": wire}


def test_null_date_time_round_trips() -> None:
    message = Message.from_dict({"createdDate": None})
    assert message.created_date is None
    assert message.to_dict() == {"createdDate": None}


# ------------------------------------------------------------------------ GUIDs


@pytest.mark.parametrize(
    "text",
    [
        "6fd2b962-dd8f-382f-8d27-ae63f188c939",
        "6FD2B962-DD8F-382F-8D27-AE63F188C939",
        "{6fd2b962-dd8f-382f-8d27-ae63f188c939}",
        "urn:uuid:6fd2b962-dd8f-382f-8d27-ae63f188c939",
        "6fd2b962dd8f382f8d27ae63f188c939",
    ],
)
def test_parse_uuid_is_uuid_remembered(text: str) -> None:
    first = parse_uuid(text)
    assert first == uuid.UUID(text)
    assert parse_uuid(text) is first  # the second time from the cache
    assert parse_uuid_or_keep(text) is first


@pytest.mark.parametrize("text", ["", "not-a-guid", "6fd2b962-dd8f-382f-8d27-ae63f188c93"])
def test_parse_uuid_fails_like_uuid_and_the_union_keeps_the_text(text: str) -> None:
    with pytest.raises(ValueError):
        uuid.UUID(text)
    with pytest.raises(ValueError):
        parse_uuid(text)
    assert parse_uuid_or_keep(text) == text
    # As the stock union did: text that is not a GUID is kept, a GUID field refuses it.
    assert models.IdentificationData.from_dict({"contactId": text}).contact_id == text
    with pytest.raises(ValueError):
        models.IdentificationData.from_dict({"memberId": text})


def test_the_guid_cache_stays_bounded() -> None:
    for number in range(generated_types._UUIDS_MAX + 10):
        parse_uuid(str(uuid.UUID(int=number)))
    assert len(generated_types._UUIDS) <= generated_types._UUIDS_MAX


# ------------------------------------------------------------------- the package


def test_every_generated_module_imports() -> None:
    names = [
        info.name for info in pkgutil.walk_packages(wix_inbox_api.__path__, prefix="wix_inbox_api.")
    ]
    assert "wix_inbox_api.models.message" in names
    for name in names:
        importlib.import_module(name)


def test_package_is_typed() -> None:
    assert wix_inbox_api.__file__ is not None
    assert (Path(wix_inbox_api.__file__).parent / "py.typed").is_file()


# -- from_dict_lazy (types.LazyModel) --------------------------------------------------------------


def _slot_is_empty(obj: object, name: str) -> bool:
    """Whether ``obj``'s slot ``name`` holds nothing yet (read without LazyModel's fallback)."""
    try:
        type(obj).__dict__[name].__get__(obj)
    except AttributeError:
        return True
    return False


def _seed_message() -> dict[str, Any]:
    messages = _load_json("seed_list_messages.json")["messages"]
    assert isinstance(messages, list) and messages
    message = messages[0]
    assert isinstance(message, dict)
    return message


def test_from_dict_lazy_builds_each_nested_model_when_first_read() -> None:
    wire = _seed_message()
    message = Message.from_dict_lazy(wire)
    # Scalars and lists are converted at once; the fields holding a model wait.
    assert isinstance(message.created_date, datetime.datetime)
    assert message.direction is MessageDirection.BUSINESS_TO_PARTICIPANT
    assert message.badges == [] and message.target_channels == []
    assert set(Message._lazy) == {"content", "sender"}
    assert _slot_is_empty(message, "content") and _slot_is_empty(message, "sender")

    content = message.content
    assert content == models.MessageContent.from_dict(wire["content"])  # all of it, eagerly
    assert message.content is content  # built once, then an ordinary attribute
    assert _slot_is_empty(message, "sender")
    assert message._wire == {"sender": wire["sender"]}
    assert message.sender == models.IdentificationData.from_dict(wire["sender"])
    assert message._wire is None  # every field built: nothing of the input is kept
    assert message == Message.from_dict(wire)
    assert message.to_dict() == wire


def test_from_dict_lazy_equals_from_dict_however_it_is_read() -> None:
    body = _load_json("seed_list_messages.json")
    for wire in body["messages"]:
        eager = Message.from_dict(wire)
        for late in (
            Message.from_dict_lazy(wire),
            pickle.loads(pickle.dumps(Message.from_dict_lazy(wire))),
            copy.deepcopy(Message.from_dict_lazy(wire)),
            copy.copy(Message.from_dict_lazy(wire)),
        ):
            assert late == eager
            assert late.to_dict() == wire
        assert repr(Message.from_dict_lazy(wire)) == repr(eager)
        assert Message.from_dict_lazy(wire).to_dict() == wire
    # Absent fields hold UNSET, compared by identity: a copy or an unpickled model keeps it.
    assert pickle.loads(pickle.dumps(generated_types.UNSET)) is generated_types.UNSET
    assert copy.deepcopy(generated_types.UNSET) is generated_types.UNSET
    unpickled = pickle.loads(pickle.dumps(Message.from_dict_lazy({"id": "1"})))
    assert unpickled.content is generated_types.UNSET


def test_from_dict_lazy_keeps_unknown_fields_and_enum_values() -> None:
    wire = _seed_message() | {"futureField": {"a": [1]}, "direction": "SIDEWAYS"}
    wire["content"] = dict(wire["content"], futureKind={"x": 1})
    message = Message.from_dict_lazy(wire)
    assert message.additional_properties == {"futureField": {"a": [1]}}
    assert message.direction == "SIDEWAYS"
    assert message.to_dict() == wire


def test_an_absent_nested_field_reads_as_unset() -> None:
    message = Message.from_dict_lazy({"id": "1"})
    assert isinstance(message.content, Unset) and isinstance(message.badges, Unset)
    assert message.to_dict() == {"id": "1"}


def test_a_value_set_before_the_first_read_is_kept() -> None:
    message = Message.from_dict_lazy(_seed_message())
    replacement = models.MessageContent(preview_text="replaced")
    message.content = replacement
    assert not isinstance(message.sender, Unset)  # building another field leaves it alone
    assert message.content is replacement
    assert message.to_dict()["content"] == {"previewText": "replaced"}


def test_unknown_attributes_still_raise_attribute_error() -> None:
    message = Message.from_dict_lazy(_seed_message())
    with pytest.raises(AttributeError, match="'Message' object has no attribute 'contents'"):
        message.contents  # type: ignore[attr-defined]  # noqa: B018
    assert not hasattr(message, "__deepcopy__")
    assert getattr(message, "missing", "default") == "default"
    assert all(_slot_is_empty(message, name) for name in Message._lazy)


def test_a_constructed_model_has_no_input_to_fall_back_on() -> None:
    message = Message(id="1")
    assert isinstance(message.content, Unset)  # __init__ fills every slot
    del message.content
    with pytest.raises(AttributeError, match="no attribute 'content'"):
        message.content  # noqa: B018


def test_a_nested_value_of_the_wrong_kind_fails_as_a_type_error_when_read() -> None:
    # The client checks every response's shape before parsing it (tests in
    # test_client_parse_path.py); from_dict_lazy does not check, and the failure shows on the
    # read as a TypeError, never as an AttributeError that would read as "no such field".
    message = Message.from_dict_lazy({"id": "1", "content": "not an object"})
    with pytest.raises(TypeError, match=r"Message\.content"):
        message.content  # noqa: B018


def test_threads_making_the_first_read_at_once_get_one_object() -> None:
    # The build runs under a lock: whoever comes second reads what the first one built, so an
    # edit a thread makes to the object it got is on the model for everyone.
    wire = _seed_message()
    wire["content"] = {"basic": {"items": [{"text": f"line {n}"} for n in range(200)]}}
    start = threading.Barrier(2, timeout=10)
    got: list[list[object]] = [[], []]

    def reader(slot: list[object], messages: list[Message]) -> None:
        for message in messages:
            start.wait()
            slot.append(message.content)

    messages = [Message.from_dict_lazy(wire) for _ in range(300)]
    threads = [threading.Thread(target=reader, args=(got[n], messages)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
        assert not thread.is_alive()
    assert len(got[0]) == len(got[1]) == 300
    for message, first, second in zip(messages, got[0], got[1], strict=True):
        assert first is second is message.content


def _schemas_below(where: str, node: Any, schemas: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """``node`` and every schema it reaches (through ``$ref`` too), with where each is."""
    seen: set[str] = set()
    todo: list[tuple[str, Any]] = [(where, node)]
    while todo:
        where, node = todo.pop()
        if isinstance(node, list):
            todo.extend((f"{where}[{i}]", item) for i, item in enumerate(node))
        elif isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                target = ref.rsplit("/", 1)[-1]
                if target not in seen:
                    seen.add(target)
                    todo.append((target, schemas[target]))
                continue
            yield where, node
            todo.extend((f"{where}.{key}", value) for key, value in node.items())


def _wire_name(attribute: str) -> str:
    first, *rest = attribute.rstrip("_").split("_")
    return first + "".join(part.title() for part in rest)


def test_what_from_dict_lazy_defers_cannot_fail_once_the_shape_is_checked() -> None:
    # A deferred build runs when a field is read, outside the client's error handling. The
    # client's shape check (_openapi.shape_errors) keeps types, formats and enums but not
    # `required`, and its date-time format takes values Python's fromisoformat refuses (a leap
    # second, lower-case "t"). So below every deferred field: no required field, and every
    # date-time nullable (a union, which from_dict keeps as text when it cannot parse it).
    document = json.loads((ROOT / "generated" / "openapi.json").read_text(encoding="utf-8"))
    schemas = document["components"]["schemas"]
    deferred: list[tuple[str, Any]] = []
    for info in pkgutil.iter_modules(models.__path__):
        module = importlib.import_module(f"wix_inbox_api.models.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, generated_types.LazyModel):
                for attribute in value._lazy:
                    where = f"{value.__name__}.{_wire_name(attribute)}"
                    deferred.append(
                        (where, schemas[value.__name__]["properties"][_wire_name(attribute)])
                    )
    assert {"Message.content", "Message.sender"} <= {where for where, _ in deferred}
    problems = []
    for where, node in deferred:
        for below, schema in _schemas_below(where, node, schemas):
            if isinstance(schema.get("required"), list) and schema["required"]:
                problems.append(f"{below}: required {schema['required']}")
            if schema.get("format") == "date-time" and "null" not in schema.get("type", []):
                problems.append(f"{below}: a date-time that is not nullable")
    assert problems == []


def test_a_read_of_a_field_during_its_own_build_gets_the_object_kept() -> None:
    # Code that runs inside a build in the same thread (a gc callback, a finalizer) may read
    # the field being built: the lock is re-entrant, so that read builds and publishes first.
    # The outer read must then hand out that same object, not raise or replace it.
    content = {"basic": {"items": [{"text": f"t{i}"} for i in range(3000)]}}
    message = Message.from_dict_lazy({"id": "m1", "sequence": "1", "content": content})
    seen: list[object] = []

    def during_build(phase: str, info: dict[str, Any]) -> None:
        frame: FrameType | None = sys._getframe(1)
        inside = False
        while frame is not None:
            if frame.f_code.co_name == "from_dict" and "content" in frame.f_code.co_filename:
                inside = True
            frame = frame.f_back
        if phase == "start" and inside and not seen:
            seen.append(message.content)

    threshold = gc.get_threshold()
    gc.callbacks.append(during_build)
    gc.set_threshold(1)
    try:
        outer = message.content
    finally:
        gc.set_threshold(*threshold)
        gc.callbacks.remove(during_build)
    assert seen, "the gc callback did not run during the build"
    assert outer is seen[0] is message.content
    assert message._wire is None
