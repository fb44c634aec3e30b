from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..models.badge_visibility import BadgeVisibility
from ..types import UNSET, Unset
from typing import cast





T = TypeVar("T", bound="Badge")



@_attrs_define
class Badge:
    """ A label with an icon shown next to a message, such as "sent automatically".

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
        field_dict.update({
        })
        if text is not UNSET:
            field_dict["text"] = text
        if icon_url is not UNSET:
            field_dict["iconUrl"] = icon_url
        if badge_visibility is not UNSET:
            field_dict["badgeVisibility"] = badge_visibility

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text", UNSET)

        def _parse_icon_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        icon_url = _parse_icon_url(d.pop("iconUrl", UNSET))


        _badge_visibility = d.pop("badgeVisibility", UNSET)
        badge_visibility: BadgeVisibility | Unset
        if isinstance(_badge_visibility,  Unset):
            badge_visibility = UNSET
        else:
            badge_visibility = BadgeVisibility(_badge_visibility)




        badge = cls(
            text=text,
            icon_url=icon_url,
            badge_visibility=badge_visibility,
        )


        badge.additional_properties = d
        return badge

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


