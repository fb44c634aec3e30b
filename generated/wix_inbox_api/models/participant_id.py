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
    parse_uuid,
)

T = TypeVar("T", bound="ParticipantId")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "contactId",
        "anonymousVisitorId",
        "memberId",
    }
)


@_attrs_define
class ParticipantId(LazyModel):
    """Names the participant of get-or-create. Exactly one member must be set.

    Attributes:
        contact_id (UUID | Unset): GUID of a contact.
        anonymous_visitor_id (UUID | Unset): GUID of a site visitor who is not logged in.
        member_id (UUID | Unset): GUID of a site member.
    """

    contact_id: UUID | Unset = UNSET
    anonymous_visitor_id: UUID | Unset = UNSET
    member_id: UUID | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact_id: str | Unset = UNSET
        if not isinstance(self.contact_id, Unset):
            contact_id = str(self.contact_id)

        anonymous_visitor_id: str | Unset = UNSET
        if not isinstance(self.anonymous_visitor_id, Unset):
            anonymous_visitor_id = str(self.anonymous_visitor_id)

        member_id: str | Unset = UNSET
        if not isinstance(self.member_id, Unset):
            member_id = str(self.member_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if contact_id is not UNSET:
            field_dict["contactId"] = contact_id
        if anonymous_visitor_id is not UNSET:
            field_dict["anonymousVisitorId"] = anonymous_visitor_id
        if member_id is not UNSET:
            field_dict["memberId"] = member_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.contact_id = _obj.anonymous_visitor_id = _obj.member_id = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "contactId":
                if _raw is not UNSET:
                    _raw = parse_uuid(_raw)

                _obj.contact_id = _raw

            elif _key == "anonymousVisitorId":
                if _raw is not UNSET:
                    _raw = parse_uuid(_raw)

                _obj.anonymous_visitor_id = _raw

            elif _key == "memberId":
                if _raw is not UNSET:
                    _raw = parse_uuid(_raw)

                _obj.member_id = _raw

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
