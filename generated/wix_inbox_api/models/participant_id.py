from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..types import UNSET, Unset
from uuid import UUID





T = TypeVar("T", bound="ParticipantId")



@_attrs_define
class ParticipantId:
    """ Names the participant of get-or-create. Exactly one member must be set.

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
        field_dict.update({
        })
        if contact_id is not UNSET:
            field_dict["contactId"] = contact_id
        if anonymous_visitor_id is not UNSET:
            field_dict["anonymousVisitorId"] = anonymous_visitor_id
        if member_id is not UNSET:
            field_dict["memberId"] = member_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _contact_id = d.pop("contactId", UNSET)
        contact_id: UUID | Unset
        if isinstance(_contact_id,  Unset):
            contact_id = UNSET
        else:
            contact_id = UUID(_contact_id)




        _anonymous_visitor_id = d.pop("anonymousVisitorId", UNSET)
        anonymous_visitor_id: UUID | Unset
        if isinstance(_anonymous_visitor_id,  Unset):
            anonymous_visitor_id = UNSET
        else:
            anonymous_visitor_id = UUID(_anonymous_visitor_id)




        _member_id = d.pop("memberId", UNSET)
        member_id: UUID | Unset
        if isinstance(_member_id,  Unset):
            member_id = UNSET
        else:
            member_id = UUID(_member_id)




        participant_id = cls(
            contact_id=contact_id,
            anonymous_visitor_id=anonymous_visitor_id,
            member_id=member_id,
        )


        participant_id.additional_properties = d
        return participant_id

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


