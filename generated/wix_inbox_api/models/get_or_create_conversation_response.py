from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GetOrCreateConversationResponse")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "conversation",
        "newConversation",
    }
)


@_attrs_define
class GetOrCreateConversationResponse:
    """
    Attributes:
        conversation (Conversation | Unset): The thread between the business and one participant.
        new_conversation (bool | Unset): True when the call created the conversation, false when it existed.
    """

    conversation: Conversation | Unset = UNSET
    new_conversation: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation: dict[str, Any] | Unset = UNSET
        if not isinstance(self.conversation, Unset):
            conversation = self.conversation.to_dict()

        new_conversation = self.new_conversation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if conversation is not UNSET:
            field_dict["conversation"] = conversation
        if new_conversation is not UNSET:
            field_dict["newConversation"] = new_conversation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.conversation = _obj.new_conversation = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "conversation":
                if _raw is not UNSET:
                    _raw = _Conversation_from_dict(_raw)

                _obj.conversation = _raw

            elif _key == "newConversation":
                _obj.new_conversation = _raw

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
from ..models.conversation import Conversation

# from_dict calls these for every nested object: bound once, after the imports above.
_Conversation_from_dict = Conversation.from_dict
