from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..types import UNSET, Unset
from typing import cast





T = TypeVar("T", bound="ListMessagesResponse")



@_attrs_define
class ListMessagesResponse:
    """ 
        Attributes:
            messages (list[Message] | Unset):
            paging_metadata (PagingMetadataV2 | Unset): Where this page stands in the whole list.
     """

    messages: list[Message] | Unset = UNSET
    paging_metadata: PagingMetadataV2 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        messages: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.messages, Unset):
            messages = []
            for messages_item_data in self.messages:
                messages_item = messages_item_data.to_dict()
                messages.append(messages_item)



        paging_metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.paging_metadata, Unset):
            paging_metadata = self.paging_metadata.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if messages is not UNSET:
            field_dict["messages"] = messages
        if paging_metadata is not UNSET:
            field_dict["pagingMetadata"] = paging_metadata

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _messages = d.pop("messages", UNSET)
        messages: list[Message] | Unset = UNSET
        if _messages is not UNSET:
            messages = []
            for messages_item_data in _messages:
                messages_item = Message.from_dict(messages_item_data)



                messages.append(messages_item)


        _paging_metadata = d.pop("pagingMetadata", UNSET)
        paging_metadata: PagingMetadataV2 | Unset
        if isinstance(_paging_metadata,  Unset):
            paging_metadata = UNSET
        else:
            paging_metadata = PagingMetadataV2.from_dict(_paging_metadata)




        list_messages_response = cls(
            messages=messages,
            paging_metadata=paging_metadata,
        )


        list_messages_response.additional_properties = d
        return list_messages_response

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
from ..models.message import Message
from ..models.paging_metadata_v2 import PagingMetadataV2
