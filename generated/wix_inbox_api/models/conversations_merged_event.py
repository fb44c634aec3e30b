from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    LazyModel,
)

T = TypeVar("T", bound="ConversationsMergedEvent")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "data",
        "metadata",
    }
)


@_attrs_define
class ConversationsMergedEvent(LazyModel):
    """A conversations-merged event as delivered (payload and metadata).

    Attributes:
        data (ConversationsMerged): Payload of the conversations-merged event.
        metadata (EventMetadata): Facts about a webhook event, common to every event type.
    """

    data: ConversationsMerged
    metadata: EventMetadata
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "metadata": metadata,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _raw = src_dict["data"]
        _raw = _ConversationsMerged_from_dict(_raw)

        _obj.data = _raw

        _raw = src_dict["metadata"]
        _raw = _EventMetadata_from_dict(_raw)

        _obj.metadata = _raw

        # Most objects have no unknown field: check that in C before building a dict of them.
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
from ..models.conversations_merged import ConversationsMerged
from ..models.event_metadata import EventMetadata

# from_dict calls these for every nested object: bound once, after the imports above.
_ConversationsMerged_from_dict = ConversationsMerged.from_dict
_EventMetadata_from_dict = EventMetadata.from_dict
