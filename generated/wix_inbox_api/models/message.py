from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel_type import ChannelType
from ..models.message_direction import MessageDirection
from ..models.message_visibility import MessageVisibility
from ..types import (
    UNSET,
    LazyModel,
    Unset,
    format_datetime,
    lazy_fields,
    parse_uuid_or_keep,
)

T = TypeVar("T", bound="Message")

# from_dict looks members up here: EnumType's attribute access and __call__ are slow in Python.
_ChannelType_by_value = ChannelType._value2member_map_
_MessageVisibility_by_value = MessageVisibility._value2member_map_
_MessageDirection_by_value = MessageDirection._value2member_map_

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "id",
        "content",
        "sender",
        "badges",
        "targetChannels",
        "sourceChannel",
        "appId",
        "visibility",
        "sequence",
        "direction",
        "createdDate",
        "targetChannelIds",
        "sourceChannelId",
        "silent",
    }
)


@_attrs_define
class Message(LazyModel):
    """One message of a conversation.

    Attributes:
        id (None | str | Unset): Id of the message (digits, not a GUID).
        content (MessageContent | Unset): What a message says. Exactly one of `basic`, `template`, `minimal`, `form` and
            `system`
            is set; `previewText` and `title` may accompany it.
        sender (IdentificationData | Unset): Who sent a message (read-only). Holds one of `anonymousVisitorId`,
            `memberId`,
            `wixUserId` and `appId`, and `contactId` when the sender is a contact.
        badges (list[Badge] | Unset): A small label with an icon shown next to the message (one at most).
        target_channels (list[ChannelType] | Unset): Channel to deliver the message on (one at most). Deprecated by Wix
            in favour of
            `targetChannelIds`.
        source_channel (ChannelType | Unset): A communication channel.
        app_id (None | Unset | UUID): GUID of the app that sent the message; absent for the chat widget.
        visibility (MessageVisibility | Unset): Who sees a message: `BUSINESS_AND_PARTICIPANT` (both sides) or
            `BUSINESS` (site
            collaborators only).
        sequence (None | str | Unset): Position of the message in its conversation, as a string of digits. Orders
            messages
            more exactly than `createdDate`.
        direction (MessageDirection | Unset): Whether the business or the participant wrote the message.
        created_date (datetime.datetime | None | Unset): When the message was sent.
        target_channel_ids (list[str] | Unset): Ids of the channels to deliver the message on.
        source_channel_id (None | str | Unset): Id of the channel the message came from.
        silent (bool | Unset): When true the message does not change the unread count or the conversation summary
            in the Inbox list. Default false.
    """

    id: None | str | Unset = UNSET
    content: MessageContent | Unset = UNSET
    sender: IdentificationData | Unset = UNSET
    badges: list[Badge] | Unset = UNSET
    target_channels: list[ChannelType] | Unset = UNSET
    source_channel: ChannelType | Unset = UNSET
    app_id: None | Unset | UUID = UNSET
    visibility: MessageVisibility | Unset = UNSET
    sequence: None | str | Unset = UNSET
    direction: MessageDirection | Unset = UNSET
    created_date: datetime.datetime | None | Unset = UNSET
    target_channel_ids: list[str] | Unset = UNSET
    source_channel_id: None | str | Unset = UNSET
    silent: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        content: dict[str, Any] | Unset = UNSET
        if not isinstance(self.content, Unset):
            content = self.content.to_dict()

        sender: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sender, Unset):
            sender = self.sender.to_dict()

        badges: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.badges, Unset):
            badges = []
            for badges_item_data in self.badges:
                badges_item = badges_item_data.to_dict()
                badges.append(badges_item)

        target_channels: list[str] | Unset = UNSET
        if not isinstance(self.target_channels, Unset):
            target_channels = []
            for target_channels_item_data in self.target_channels:
                target_channels_item = target_channels_item_data.value
                target_channels.append(target_channels_item)

        source_channel: str | Unset = UNSET
        if not isinstance(self.source_channel, Unset):
            source_channel = self.source_channel.value

        app_id: None | str | Unset
        if isinstance(self.app_id, Unset):
            app_id = UNSET
        elif isinstance(self.app_id, UUID):
            app_id = str(self.app_id)
        else:
            app_id = self.app_id

        visibility: str | Unset = UNSET
        if not isinstance(self.visibility, Unset):
            visibility = self.visibility.value

        sequence: None | str | Unset
        if isinstance(self.sequence, Unset):
            sequence = UNSET
        else:
            sequence = self.sequence

        direction: str | Unset = UNSET
        if not isinstance(self.direction, Unset):
            direction = self.direction.value

        created_date: None | str | Unset
        if isinstance(self.created_date, Unset):
            created_date = UNSET
        elif isinstance(self.created_date, datetime.datetime):
            created_date = format_datetime(self.created_date)
        else:
            created_date = self.created_date

        target_channel_ids: list[str] | Unset = UNSET
        if not isinstance(self.target_channel_ids, Unset):
            target_channel_ids = self.target_channel_ids

        source_channel_id: None | str | Unset
        if isinstance(self.source_channel_id, Unset):
            source_channel_id = UNSET
        else:
            source_channel_id = self.source_channel_id

        silent = self.silent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if content is not UNSET:
            field_dict["content"] = content
        if sender is not UNSET:
            field_dict["sender"] = sender
        if badges is not UNSET:
            field_dict["badges"] = badges
        if target_channels is not UNSET:
            field_dict["targetChannels"] = target_channels
        if source_channel is not UNSET:
            field_dict["sourceChannel"] = source_channel
        if app_id is not UNSET:
            field_dict["appId"] = app_id
        if visibility is not UNSET:
            field_dict["visibility"] = visibility
        if sequence is not UNSET:
            field_dict["sequence"] = sequence
        if direction is not UNSET:
            field_dict["direction"] = direction
        if created_date is not UNSET:
            field_dict["createdDate"] = created_date
        if target_channel_ids is not UNSET:
            field_dict["targetChannelIds"] = target_channel_ids
        if source_channel_id is not UNSET:
            field_dict["sourceChannelId"] = source_channel_id
        if silent is not UNSET:
            field_dict["silent"] = silent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _get = src_dict.get
        _obj = object.__new__(cls)
        _obj.id = _get("id", UNSET)

        _raw = _get("content", UNSET)
        if _raw is not UNSET:
            _raw = _MessageContent_from_dict(_raw)

        _obj.content = _raw

        _raw = _get("sender", UNSET)
        if _raw is not UNSET:
            _raw = _IdentificationData_from_dict(_raw)

        _obj.sender = _raw

        _raw = _get("badges", UNSET)
        if _raw is not UNSET:
            _raw = list(map(_Badge_from_dict, _raw)) if _raw else list(_raw)

        _obj.badges = _raw

        _raw = _get("targetChannels", UNSET)
        if _raw is not UNSET:
            _raw = list(map(ChannelType, _raw)) if _raw else list(_raw)

        _obj.target_channels = _raw

        _raw = _get("sourceChannel", UNSET)
        if _raw is not UNSET:
            try:
                _raw = _ChannelType_by_value[_raw]
            except (KeyError, TypeError):
                _raw = ChannelType(_raw)

        _obj.source_channel = _raw

        _raw = _get("appId", UNSET)
        if isinstance(_raw, str):
            _raw = parse_uuid_or_keep(_raw)

        _obj.app_id = _raw

        _raw = _get("visibility", UNSET)
        if _raw is not UNSET:
            try:
                _raw = _MessageVisibility_by_value[_raw]
            except (KeyError, TypeError):
                _raw = MessageVisibility(_raw)

        _obj.visibility = _raw

        _obj.sequence = _get("sequence", UNSET)

        _raw = _get("direction", UNSET)
        if _raw is not UNSET:
            try:
                _raw = _MessageDirection_by_value[_raw]
            except (KeyError, TypeError):
                _raw = MessageDirection(_raw)

        _obj.direction = _raw

        _raw = _get("createdDate", UNSET)
        if isinstance(_raw, str):
            try:
                _raw = datetime.datetime.fromisoformat(_raw)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        _obj.created_date = _raw

        _obj.target_channel_ids = _get("targetChannelIds", UNSET)

        _obj.source_channel_id = _get("sourceChannelId", UNSET)

        _obj.silent = _get("silent", UNSET)

        # Most objects have no unknown field: check that in C before building a dict of them.
        _obj.additional_properties = (
            {}
            if _WIRE_NAMES.issuperset(src_dict)
            else {k: v for k, v in src_dict.items() if k not in _WIRE_NAMES}
        )
        return _obj

    @classmethod
    def from_dict_lazy(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """``from_dict``, except that the fields holding another model are each built when first
        read (see ``types.LazyModel``): `content`, `sender`.
        """
        _get = src_dict.get
        _obj = object.__new__(cls)
        # The JSON values of the fields built on first read, by attribute name.
        _pending: dict[str, Any] = {}
        _obj.id = _get("id", UNSET)

        _raw = _get("content", UNSET)
        if _raw is UNSET:
            _obj.content = UNSET
        else:
            _pending["content"] = _raw
        _raw = _get("sender", UNSET)
        if _raw is UNSET:
            _obj.sender = UNSET
        else:
            _pending["sender"] = _raw
        _raw = _get("badges", UNSET)
        if _raw is not UNSET:
            _raw = list(map(_Badge_from_dict, _raw)) if _raw else list(_raw)

        _obj.badges = _raw

        _raw = _get("targetChannels", UNSET)
        if _raw is not UNSET:
            _raw = list(map(ChannelType, _raw)) if _raw else list(_raw)

        _obj.target_channels = _raw

        _raw = _get("sourceChannel", UNSET)
        if _raw is not UNSET:
            try:
                _raw = _ChannelType_by_value[_raw]
            except (KeyError, TypeError):
                _raw = ChannelType(_raw)

        _obj.source_channel = _raw

        _raw = _get("appId", UNSET)
        if isinstance(_raw, str):
            _raw = parse_uuid_or_keep(_raw)

        _obj.app_id = _raw

        _raw = _get("visibility", UNSET)
        if _raw is not UNSET:
            try:
                _raw = _MessageVisibility_by_value[_raw]
            except (KeyError, TypeError):
                _raw = MessageVisibility(_raw)

        _obj.visibility = _raw

        _obj.sequence = _get("sequence", UNSET)

        _raw = _get("direction", UNSET)
        if _raw is not UNSET:
            try:
                _raw = _MessageDirection_by_value[_raw]
            except (KeyError, TypeError):
                _raw = MessageDirection(_raw)

        _obj.direction = _raw

        _raw = _get("createdDate", UNSET)
        if isinstance(_raw, str):
            try:
                _raw = datetime.datetime.fromisoformat(_raw)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        _obj.created_date = _raw

        _obj.target_channel_ids = _get("targetChannelIds", UNSET)

        _obj.source_channel_id = _get("sourceChannelId", UNSET)

        _obj.silent = _get("silent", UNSET)

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
from ..models.badge import Badge
from ..models.identification_data import IdentificationData
from ..models.message_content import MessageContent

# from_dict calls these for every nested object: bound once, after the imports above.
_Badge_from_dict = Badge.from_dict
_IdentificationData_from_dict = IdentificationData.from_dict
_MessageContent_from_dict = MessageContent.from_dict

# The fields from_dict_lazy leaves for later, with their builders (types.LazyModel).
lazy_fields(
    Message,
    {"content": _MessageContent_from_dict, "sender": _IdentificationData_from_dict},
)
