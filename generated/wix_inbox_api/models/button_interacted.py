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
    lazy_fields,
    parse_uuid,
    parse_uuid_or_keep,
)

T = TypeVar("T", bound="ButtonInteracted")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "conversationId",
        "appId",
        "interactionId",
        "interactedBy",
    }
)


@_attrs_define
class ButtonInteracted(LazyModel):
    """Payload of the button-interacted event.

    Attributes:
        conversation_id (UUID | Unset): GUID of the conversation.
        app_id (None | Unset | UUID): GUID of the app the button reports to.
        interaction_id (None | str | Unset): Your id of the interaction, from the button's postback properties.
        interacted_by (IdentificationData | Unset): Who sent a message (read-only). Holds one of `anonymousVisitorId`,
            `memberId`,
            `wixUserId` and `appId`, and `contactId` when the sender is a contact.
    """

    conversation_id: UUID | Unset = UNSET
    app_id: None | Unset | UUID = UNSET
    interaction_id: None | str | Unset = UNSET
    interacted_by: IdentificationData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation_id: str | Unset = UNSET
        if not isinstance(self.conversation_id, Unset):
            conversation_id = str(self.conversation_id)

        app_id: None | str | Unset
        if isinstance(self.app_id, Unset):
            app_id = UNSET
        elif isinstance(self.app_id, UUID):
            app_id = str(self.app_id)
        else:
            app_id = self.app_id

        interaction_id: None | str | Unset
        if isinstance(self.interaction_id, Unset):
            interaction_id = UNSET
        else:
            interaction_id = self.interaction_id

        interacted_by: dict[str, Any] | Unset = UNSET
        if not isinstance(self.interacted_by, Unset):
            interacted_by = self.interacted_by.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if conversation_id is not UNSET:
            field_dict["conversationId"] = conversation_id
        if app_id is not UNSET:
            field_dict["appId"] = app_id
        if interaction_id is not UNSET:
            field_dict["interactionId"] = interaction_id
        if interacted_by is not UNSET:
            field_dict["interactedBy"] = interacted_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.conversation_id = _obj.app_id = _obj.interaction_id = (
            _obj.interacted_by
        ) = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "conversationId":
                if _raw is not UNSET:
                    _raw = parse_uuid(_raw)

                _obj.conversation_id = _raw

            elif _key == "appId":
                if isinstance(_raw, str):
                    _raw = parse_uuid_or_keep(_raw)

                _obj.app_id = _raw

            elif _key == "interactionId":
                _obj.interaction_id = _raw

            elif _key == "interactedBy":
                if _raw is not UNSET:
                    _raw = _IdentificationData_from_dict(_raw)

                _obj.interacted_by = _raw

            else:
                _extra[_key] = _raw
        _obj.additional_properties = _extra
        return _obj

    @classmethod
    def from_dict_lazy(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """``from_dict``, except that the fields holding another model are each built when first
        read (see ``types.LazyModel``): `interacted_by`.
        """
        _get = src_dict.get
        _obj = object.__new__(cls)
        # The JSON values of the fields built on first read, by attribute name.
        _pending: dict[str, Any] = {}
        _raw = _get("conversationId", UNSET)
        if _raw is not UNSET:
            _raw = parse_uuid(_raw)

        _obj.conversation_id = _raw

        _raw = _get("appId", UNSET)
        if isinstance(_raw, str):
            _raw = parse_uuid_or_keep(_raw)

        _obj.app_id = _raw

        _obj.interaction_id = _get("interactionId", UNSET)

        _raw = _get("interactedBy", UNSET)
        if _raw is UNSET:
            _obj.interacted_by = UNSET
        else:
            _pending["interacted_by"] = _raw
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
from ..models.identification_data import IdentificationData

# from_dict calls these for every nested object: bound once, after the imports above.
_IdentificationData_from_dict = IdentificationData.from_dict

# The fields from_dict_lazy leaves for later, with their builders (types.LazyModel).
lazy_fields(ButtonInteracted, {"interacted_by": _IdentificationData_from_dict})
