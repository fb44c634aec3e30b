from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    LazyModel,
    Unset,
)

T = TypeVar("T", bound="FormMessagePayload")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "title",
        "description",
        "fields",
        "media",
    }
)


@_attrs_define
class FormMessagePayload(LazyModel):
    """Submitted form data, usually sent participant-to-business with `BUSINESS` visibility.

    Attributes:
        title (None | str | Unset): Title of the form.
        description (None | str | Unset): Text shown under the title.
        fields (list[FormField] | Unset):
        media (list[MediaItem] | Unset): Images and files sent with the form; each shows as its own bubble.
    """

    title: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    fields: list[FormField] | Unset = UNSET
    media: list[MediaItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        fields: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = []
            for fields_item_data in self.fields:
                fields_item = fields_item_data.to_dict()
                fields.append(fields_item)

        media: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.media, Unset):
            media = []
            for media_item_data in self.media:
                media_item = media_item_data.to_dict()
                media.append(media_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if fields is not UNSET:
            field_dict["fields"] = fields
        if media is not UNSET:
            field_dict["media"] = media

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.title = _obj.description = _obj.fields = _obj.media = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "title":
                _obj.title = _raw

            elif _key == "description":
                _obj.description = _raw

            elif _key == "fields":
                if _raw is not UNSET:
                    _raw = list(map(_FormField_from_dict, _raw)) if _raw else list(_raw)

                _obj.fields = _raw

            elif _key == "media":
                if _raw is not UNSET:
                    _raw = list(map(_MediaItem_from_dict, _raw)) if _raw else list(_raw)

                _obj.media = _raw

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
from ..models.form_field import FormField
from ..models.media_item import MediaItem

# from_dict calls these for every nested object: bound once, after the imports above.
_FormField_from_dict = FormField.from_dict
_MediaItem_from_dict = MediaItem.from_dict
