from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    LazyModel,
    Unset,
    parse_uuid_or_keep,
)

T = TypeVar("T", bound="PostbackProperties")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "appId",
        "interactionId",
    }
)


@_attrs_define
class PostbackProperties(LazyModel):
    """What the button-interacted webhook reports when the button is clicked.

    Attributes:
        app_id (None | Unset | UUID): GUID of the app the click is reported to.
        interaction_id (str | Unset): Your own id of the interaction.
    """

    app_id: None | Unset | UUID = UNSET
    interaction_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        app_id: None | str | Unset
        if isinstance(self.app_id, Unset):
            app_id = UNSET
        elif isinstance(self.app_id, UUID):
            app_id = str(self.app_id)
        else:
            app_id = self.app_id

        interaction_id = self.interaction_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if app_id is not UNSET:
            field_dict["appId"] = app_id
        if interaction_id is not UNSET:
            field_dict["interactionId"] = interaction_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.app_id = _obj.interaction_id = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "appId":
                if isinstance(_raw, str):
                    _raw = parse_uuid_or_keep(_raw)

                _obj.app_id = _raw

            elif _key == "interactionId":
                _obj.interaction_id = _raw

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
