"""Bad arguments raise InvalidArgumentError before anything is sent.

Each case is run with an API-key client and with an app client (whose first call would fetch a
token): afterwards the mock must have received nothing at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from test_client_support import CONTACT, MEMBER, Clients, Surface
from wix_inbox import InboxClient, InvalidArgumentError, WixError, content
from wix_inbox.testing import MockInbox
from wix_inbox_api.models import BasicMessageData, BasicMessagePayload, MessageContent

BAD_IDS: list[Any] = [
    "../x",
    "a/b?c",
    "../../oauth2/token",
    "6fd2b962-dd8f-382f-8d27-ae63f188c939/../x",
    "6fd2b962-dd8f-382f-8d27-ae63f188c939?x=1",
    "6fd2b962-dd8f-382f-8d27-ae63f188c939#frag",
    "%2e%2e%2fx",
    " 6fd2b962-dd8f-382f-8d27-ae63f188c939",
    "6fd2b962-dd8f-382f-8d27-ae63f188c939\n",
    "6fd2b962dd8f382f8d27ae63f188c939",
    "",
    "not-a-guid",
    None,
    42,
]


@pytest.fixture(scope="module")
def shared_inbox() -> Iterator[MockInbox]:
    with MockInbox() as mock:
        yield mock


@pytest.fixture
def inbox(shared_inbox: MockInbox) -> MockInbox:
    """Overrides conftest's ``inbox``: one mock for the module (nothing reaches it anyway)."""
    shared_inbox.reset_requests()
    return shared_inbox


@pytest.fixture(params=["api_key", "app"])
def any_surface(request: pytest.FixtureRequest, clients: Clients) -> Surface:
    return clients() if request.param == "api_key" else clients.app()


def _refused(inbox: MockInbox, call: Callable[[], object]) -> InvalidArgumentError:
    with pytest.raises(InvalidArgumentError) as caught:
        call()
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, WixError)
    assert inbox.requests == [], "nothing may be sent"
    return caught.value


@pytest.mark.parametrize("bad", BAD_IDS, ids=repr)
def test_a_conversation_id_that_is_not_a_guid_is_refused_by_every_method(
    any_surface: Surface, inbox: MockInbox, bad: Any
) -> None:
    _refused(inbox, lambda: any_surface.get(bad))
    _refused(inbox, lambda: any_surface.list_page(bad))
    _refused(inbox, lambda: any_surface.iterate(bad))
    _refused(inbox, lambda: any_surface.send(bad, "hi"))


@pytest.mark.parametrize("bad", ["../x", "a/b?c", "", None, 7], ids=repr)
@pytest.mark.parametrize("argument", ["contact_id", "member_id", "anonymous_visitor_id"])
def test_a_participant_id_that_is_not_a_guid_is_refused(
    any_surface: Surface, inbox: MockInbox, argument: str, bad: Any
) -> None:
    _refused(inbox, lambda: any_surface.get_or_create(**{argument: bad}))


@pytest.mark.parametrize(
    "ids",
    [
        {},
        {"contact_id": CONTACT, "member_id": MEMBER},
        {"contact_id": CONTACT, "anonymous_visitor_id": MEMBER},
    ],
    ids=["none", "two", "two-others"],
)
def test_get_or_create_needs_exactly_one_participant(
    any_surface: Surface, inbox: MockInbox, ids: dict[str, str]
) -> None:
    _refused(inbox, lambda: any_surface.get_or_create(**ids))


def _two_kinds() -> MessageContent:
    return MessageContent(
        basic=BasicMessagePayload(items=[BasicMessageData(text="a")]),
        minimal=content.minimal("b").minimal,
    )


# (what, how to build the bad content, the field the violation names or None)
BAD_CONTENT: list[tuple[str, Callable[[], Any], str | None]] = [
    (
        "preview-257",
        lambda: content.text("hi", preview_text="p" * 257),
        "message.content.previewText",
    ),
    ("text-16385", lambda: content.text("t" * 16385), "message.content.basic.items[0].text"),
    (
        "11-buttons",
        lambda: content.template(
            title="t", buttons=[content.button(f"b{i}", url="https://e.com") for i in range(11)]
        ),
        "message.content.template.buttons",
    ),
    (
        "11-text-lines",
        lambda: content.template(title="t", text_lines=["x"] * 11),
        "message.content.template.textLines",
    ),
    ("two-kinds", _two_kinds, "message.content"),
    ("no-kind", lambda: MessageContent(preview_text="nothing"), "message.content"),
    (
        "16-form-fields",
        lambda: content.form({f"f{i}": "v" for i in range(16)}),
        "message.content.form.fields",
    ),
    (
        "form-title-257",
        lambda: content.form({"a": "b"}, title="t" * 257),
        "message.content.form.title",
    ),
    (
        "image-url-2001",
        lambda: content.image("https://e.com/" + "i" * 2000),
        "message.content.basic.items[0].image.url",
    ),
    (
        "button-url-not-uri",
        lambda: content.template(title="t", buttons=[content.button("b", url="not a url")]),
        "message.content.template.buttons[0].launchUrl",
    ),
    (
        "interaction-id-257",
        lambda: content.template(
            title="t", buttons=[content.button("b", interaction_id="i" * 257)]
        ),
        "message.content.template.buttons[0].postbackProperties.interactionId",
    ),
    (
        "empty-basic",
        lambda: MessageContent(basic=BasicMessagePayload(items=[])),
        "message.content.basic.items",
    ),
    (
        "empty-item",
        lambda: MessageContent(basic=BasicMessagePayload(items=[BasicMessageData()])),
        "message.content.basic.items[0]",
    ),
    ("not-content", lambda: {"basic": {"items": [{"text": "dict"}]}}, None),
    ("bytes", lambda: b"hello", None),
]


@pytest.mark.parametrize(
    ("build", "field"), [(b, f) for _, b, f in BAD_CONTENT], ids=[w for w, _, _ in BAD_CONTENT]
)
def test_content_breaking_a_spec_limit_is_refused_before_sending(
    any_surface: Surface,
    inbox: MockInbox,
    conversation_id: str,
    build: Callable[[], Any],
    field: str | None,
) -> None:
    error = _refused(inbox, lambda: any_surface.send(conversation_id, build()))

    if field is not None:
        assert field in [v.field for v in error.field_violations], error.field_violations
        assert field in str(error)
    assert inbox.messages(conversation_id) == []


@pytest.mark.parametrize(
    "build",
    [
        lambda: content.text(""),
        lambda: content.text("   "),
        lambda: content.text(None),  # type: ignore[arg-type]
        lambda: content.button("b"),
        lambda: content.button("b", url="https://e.com", interaction_id="x"),
        lambda: content.button("", url="https://e.com"),
        lambda: content.template(),
        lambda: content.template(title="t", text_lines="one string"),
        lambda: content.template(title="t", buttons=["not a button"]),  # type: ignore[list-item]
        lambda: content.form({}),
        lambda: content.form({"a": "b"}, media=[content.text_item("not media")]),
        lambda: content.basic(),
        lambda: content.minimal(" "),
        lambda: content.image(""),
        # These raised TypeError / ValueError instead:
        lambda: content.form(123),  # type: ignore[arg-type]
        lambda: content.form([1, 2]),  # type: ignore[list-item]
        lambda: content.form([("a", "b", "c")]),  # type: ignore[list-item]
        lambda: content.form({"a": "b"}, media=123),  # type: ignore[arg-type]
        lambda: content.template(text_lines=123),  # type: ignore[arg-type]
        lambda: content.template(buttons=123),  # type: ignore[arg-type]
        lambda: content.template(title="t", orientation=5),  # type: ignore[arg-type]
        lambda: content.basic("x"),  # type: ignore[arg-type]
    ],
)
def test_content_builders_refuse_nonsense(build: Callable[[], object]) -> None:
    with pytest.raises(InvalidArgumentError):
        build()


@pytest.mark.parametrize(
    "options",
    [
        {"visibility": "EVERYONE"},
        {"direction": "SIDEWAYS"},
        {"send_as": "ADMIN"},
        {"silent": "yes"},
        {"send_notifications": 1},
    ],
    ids=lambda o: next(iter(o)),
)
def test_bad_send_options_are_refused(
    any_surface: Surface, inbox: MockInbox, conversation_id: str, options: dict[str, Any]
) -> None:
    _refused(inbox, lambda: any_surface.send(conversation_id, "hi", **options))


def test_text_with_a_lone_surrogate_is_refused_naming_the_fields(
    any_surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    # httpx could not encode it: UnicodeEncodeError escaped from send.
    error = _refused(inbox, lambda: any_surface.send(conversation_id, "a\ud800b"))
    assert "message.content.basic.items[0].text" in [v.field for v in error.field_violations]

    form = content.form({"name\udc00": "v"}, title="t")
    error = _refused(inbox, lambda: any_surface.send(conversation_id, form))
    assert [v.field for v in error.field_violations] == ["message.content.form.fields[0].name"]


@pytest.mark.parametrize(
    "bad",
    [
        MessageContent(basic="x"),  # type: ignore[arg-type]
        MessageContent(basic=BasicMessagePayload(items=["x"])),  # type: ignore[list-item]
    ],
    ids=["basic-str", "item-str"],
)
def test_a_hand_made_content_with_wrong_types_inside_is_refused(
    any_surface: Surface, inbox: MockInbox, conversation_id: str, bad: MessageContent
) -> None:
    # The generated to_dict raised AttributeError out of send.
    _refused(inbox, lambda: any_surface.send(conversation_id, bad))


@pytest.mark.parametrize("text", ["", "  \n\t"], ids=["empty", "blank"])
def test_sending_an_empty_text_is_refused(
    any_surface: Surface, inbox: MockInbox, conversation_id: str, text: str
) -> None:
    _refused(inbox, lambda: any_surface.send(conversation_id, text))


@pytest.mark.parametrize(
    "timeout",
    [
        0,
        -1,
        "5",
        True,
        # These reached the socket layer: ValueError / OverflowError mid-request (sync), or no
        # timeout at all (async).
        float("nan"),
        float("inf"),
        1e300,
        10**400,
        httpx.Timeout(-1.0),
        httpx.Timeout(5.0, read=float("nan")),
        httpx.Timeout(5.0, connect=float("inf")),
    ],
    ids=repr,
)
def test_a_bad_per_call_timeout_is_refused(
    any_surface: Surface, inbox: MockInbox, conversation_id: str, timeout: Any
) -> None:
    _refused(inbox, lambda: any_surface.get(conversation_id, timeout=timeout))
    _refused(inbox, lambda: any_surface.list_page(conversation_id, timeout=timeout))
    _refused(inbox, lambda: any_surface.send(conversation_id, "hi", timeout=timeout))
    _refused(inbox, lambda: any_surface.iterate(conversation_id, timeout=timeout))
    _refused(inbox, lambda: any_surface.with_options(timeout=timeout))


def test_no_timeout_at_all_is_accepted(surface: Surface, conversation_id: str) -> None:
    surface.get(conversation_id, timeout=httpx.Timeout(None))
    surface.get(conversation_id, timeout=86_400)


def test_limits_at_their_bounds_are_accepted(
    surface: Surface, inbox: MockInbox, conversation_id: str
) -> None:
    """The edge values of the limits tested above go through (and the mock agrees)."""
    surface.send(conversation_id, content.text("t" * 16384, preview_text="p" * 256))
    surface.send(
        conversation_id,
        content.template(
            title="t",
            text_lines=["x"] * 10,
            buttons=[content.button(f"b{i}", url="https://e.com") for i in range(10)],
        ),
    )
    surface.send(conversation_id, content.form({f"f{i}": "v" for i in range(15)}, title="t" * 256))

    assert len(inbox.messages(conversation_id)) == 3


class _Tagged(str):
    """A str subclass such as markupsafe.Markup."""


def test_str_subclasses_are_sent_as_plain_text(inbox: MockInbox) -> None:
    cid = inbox.create_conversation()["id"]
    with InboxClient(api_key=inbox.api_key, site_id=inbox.site_id, base_url=inbox.url) as client:
        client.messages.send(cid, _Tagged("hello"))
        client.messages.send(cid, content.text(_Tagged("again"), preview_text=_Tagged("p")))
        client.messages.send(cid, content.image(_Tagged("https://example.com/a.png")))
    stored = inbox.messages(cid)
    assert [m["content"]["basic"]["items"][0].get("text") for m in stored[:2]] == [
        "hello",
        "again",
    ]
    assert stored[2]["content"]["basic"]["items"][0]["image"]["url"] == "https://example.com/a.png"


def test_a_value_of_a_type_json_has_no_name_for_is_an_invalid_argument() -> None:
    from wix_inbox._validation import check_body

    participant = {"contactId": _Tagged("6fd2b962-dd8f-382f-8d27-ae63f188c939")}
    with pytest.raises(InvalidArgumentError, match="not plain JSON"):
        check_body("GetOrCreateConversationRequest", {"participantId": participant})
