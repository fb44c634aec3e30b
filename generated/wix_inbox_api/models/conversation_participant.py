from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID





T = TypeVar("T", bound="ConversationParticipant")



@_attrs_define
class ConversationParticipant:
    """ Who the business is talking to (read-only). Holds `anonymousVisitorId` or `memberId`
    (one at most), and `contactId` when the participant is a contact.
    Wix's wire type: `IdentificationData` of the conversations service.

        Attributes:
            anonymous_visitor_id (UUID | Unset): GUID of a site visitor who is not logged in.
            member_id (UUID | Unset): GUID of a site member.
            contact_id (None | Unset | UUID): GUID of a contact.
     """

    anonymous_visitor_id: UUID | Unset = UNSET
    member_id: UUID | Unset = UNSET
    contact_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        anonymous_visitor_id: str | Unset = UNSET
        if not isinstance(self.anonymous_visitor_id, Unset):
            anonymous_visitor_id = str(self.anonymous_visitor_id)

        member_id: str | Unset = UNSET
        if not isinstance(self.member_id, Unset):
            member_id = str(self.member_id)

        contact_id: None | str | Unset
        if isinstance(self.contact_id, Unset):
            contact_id = UNSET
        elif isinstance(self.contact_id, UUID):
            contact_id = str(self.contact_id)
        else:
            contact_id = self.contact_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if anonymous_visitor_id is not UNSET:
            field_dict["anonymousVisitorId"] = anonymous_visitor_id
        if member_id is not UNSET:
            field_dict["memberId"] = member_id
        if contact_id is not UNSET:
            field_dict["contactId"] = contact_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
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




        def _parse_contact_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                contact_id_type_0 = UUID(data)



                return contact_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        contact_id = _parse_contact_id(d.pop("contactId", UNSET))


        conversation_participant = cls(
            anonymous_visitor_id=anonymous_visitor_id,
            member_id=member_id,
            contact_id=contact_id,
        )


        conversation_participant.additional_properties = d
        return conversation_participant

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


