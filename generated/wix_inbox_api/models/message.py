from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..models.channel_type import ChannelType
from ..models.message_direction import MessageDirection
from ..models.message_visibility import MessageVisibility
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime





T = TypeVar("T", bound="Message")



@_attrs_define
class Message:
    """ One message of a conversation.

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
        field_dict.update({
        })
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
        d = dict(src_dict)
        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))


        _content = d.pop("content", UNSET)
        content: MessageContent | Unset
        if isinstance(_content,  Unset):
            content = UNSET
        else:
            content = MessageContent.from_dict(_content)




        _sender = d.pop("sender", UNSET)
        sender: IdentificationData | Unset
        if isinstance(_sender,  Unset):
            sender = UNSET
        else:
            sender = IdentificationData.from_dict(_sender)




        _badges = d.pop("badges", UNSET)
        badges: list[Badge] | Unset = UNSET
        if _badges is not UNSET:
            badges = []
            for badges_item_data in _badges:
                badges_item = Badge.from_dict(badges_item_data)



                badges.append(badges_item)


        _target_channels = d.pop("targetChannels", UNSET)
        target_channels: list[ChannelType] | Unset = UNSET
        if _target_channels is not UNSET:
            target_channels = []
            for target_channels_item_data in _target_channels:
                target_channels_item = ChannelType(target_channels_item_data)



                target_channels.append(target_channels_item)


        _source_channel = d.pop("sourceChannel", UNSET)
        source_channel: ChannelType | Unset
        if isinstance(_source_channel,  Unset):
            source_channel = UNSET
        else:
            source_channel = ChannelType(_source_channel)




        def _parse_app_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                app_id_type_0 = UUID(data)



                return app_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        app_id = _parse_app_id(d.pop("appId", UNSET))


        _visibility = d.pop("visibility", UNSET)
        visibility: MessageVisibility | Unset
        if isinstance(_visibility,  Unset):
            visibility = UNSET
        else:
            visibility = MessageVisibility(_visibility)




        def _parse_sequence(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sequence = _parse_sequence(d.pop("sequence", UNSET))


        _direction = d.pop("direction", UNSET)
        direction: MessageDirection | Unset
        if isinstance(_direction,  Unset):
            direction = UNSET
        else:
            direction = MessageDirection(_direction)




        def _parse_created_date(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_date_type_0 = datetime.datetime.fromisoformat(data)



                return created_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_date = _parse_created_date(d.pop("createdDate", UNSET))


        target_channel_ids = cast(list[str], d.pop("targetChannelIds", UNSET))


        def _parse_source_channel_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_channel_id = _parse_source_channel_id(d.pop("sourceChannelId", UNSET))


        silent = d.pop("silent", UNSET)

        message = cls(
            id=id,
            content=content,
            sender=sender,
            badges=badges,
            target_channels=target_channels,
            source_channel=source_channel,
            app_id=app_id,
            visibility=visibility,
            sequence=sequence,
            direction=direction,
            created_date=created_date,
            target_channel_ids=target_channel_ids,
            source_channel_id=source_channel_id,
            silent=silent,
        )


        message.additional_properties = d
        return message

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
