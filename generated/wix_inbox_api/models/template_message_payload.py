from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.orientation import Orientation
from ..types import (
    UNSET,
    LazyModel,
    Unset,
)

T = TypeVar("T", bound="TemplateMessagePayload")

# from_dict looks members up here: EnumType's attribute access and __call__ are slow in Python.
_Orientation_by_value = Orientation._value2member_map_

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "title",
        "buttons",
        "orientation",
        "textLines",
        "imageUrl",
    }
)


@_attrs_define
class TemplateMessagePayload(LazyModel):
    """A card with an optional image, a title, lines of text and up to 10 buttons.

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
        field_dict.update({})
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
        _obj = object.__new__(cls)
        _obj.title = _obj.buttons = _obj.orientation = _obj.text_lines = (
            _obj.image_url
        ) = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "title":
                _obj.title = _raw

            elif _key == "buttons":
                if _raw is not UNSET:
                    _raw = list(map(_Button_from_dict, _raw)) if _raw else list(_raw)

                _obj.buttons = _raw

            elif _key == "orientation":
                if _raw is not UNSET:
                    try:
                        _raw = _Orientation_by_value[_raw]
                    except (KeyError, TypeError):
                        _raw = Orientation(_raw)

                _obj.orientation = _raw

            elif _key == "textLines":
                _obj.text_lines = _raw

            elif _key == "imageUrl":
                _obj.image_url = _raw

            else:
                _extra[_key] = _raw
        _obj.additional_properties = _extra
        return _obj

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

# from_dict calls these for every nested object: bound once, after the imports above.
_Button_from_dict = Button.from_dict
