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
    lazy_fields,
    parse_uuid,
)

T = TypeVar("T", bound="MessageSentToBusiness")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "conversationId",
        "message",
        "interactionInfo",
    }
)


@_attrs_define
class MessageSentToBusiness(LazyModel):
    """Payload of the message-sent-to-business event.

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
        field_dict.update({})
        if conversation_id is not UNSET:
            field_dict["conversationId"] = conversation_id
        if message is not UNSET:
            field_dict["message"] = message
        if interaction_info is not UNSET:
            field_dict["interactionInfo"] = interaction_info

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.conversation_id = _obj.message = _obj.interaction_info = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "conversationId":
                if _raw is not UNSET:
                    _raw = parse_uuid(_raw)

                _obj.conversation_id = _raw

            elif _key == "message":
                if _raw is not UNSET:
                    _raw = _Message_from_dict(_raw)

                _obj.message = _raw

            elif _key == "interactionInfo":
                if _raw is not UNSET:
                    _raw = _InteractionInfo_from_dict(_raw)

                _obj.interaction_info = _raw

            else:
                _extra[_key] = _raw
        _obj.additional_properties = _extra
        return _obj

    @classmethod
    def from_dict_lazy(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """``from_dict``, except that the fields holding another model are each built when first
        read (see ``types.LazyModel``): `message`, `interaction_info`.
        """
        _get = src_dict.get
        _obj = object.__new__(cls)
        # The JSON values of the fields built on first read, by attribute name.
        _pending: dict[str, Any] = {}
        _raw = _get("conversationId", UNSET)
        if _raw is not UNSET:
            _raw = parse_uuid(_raw)

        _obj.conversation_id = _raw

        _raw = _get("message", UNSET)
        if _raw is UNSET:
            _obj.message = UNSET
        else:
            _pending["message"] = _raw
        _raw = _get("interactionInfo", UNSET)
        if _raw is UNSET:
            _obj.interaction_info = UNSET
        else:
            _pending["interaction_info"] = _raw
        _obj._wire = _pending or None
        _obj.additional_properties = (
            {}
            if _WIRE_NAMES.issuperset(src_dict)
            else {k: v for k, v in src_dict.items() if k not in _WIRE_NAMES}
        )
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
from ..models.interaction_info import InteractionInfo
from ..models.message import Message

# from_dict calls these for every nested object: bound once, after the imports above.
_InteractionInfo_from_dict = InteractionInfo.from_dict
_Message_from_dict = Message.from_dict

# The fields from_dict_lazy leaves for later, with their builders (types.LazyModel).
lazy_fields(
    MessageSentToBusiness,
    {"message": _Message_from_dict, "interaction_info": _InteractionInfo_from_dict},
)
