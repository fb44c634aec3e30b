"""Builders for message content: one function per kind Wix supports.

Each returns a generated :class:`~wix_inbox_api.models.MessageContent` holding exactly one
content kind, ready for ``client.messages.send(conversation_id, content)``. Limits (lengths,
numbers of buttons or fields...) are checked from the spec when the message is sent, before
anything leaves the machine; builders check only what the spec cannot say.

>>> from wix_inbox import content
>>> content.text("Hello!")
>>> track = content.button("Track", url="https://example.com/t/1")
>>> content.template(title="Order shipped", text_lines=["On its way"], buttons=[track])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from wix_inbox_api.models import (
    BasicMessageData,
    BasicMessagePayload,
    Button,
    FileMessage,
    FormField,
    FormMessagePayload,
    ImageMessage,
    MediaItem,
    MessageContent,
    MinimalMessagePayload,
    Orientation,
    PostbackProperties,
    TemplateMessagePayload,
)
from wix_inbox_api.types import UNSET, Unset

from ._exceptions import InvalidArgumentError

__all__ = [
    "basic",
    "button",
    "file",
    "file_item",
    "form",
    "image",
    "image_item",
    "minimal",
    "template",
    "text",
    "text_item",
]


def _opt(value: str | None) -> str | Unset:
    return UNSET if value is None else _plain(value)


def _plain(value: str) -> str:
    """A str subclass (markupsafe.Markup, a user's tagged string) as a plain str: the schema
    checks refuse any type but str; a non-str is left for them to report."""
    return str.__str__(value) if isinstance(value, str) else value


def _opt_int(value: int | None) -> int | Unset:
    return UNSET if value is None else value


def _require_text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidArgumentError(f"{name} must be a str, got {type(value).__name__}")
    if not value.strip():
        raise InvalidArgumentError(f"{name} must not be empty")
    return _plain(value)


def _items(name: str, value: object) -> list[object]:
    """``value`` as a list; InvalidArgumentError (not TypeError) when it is not iterable."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidArgumentError(f"{name} must be a list, got {type(value).__name__}")
    return list(value)


def _preview(value: str) -> str:
    """Wix shows at most 256 characters of preview in the Inbox list."""
    return value if len(value) <= 256 else value[:255] + "…"


# ------------------------------------------------------------------------------- basic items
def text_item(value: str) -> BasicMessageData:
    """A text item of a basic message."""
    return BasicMessageData(text=_require_text("text", value))


def image_item(
    url: str,
    *,
    filename: str | None = None,
    width: int | None = None,
    height: int | None = None,
    media_id: str | None = None,
) -> BasicMessageData:
    """An image item of a basic message."""
    return BasicMessageData(image=_image(url, filename, width, height, media_id))


def file_item(
    url: str,
    *,
    filename: str | None = None,
    mime_type: str | None = None,
    media_id: str | None = None,
) -> BasicMessageData:
    """A file item of a basic message."""
    return BasicMessageData(file=_file(url, filename, mime_type, media_id))


def _image(
    url: str, filename: str | None, width: int | None, height: int | None, media_id: str | None
) -> ImageMessage:
    return ImageMessage(
        url=_require_text("url", url),
        filename=_opt(filename),
        width=_opt_int(width),
        height=_opt_int(height),
        id=_opt(media_id),
    )


def _file(
    url: str, filename: str | None, mime_type: str | None, media_id: str | None
) -> FileMessage:
    return FileMessage(
        url=_require_text("url", url),
        filename=_opt(filename),
        mime_type=_opt(mime_type),
        id=_opt(media_id),
    )


# ------------------------------------------------------------------------------ content kinds
def basic(*items: BasicMessageData, preview_text: str | None = None) -> MessageContent:
    """A basic message of several items (text, images, files); each shows as its own bubble."""
    if not items:
        raise InvalidArgumentError("a basic message needs at least one item")
    for index, item in enumerate(items):
        if not isinstance(item, BasicMessageData):
            raise InvalidArgumentError(
                f"items[{index}] must come from text_item(), image_item() or file_item()"
            )
    return MessageContent(
        basic=BasicMessagePayload(items=list(items)), preview_text=_opt(preview_text)
    )


def text(value: str, *, preview_text: str | None = None) -> MessageContent:
    """A plain text message."""
    body = _require_text("text", value)
    return basic(text_item(body), preview_text=preview_text or _preview(body))


def image(
    url: str,
    *,
    filename: str | None = None,
    width: int | None = None,
    height: int | None = None,
    media_id: str | None = None,
    preview_text: str | None = None,
) -> MessageContent:
    """A message showing one image."""
    item = image_item(url, filename=filename, width=width, height=height, media_id=media_id)
    return basic(item, preview_text=preview_text)


def file(
    url: str,
    *,
    filename: str | None = None,
    mime_type: str | None = None,
    media_id: str | None = None,
    preview_text: str | None = None,
) -> MessageContent:
    """A message carrying one file attachment."""
    item = file_item(url, filename=filename, mime_type=mime_type, media_id=media_id)
    return basic(item, preview_text=preview_text)


def button(label: str, *, url: str | None = None, interaction_id: str | None = None) -> Button:
    """A template button: opens ``url``, or reports ``interaction_id`` to your app's
    button-interacted webhook. Give exactly one of the two."""
    if (url is None) == (interaction_id is None):
        raise InvalidArgumentError("a button needs exactly one of url= or interaction_id=")
    postback = (
        PostbackProperties(interaction_id=interaction_id) if interaction_id is not None else UNSET
    )
    return Button(
        label=_require_text("label", label), launch_url=_opt(url), postback_properties=postback
    )


def template(
    *,
    title: str | None = None,
    text_lines: Sequence[str] = (),
    buttons: Sequence[Button] = (),
    image_url: str | None = None,
    orientation: Literal["PORTRAIT", "LANDSCAPE"] | None = None,
    preview_text: str | None = None,
) -> MessageContent:
    """A card with an optional image, a title, lines of text and up to 10 buttons."""
    if isinstance(text_lines, str):
        raise InvalidArgumentError("text_lines must be a list of str, not one str")
    lines = [
        _require_text(f"text_lines[{i}]", line)
        for i, line in enumerate(_items("text_lines", text_lines))
    ]
    button_list: list[Button] = []
    for index, item in enumerate(_items("buttons", buttons)):
        if not isinstance(item, Button):
            raise InvalidArgumentError(f"buttons[{index}] must come from content.button(...)")
        button_list.append(item)
    if orientation is not None and not isinstance(orientation, str):
        # Orientation(5) raises a plain ValueError; the value itself is checked from the spec.
        raise InvalidArgumentError(f"orientation must be a str, got {type(orientation).__name__}")
    if title is None and not lines and not button_list and image_url is None:
        raise InvalidArgumentError("a template needs a title, text lines, buttons or an image")
    payload = TemplateMessagePayload(
        title=_opt(title),
        text_lines=lines or UNSET,
        buttons=button_list or UNSET,
        image_url=_opt(image_url),
        orientation=Orientation(orientation) if orientation is not None else UNSET,
    )
    return MessageContent(template=payload, preview_text=_opt(preview_text or title))


def minimal(
    text: str,
    *,
    icon_url: str | None = None,
    url: str | None = None,
    preview_text: str | None = None,
) -> MessageContent:
    """One line of text with an optional icon, often reporting an activity."""
    body = _require_text("text", text)
    payload = MinimalMessagePayload(text=body, icon_url=_opt(icon_url), url=_opt(url))
    return MessageContent(minimal=payload, preview_text=_opt(preview_text or _preview(body)))


def form(
    fields: Mapping[str, str] | Iterable[tuple[str, str]],
    *,
    title: str | None = None,
    description: str | None = None,
    media: Sequence[BasicMessageData] = (),
    preview_text: str | None = None,
) -> MessageContent:
    """Submitted form data: ``fields`` as a mapping or (name, value) pairs, plus optional images
    and files (made with :func:`image_item` / :func:`file_item`)."""
    pairs: list[Any] = (
        list(fields.items()) if isinstance(fields, Mapping) else _items("fields", fields)
    )
    if not pairs:
        raise InvalidArgumentError("a form needs at least one field")
    for index, pair in enumerate(pairs):
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise InvalidArgumentError(f"fields[{index}] must be a (name, value) pair")
    media_items = []
    for index, item in enumerate(_items("media", media)):
        if not isinstance(item, BasicMessageData) or not isinstance(item.text, Unset):
            raise InvalidArgumentError(
                f"media[{index}] must be an image_item(...) or file_item(...)"
            )
        media_items.append(MediaItem(image=item.image, file=item.file))
    payload = FormMessagePayload(
        fields=[FormField(name=str(name), value=str(value)) for name, value in pairs],
        title=_opt(title),
        description=_opt(description),
        media=media_items or UNSET,
    )
    return MessageContent(form=payload, preview_text=_opt(preview_text or title))
