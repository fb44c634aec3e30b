from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.badge_visibility import BadgeVisibility
from ..types import (
    UNSET,
    LazyModel,
    Unset,
)

T = TypeVar("T", bound="Badge")

# from_dict looks members up here: EnumType's attribute access and __call__ are slow in Python.
_BadgeVisibility_by_value = BadgeVisibility._value2member_map_

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "text",
        "iconUrl",
        "badgeVisibility",
    }
)


@_attrs_define
class Badge(LazyModel):
    """A label with an icon shown next to a message, such as "sent automatically".

    Attributes:
        text (str | Unset): Text of the badge.
        icon_url (None | str | Unset): Address of the icon.
        badge_visibility (BadgeVisibility | Unset): Who sees a badge.
    """

    text: str | Unset = UNSET
    icon_url: None | str | Unset = UNSET
    badge_visibility: BadgeVisibility | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        icon_url: None | str | Unset
        if isinstance(self.icon_url, Unset):
            icon_url = UNSET
        else:
            icon_url = self.icon_url

        badge_visibility: str | Unset = UNSET
        if not isinstance(self.badge_visibility, Unset):
            badge_visibility = self.badge_visibility.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if text is not UNSET:
            field_dict["text"] = text
        if icon_url is not UNSET:
            field_dict["iconUrl"] = icon_url
        if badge_visibility is not UNSET:
            field_dict["badgeVisibility"] = badge_visibility

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.text = _obj.icon_url = _obj.badge_visibility = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "text":
                _obj.text = _raw

            elif _key == "iconUrl":
                _obj.icon_url = _raw

            elif _key == "badgeVisibility":
                if _raw is not UNSET:
                    try:
                        _raw = _BadgeVisibility_by_value[_raw]
                    except (KeyError, TypeError):
                        _raw = BadgeVisibility(_raw)

                _obj.badge_visibility = _raw

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
