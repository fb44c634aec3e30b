from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel_type import ChannelType
from ..types import (
    UNSET,
    LazyModel,
    Unset,
    lazy_fields,
    parse_uuid,
)

T = TypeVar("T", bound="Conversation")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "id",
        "participant",
        "channels",
        "businessDisplayData",
        "participantDisplayData",
    }
)


@_attrs_define
class Conversation(LazyModel):
    """The thread between the business and one participant.

    Attributes:
        id (UUID | Unset): GUID of the conversation.
        participant (ConversationParticipant | Unset): Who the business is talking to (read-only). Holds
            `anonymousVisitorId` or `memberId`
            (one at most), and `contactId` when the participant is a contact.
            Wix's wire type: `IdentificationData` of the conversations service.
        channels (list[ChannelType] | Unset): Channels on which the participant can be reached. Deprecated by Wix (to be
            removed
            after 2026-06-30) in favour of a separate list-channels call.
        business_display_data (ConversationDisplayData | Unset): Name and avatar shown for one side of a conversation.
        participant_display_data (ConversationDisplayData | Unset): Name and avatar shown for one side of a
            conversation.
    """

    id: UUID | Unset = UNSET
    participant: ConversationParticipant | Unset = UNSET
    channels: list[ChannelType] | Unset = UNSET
    business_display_data: ConversationDisplayData | Unset = UNSET
    participant_display_data: ConversationDisplayData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: str | Unset = UNSET
        if not isinstance(self.id, Unset):
            id = str(self.id)

        participant: dict[str, Any] | Unset = UNSET
        if not isinstance(self.participant, Unset):
            participant = self.participant.to_dict()

        channels: list[str] | Unset = UNSET
        if not isinstance(self.channels, Unset):
            channels = []
            for channels_item_data in self.channels:
                channels_item = channels_item_data.value
                channels.append(channels_item)

        business_display_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.business_display_data, Unset):
            business_display_data = self.business_display_data.to_dict()

        participant_display_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.participant_display_data, Unset):
            participant_display_data = self.participant_display_data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if participant is not UNSET:
            field_dict["participant"] = participant
        if channels is not UNSET:
            field_dict["channels"] = channels
        if business_display_data is not UNSET:
            field_dict["businessDisplayData"] = business_display_data
        if participant_display_data is not UNSET:
            field_dict["participantDisplayData"] = participant_display_data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.id = _obj.participant = _obj.channels = _obj.business_display_data = (
            _obj.participant_display_data
        ) = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "id":
                if _raw is not UNSET:
                    _raw = parse_uuid(_raw)

                _obj.id = _raw

            elif _key == "participant":
                if _raw is not UNSET:
                    _raw = _ConversationParticipant_from_dict(_raw)

                _obj.participant = _raw

            elif _key == "channels":
                if _raw is not UNSET:
                    _raw = list(map(ChannelType, _raw)) if _raw else list(_raw)

                _obj.channels = _raw

            elif _key == "businessDisplayData":
                if _raw is not UNSET:
                    _raw = _ConversationDisplayData_from_dict(_raw)

                _obj.business_display_data = _raw

            elif _key == "participantDisplayData":
                if _raw is not UNSET:
                    _raw = _ConversationDisplayData_from_dict(_raw)

                _obj.participant_display_data = _raw

            else:
                _extra[_key] = _raw
        _obj.additional_properties = _extra
        return _obj

    @classmethod
    def from_dict_lazy(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """``from_dict``, except that the fields holding another model are each built when first
        read (see ``types.LazyModel``): `participant`, `business_display_data`, `participant_display_data`.
        """
        _get = src_dict.get
        _obj = object.__new__(cls)
        # The JSON values of the fields built on first read, by attribute name.
        _pending: dict[str, Any] = {}
        _raw = _get("id", UNSET)
        if _raw is not UNSET:
            _raw = parse_uuid(_raw)

        _obj.id = _raw

        _raw = _get("participant", UNSET)
        if _raw is UNSET:
            _obj.participant = UNSET
        else:
            _pending["participant"] = _raw
        _raw = _get("channels", UNSET)
        if _raw is not UNSET:
            _raw = list(map(ChannelType, _raw)) if _raw else list(_raw)

        _obj.channels = _raw

        _raw = _get("businessDisplayData", UNSET)
        if _raw is UNSET:
            _obj.business_display_data = UNSET
        else:
            _pending["business_display_data"] = _raw
        _raw = _get("participantDisplayData", UNSET)
        if _raw is UNSET:
            _obj.participant_display_data = UNSET
        else:
            _pending["participant_display_data"] = _raw
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
from ..models.conversation_display_data import ConversationDisplayData
from ..models.conversation_participant import ConversationParticipant

# from_dict calls these for every nested object: bound once, after the imports above.
_ConversationDisplayData_from_dict = ConversationDisplayData.from_dict
_ConversationParticipant_from_dict = ConversationParticipant.from_dict

# The fields from_dict_lazy leaves for later, with their builders (types.LazyModel).
lazy_fields(
    Conversation,
    {
        "participant": _ConversationParticipant_from_dict,
        "business_display_data": _ConversationDisplayData_from_dict,
        "participant_display_data": _ConversationDisplayData_from_dict,
    },
)
