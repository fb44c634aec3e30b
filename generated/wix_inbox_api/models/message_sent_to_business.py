from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID





T = TypeVar("T", bound="MessageSentToBusiness")



@_attrs_define
class MessageSentToBusiness:
    """ Payload of the message-sent-to-business event.

        Attributes:
            conversation_id (UUID | Unset): GUID of the conversation.
            message (Message | Unset): One message of a conversation.
            interaction_info (InteractionInfo | Unset): The app interaction (such as a button click) that produced a
                message.
     """

    conversation_id: UUID | Unset = UNSET
    message: Message | Unset = UNSET
    interaction_info: InteractionInfo | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        conversation_id: str | Unset = UNSET
        if not isinstance(self.conversation_id, Unset):
            conversation_id = str(self.conversation_id)

        message: dict[str, Any] | Unset = UNSET
        if not isinstance(self.message, Unset):
            message = self.message.to_dict()

        interaction_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.interaction_info, Unset):
            interaction_info = self.interaction_info.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if conversation_id is not UNSET:
            field_dict["conversationId"] = conversation_id
        if message is not UNSET:
            field_dict["message"] = message
        if interaction_info is not UNSET:
            field_dict["interactionInfo"] = interaction_info

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _conversation_id = d.pop("conversationId", UNSET)
        conversation_id: UUID | Unset
        if isinstance(_conversation_id,  Unset):
            conversation_id = UNSET
        else:
            conversation_id = UUID(_conversation_id)




        _message = d.pop("message", UNSET)
        message: Message | Unset
        if isinstance(_message,  Unset):
            message = UNSET
        else:
            message = Message.from_dict(_message)




        _interaction_info = d.pop("interactionInfo", UNSET)
        interaction_info: InteractionInfo | Unset
        if isinstance(_interaction_info,  Unset):
            interaction_info = UNSET
        else:
            interaction_info = InteractionInfo.from_dict(_interaction_info)




        message_sent_to_business = cls(
            conversation_id=conversation_id,
            message=message,
            interaction_info=interaction_info,
        )


        message_sent_to_business.additional_properties = d
        return message_sent_to_business

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
from ..models.interaction_info import InteractionInfo
from ..models.message import Message
