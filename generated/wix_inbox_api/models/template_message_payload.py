from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..models.orientation import Orientation
from ..types import UNSET, Unset
from typing import cast





T = TypeVar("T", bound="TemplateMessagePayload")



@_attrs_define
class TemplateMessagePayload:
    """ A card with an optional image, a title, lines of text and up to 10 buttons.

        Attributes:
            title (None | str | Unset): Title of the card.
            buttons (list[Button] | Unset):
            orientation (Orientation | Unset): Layout of a template message (Wix's default is `PORTRAIT`).
            text_lines (list[str] | Unset): Lines of text, one per line (Wix documents up to 512 characters each).
            image_url (None | str | Unset): Address of the card's image.
     """

    title: None | str | Unset = UNSET
    buttons: list[Button] | Unset = UNSET
    orientation: Orientation | Unset = UNSET
    text_lines: list[str] | Unset = UNSET
    image_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        buttons: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.buttons, Unset):
            buttons = []
            for buttons_item_data in self.buttons:
                buttons_item = buttons_item_data.to_dict()
                buttons.append(buttons_item)



        orientation: str | Unset = UNSET
        if not isinstance(self.orientation, Unset):
            orientation = self.orientation.value


        text_lines: list[str] | Unset = UNSET
        if not isinstance(self.text_lines, Unset):
            text_lines = self.text_lines



        image_url: None | str | Unset
        if isinstance(self.image_url, Unset):
            image_url = UNSET
        else:
            image_url = self.image_url


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if title is not UNSET:
            field_dict["title"] = title
        if buttons is not UNSET:
            field_dict["buttons"] = buttons
        if orientation is not UNSET:
            field_dict["orientation"] = orientation
        if text_lines is not UNSET:
            field_dict["textLines"] = text_lines
        if image_url is not UNSET:
            field_dict["imageUrl"] = image_url

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))


        _buttons = d.pop("buttons", UNSET)
        buttons: list[Button] | Unset = UNSET
        if _buttons is not UNSET:
            buttons = []
            for buttons_item_data in _buttons:
                buttons_item = Button.from_dict(buttons_item_data)



                buttons.append(buttons_item)


        _orientation = d.pop("orientation", UNSET)
        orientation: Orientation | Unset
        if isinstance(_orientation,  Unset):
            orientation = UNSET
        else:
            orientation = Orientation(_orientation)




        text_lines = cast(list[str], d.pop("textLines", UNSET))


        def _parse_image_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        image_url = _parse_image_url(d.pop("imageUrl", UNSET))


        template_message_payload = cls(
            title=title,
            buttons=buttons,
            orientation=orientation,
            text_lines=text_lines,
            image_url=image_url,
        )


        template_message_payload.additional_properties = d
        return template_message_payload

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties



# Imported after the class definition on purpose: cycle-safe and no per-call import cost.
from ..models.button import Button
