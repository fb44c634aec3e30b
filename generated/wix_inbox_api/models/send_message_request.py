from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.override_sender_options import OverrideSenderOptions
from ..types import (
    UNSET,
    LazyModel,
    Unset,
    parse_uuid,
)

T = TypeVar("T", bound="SendMessageRequest")

# from_dict looks members up here: EnumType's attribute access and __call__ are slow in Python.
_OverrideSenderOptions_by_value = OverrideSenderOptions._value2member_map_

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "conversationId",
        "message",
        "sendNotifications",
        "silent",
        "sendAs",
    }
)


@_attrs_define
class SendMessageRequest(LazyModel):
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
        field_dict.update(
            {
                "conversationId": conversation_id,
                "message": message,
            }
        )
        if send_notifications is not UNSET:
            field_dict["sendNotifications"] = send_notifications
        if silent is not UNSET:
            field_dict["silent"] = silent
        if send_as is not UNSET:
            field_dict["sendAs"] = send_as

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _raw = src_dict["conversationId"]
        _raw = parse_uuid(_raw)

        _obj.conversation_id = _raw

        _raw = src_dict["message"]
        _raw = _Message_from_dict(_raw)

        _obj.message = _raw

        _obj.send_notifications = _obj.silent = _obj.send_as = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "sendNotifications":
                _obj.send_notifications = _raw

            elif _key == "silent":
                _obj.silent = _raw

            elif _key == "sendAs":
                if _raw is not UNSET:
                    try:
                        _raw = _OverrideSenderOptions_by_value[_raw]
                    except (KeyError, TypeError):
                        _raw = OverrideSenderOptions(_raw)

                _obj.send_as = _raw

            elif _key == "conversationId":
                pass
            elif _key == "message":
                pass
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
from ..models.message import Message

# from_dict calls these for every nested object: bound once, after the imports above.
_Message_from_dict = Message.from_dict
