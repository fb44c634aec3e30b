from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime





T = TypeVar("T", bound="EventMetadata")



@_attrs_define
class EventMetadata:
    """ Facts about a webhook event, common to every event type.

        Attributes:
            id (str | Unset): Id of the event; the same id twice means the same event delivered twice.
            entity_fqdn (str | Unset): Kind of entity the event is about, such as `wix.crm.inbox.v2.message`.
            slug (str | Unset): Short name of the event, such as `message_sent_to_business`.
            entity_id (str | Unset): Id of the entity the event is about.
            event_time (datetime.datetime | None | Unset): When the event happened (UTC).
            triggered_by_anonymize_request (bool | None | Unset): True when a privacy request (such as GDPR erasure) caused
                the event.
            originated_from (None | str | Unset): The action that caused the event, when known.
            entity_event_sequence (None | str | Unset): Increases with every event of the same entity; an event with a lower
                number than
                one already handled is stale.
            instance_id (None | Unset | UUID): GUID of the app instance the event is delivered to.
            event_type (str | Unset): Full event type, such as `wix.crm.inbox.v2.message_message_sent_to_business`.
            identity (WebhooksIdentificationData | Unset): The identity that caused an event; one of the id members, and its
                kind.
            account_info (AccountInfoMetadata | Unset): Account and site an event belongs to; every member may be missing.
     """

    id: str | Unset = UNSET
    entity_fqdn: str | Unset = UNSET
    slug: str | Unset = UNSET
    entity_id: str | Unset = UNSET
    event_time: datetime.datetime | None | Unset = UNSET
    triggered_by_anonymize_request: bool | None | Unset = UNSET
    originated_from: None | str | Unset = UNSET
    entity_event_sequence: None | str | Unset = UNSET
    instance_id: None | Unset | UUID = UNSET
    event_type: str | Unset = UNSET
    identity: WebhooksIdentificationData | Unset = UNSET
    account_info: AccountInfoMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        entity_fqdn = self.entity_fqdn

        slug = self.slug

        entity_id = self.entity_id

        event_time: None | str | Unset
        if isinstance(self.event_time, Unset):
            event_time = UNSET
        elif isinstance(self.event_time, datetime.datetime):
            event_time = format_datetime(self.event_time)
        else:
            event_time = self.event_time

        triggered_by_anonymize_request: bool | None | Unset
        if isinstance(self.triggered_by_anonymize_request, Unset):
            triggered_by_anonymize_request = UNSET
        else:
            triggered_by_anonymize_request = self.triggered_by_anonymize_request

        originated_from: None | str | Unset
        if isinstance(self.originated_from, Unset):
            originated_from = UNSET
        else:
            originated_from = self.originated_from

        entity_event_sequence: None | str | Unset
        if isinstance(self.entity_event_sequence, Unset):
            entity_event_sequence = UNSET
        else:
            entity_event_sequence = self.entity_event_sequence

        instance_id: None | str | Unset
        if isinstance(self.instance_id, Unset):
            instance_id = UNSET
        elif isinstance(self.instance_id, UUID):
            instance_id = str(self.instance_id)
        else:
            instance_id = self.instance_id

        event_type = self.event_type

        identity: dict[str, Any] | Unset = UNSET
        if not isinstance(self.identity, Unset):
            identity = self.identity.to_dict()

        account_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.account_info, Unset):
            account_info = self.account_info.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if id is not UNSET:
            field_dict["id"] = id
        if entity_fqdn is not UNSET:
            field_dict["entityFqdn"] = entity_fqdn
        if slug is not UNSET:
            field_dict["slug"] = slug
        if entity_id is not UNSET:
            field_dict["entityId"] = entity_id
        if event_time is not UNSET:
            field_dict["eventTime"] = event_time
        if triggered_by_anonymize_request is not UNSET:
            field_dict["triggeredByAnonymizeRequest"] = triggered_by_anonymize_request
        if originated_from is not UNSET:
            field_dict["originatedFrom"] = originated_from
        if entity_event_sequence is not UNSET:
            field_dict["entityEventSequence"] = entity_event_sequence
        if instance_id is not UNSET:
            field_dict["instanceId"] = instance_id
        if event_type is not UNSET:
            field_dict["eventType"] = event_type
        if identity is not UNSET:
            field_dict["identity"] = identity
        if account_info is not UNSET:
            field_dict["accountInfo"] = account_info

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        entity_fqdn = d.pop("entityFqdn", UNSET)

        slug = d.pop("slug", UNSET)

        entity_id = d.pop("entityId", UNSET)

        def _parse_event_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                event_time_type_0 = datetime.datetime.fromisoformat(data)



                return event_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        event_time = _parse_event_time(d.pop("eventTime", UNSET))


        def _parse_triggered_by_anonymize_request(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        triggered_by_anonymize_request = _parse_triggered_by_anonymize_request(d.pop("triggeredByAnonymizeRequest", UNSET))


        def _parse_originated_from(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        originated_from = _parse_originated_from(d.pop("originatedFrom", UNSET))


        def _parse_entity_event_sequence(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        entity_event_sequence = _parse_entity_event_sequence(d.pop("entityEventSequence", UNSET))


        def _parse_instance_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                instance_id_type_0 = UUID(data)



                return instance_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        instance_id = _parse_instance_id(d.pop("instanceId", UNSET))


        event_type = d.pop("eventType", UNSET)

        _identity = d.pop("identity", UNSET)
        identity: WebhooksIdentificationData | Unset
        if isinstance(_identity,  Unset):
            identity = UNSET
        else:
            identity = WebhooksIdentificationData.from_dict(_identity)




        _account_info = d.pop("accountInfo", UNSET)
        account_info: AccountInfoMetadata | Unset
        if isinstance(_account_info,  Unset):
            account_info = UNSET
        else:
            account_info = AccountInfoMetadata.from_dict(_account_info)




        event_metadata = cls(
            id=id,
            entity_fqdn=entity_fqdn,
            slug=slug,
            entity_id=entity_id,
            event_time=event_time,
            triggered_by_anonymize_request=triggered_by_anonymize_request,
            originated_from=originated_from,
            entity_event_sequence=entity_event_sequence,
            instance_id=instance_id,
            event_type=event_type,
            identity=identity,
            account_info=account_info,
        )


        event_metadata.additional_properties = d
        return event_metadata

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
from ..models.account_info_metadata import AccountInfoMetadata
from ..models.webhooks_identification_data import WebhooksIdentificationData
