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
    parse_uuid,
)

T = TypeVar("T", bound="ConversationsMerged")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "oldConversationIds",
        "targetConversationId",
    }
)


@_attrs_define
class ConversationsMerged(LazyModel):
    """Payload of the conversations-merged event.

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
        field_dict.update({})
        if old_conversation_ids is not UNSET:
            field_dict["oldConversationIds"] = old_conversation_ids
        if target_conversation_id is not UNSET:
            field_dict["targetConversationId"] = target_conversation_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.old_conversation_ids = _obj.target_conversation_id = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "oldConversationIds":
                _obj.old_conversation_ids = _raw

            elif _key == "targetConversationId":
                if _raw is not UNSET:
                    _raw = parse_uuid(_raw)

                _obj.target_conversation_id = _raw

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
