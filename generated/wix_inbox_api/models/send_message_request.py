from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..models.override_sender_options import OverrideSenderOptions
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID





T = TypeVar("T", bound="SendMessageRequest")



@_attrs_define
class SendMessageRequest:
    """ 
        Attributes:
            conversation_id (UUID): GUID of the conversation to add the message to.
            message (Message): One message of a conversation.
            send_notifications (bool | Unset): Whether the message triggers notifications. Default false.
            silent (bool | Unset): Deprecated by Wix (removal after 2026-06-01): use `message.silent`. When true the
                message does not change the unread count or the conversation summary.
            send_as (OverrideSenderOptions | Unset): Which identity a sent message carries as its sender: `CALLER` (the
                identity that makes
                the call; an app for app tokens; the default), `PARTICIPANT` (the conversation's
                participant) or `BUSINESS_USER` (reserved for Wix; the Wix user behind the business).
     """

    conversation_id: UUID
    message: Message
    send_notifications: bool | Unset = UNSET
    silent: bool | Unset = UNSET
    send_as: OverrideSenderOptions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        conversation_id = str(self.conversation_id)

        message = self.message.to_dict()

        send_notifications = self.send_notifications

        silent = self.silent

        send_as: str | Unset = UNSET
        if not isinstance(self.send_as, Unset):
            send_as = self.send_as.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "conversationId": conversation_id,
            "message": message,
        })
        if send_notifications is not UNSET:
            field_dict["sendNotifications"] = send_notifications
        if silent is not UNSET:
            field_dict["silent"] = silent
        if send_as is not UNSET:
            field_dict["sendAs"] = send_as

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        conversation_id = UUID(d.pop("conversationId"))




        message = Message.from_dict(d.pop("message"))




        send_notifications = d.pop("sendNotifications", UNSET)

        silent = d.pop("silent", UNSET)

        _send_as = d.pop("sendAs", UNSET)
        send_as: OverrideSenderOptions | Unset
        if isinstance(_send_as,  Unset):
            send_as = UNSET
        else:
            send_as = OverrideSenderOptions(_send_as)




        send_message_request = cls(
            conversation_id=conversation_id,
            message=message,
            send_notifications=send_notifications,
            silent=silent,
            send_as=send_as,
        )


        send_message_request.additional_properties = d
        return send_message_request

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
