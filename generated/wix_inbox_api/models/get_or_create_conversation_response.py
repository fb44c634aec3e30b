from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    LazyModel,
    Unset,
    lazy_fields,
)

T = TypeVar("T", bound="GetOrCreateConversationResponse")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "conversation",
        "newConversation",
    }
)


@_attrs_define
class GetOrCreateConversationResponse(LazyModel):
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

    @classmethod
    def from_dict_lazy(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """``from_dict``, except that the fields holding another model are each built when first
        read (see ``types.LazyModel``): `conversation`.
        """
        _get = src_dict.get
        _obj = object.__new__(cls)
        # The JSON values of the fields built on first read, by attribute name.
        _pending: dict[str, Any] = {}
        _raw = _get("conversation", UNSET)
        if _raw is UNSET:
            _obj.conversation = UNSET
        else:
            _pending["conversation"] = _raw
        _obj.new_conversation = _get("newConversation", UNSET)

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
from ..models.conversation import Conversation

# from_dict calls these for every nested object: bound once, after the imports above.
_Conversation_from_dict = Conversation.from_dict

# The fields from_dict_lazy leaves for later, with their builders (types.LazyModel).
lazy_fields(GetOrCreateConversationResponse, {"conversation": _Conversation_from_dict})
