from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    LazyModel,
    Unset,
    format_datetime,
    lazy_fields,
    parse_uuid_or_keep,
)

T = TypeVar("T", bound="EventMetadata")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "id",
        "entityFqdn",
        "slug",
        "entityId",
        "eventTime",
        "triggeredByAnonymizeRequest",
        "originatedFrom",
        "entityEventSequence",
        "instanceId",
        "eventType",
        "identity",
        "accountInfo",
    }
)


@_attrs_define
class EventMetadata(LazyModel):
    """Facts about a webhook event, common to every event type.

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
        field_dict.update({})
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
        _get = src_dict.get
        _obj = object.__new__(cls)
        _obj.id = _get("id", UNSET)

        _obj.entity_fqdn = _get("entityFqdn", UNSET)

        _obj.slug = _get("slug", UNSET)

        _obj.entity_id = _get("entityId", UNSET)

        _raw = _get("eventTime", UNSET)
        if isinstance(_raw, str):
            try:
                _raw = datetime.datetime.fromisoformat(_raw)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        _obj.event_time = _raw

        _obj.triggered_by_anonymize_request = _get("triggeredByAnonymizeRequest", UNSET)

        _obj.originated_from = _get("originatedFrom", UNSET)

        _obj.entity_event_sequence = _get("entityEventSequence", UNSET)

        _raw = _get("instanceId", UNSET)
        if isinstance(_raw, str):
            _raw = parse_uuid_or_keep(_raw)

        _obj.instance_id = _raw

        _obj.event_type = _get("eventType", UNSET)

        _raw = _get("identity", UNSET)
        if _raw is not UNSET:
            _raw = _WebhooksIdentificationData_from_dict(_raw)

        _obj.identity = _raw

        _raw = _get("accountInfo", UNSET)
        if _raw is not UNSET:
            _raw = _AccountInfoMetadata_from_dict(_raw)

        _obj.account_info = _raw

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
        read (see ``types.LazyModel``): `identity`, `account_info`.
        """
        _get = src_dict.get
        _obj = object.__new__(cls)
        # The JSON values of the fields built on first read, by attribute name.
        _pending: dict[str, Any] = {}
        _obj.id = _get("id", UNSET)

        _obj.entity_fqdn = _get("entityFqdn", UNSET)

        _obj.slug = _get("slug", UNSET)

        _obj.entity_id = _get("entityId", UNSET)

        _raw = _get("eventTime", UNSET)
        if isinstance(_raw, str):
            try:
                _raw = datetime.datetime.fromisoformat(_raw)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        _obj.event_time = _raw

        _obj.triggered_by_anonymize_request = _get("triggeredByAnonymizeRequest", UNSET)

        _obj.originated_from = _get("originatedFrom", UNSET)

        _obj.entity_event_sequence = _get("entityEventSequence", UNSET)

        _raw = _get("instanceId", UNSET)
        if isinstance(_raw, str):
            _raw = parse_uuid_or_keep(_raw)

        _obj.instance_id = _raw

        _obj.event_type = _get("eventType", UNSET)

        _raw = _get("identity", UNSET)
        if _raw is UNSET:
            _obj.identity = UNSET
        else:
            _pending["identity"] = _raw
        _raw = _get("accountInfo", UNSET)
        if _raw is UNSET:
            _obj.account_info = UNSET
        else:
            _pending["account_info"] = _raw
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
from ..models.account_info_metadata import AccountInfoMetadata
from ..models.webhooks_identification_data import WebhooksIdentificationData

# from_dict calls these for every nested object: bound once, after the imports above.
_AccountInfoMetadata_from_dict = AccountInfoMetadata.from_dict
_WebhooksIdentificationData_from_dict = WebhooksIdentificationData.from_dict

# The fields from_dict_lazy leaves for later, with their builders (types.LazyModel).
lazy_fields(
    EventMetadata,
    {
        "identity": _WebhooksIdentificationData_from_dict,
        "account_info": _AccountInfoMetadata_from_dict,
    },
)
