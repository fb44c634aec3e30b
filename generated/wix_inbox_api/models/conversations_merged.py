from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID





T = TypeVar("T", bound="ConversationsMerged")



@_attrs_define
class ConversationsMerged:
    """ Payload of the conversations-merged event.

        Attributes:
            old_conversation_ids (list[str] | Unset): Ids of the conversations that were merged away.
            target_conversation_id (UUID | Unset): GUID of the conversation that now holds the messages.
     """

    old_conversation_ids: list[str] | Unset = UNSET
    target_conversation_id: UUID | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        old_conversation_ids: list[str] | Unset = UNSET
        if not isinstance(self.old_conversation_ids, Unset):
            old_conversation_ids = self.old_conversation_ids



        target_conversation_id: str | Unset = UNSET
        if not isinstance(self.target_conversation_id, Unset):
            target_conversation_id = str(self.target_conversation_id)


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if old_conversation_ids is not UNSET:
            field_dict["oldConversationIds"] = old_conversation_ids
        if target_conversation_id is not UNSET:
            field_dict["targetConversationId"] = target_conversation_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        old_conversation_ids = cast(list[str], d.pop("oldConversationIds", UNSET))


        _target_conversation_id = d.pop("targetConversationId", UNSET)
        target_conversation_id: UUID | Unset
        if isinstance(_target_conversation_id,  Unset):
            target_conversation_id = UNSET
        else:
            target_conversation_id = UUID(_target_conversation_id)




        conversations_merged = cls(
            old_conversation_ids=old_conversation_ids,
            target_conversation_id=target_conversation_id,
        )


        conversations_merged.additional_properties = d
        return conversations_merged

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


