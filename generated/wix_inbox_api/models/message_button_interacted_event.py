from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from typing import cast





T = TypeVar("T", bound="MessageButtonInteractedEvent")



@_attrs_define
class MessageButtonInteractedEvent:
    """ A button-interacted event as delivered (payload and metadata).

        Attributes:
            data (ButtonInteracted): Payload of the button-interacted event.
            metadata (EventMetadata): Facts about a webhook event, common to every event type.
     """

    data: ButtonInteracted
    metadata: EventMetadata
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        metadata = self.metadata.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "data": data,
            "metadata": metadata,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        data = ButtonInteracted.from_dict(d.pop("data"))




        metadata = EventMetadata.from_dict(d.pop("metadata"))




        message_button_interacted_event = cls(
            data=data,
            metadata=metadata,
        )


        message_button_interacted_event.additional_properties = d
        return message_button_interacted_event

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
from ..models.button_interacted import ButtonInteracted
from ..models.event_metadata import EventMetadata
