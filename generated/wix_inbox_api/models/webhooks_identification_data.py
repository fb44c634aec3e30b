from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_identity_type import WebhookIdentityType
from ..types import (
    UNSET,
    LazyModel,
    Unset,
    parse_uuid,
)

T = TypeVar("T", bound="WebhooksIdentificationData")

# from_dict looks members up here: EnumType's attribute access and __call__ are slow in Python.
_WebhookIdentityType_by_value = WebhookIdentityType._value2member_map_

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "anonymousVisitorId",
        "memberId",
        "wixUserId",
        "appId",
        "identityType",
    }
)


@_attrs_define
class WebhooksIdentificationData(LazyModel):
    """The identity that caused an event; one of the id members, and its kind.

    Attributes:
        anonymous_visitor_id (UUID | Unset): GUID of a site visitor who is not logged in.
        member_id (UUID | Unset): GUID of a site member.
        wix_user_id (UUID | Unset): GUID of a Wix user.
        app_id (UUID | Unset): GUID of an app.
        identity_type (WebhookIdentityType | Unset): Kind of identity that caused an event.
    """

    anonymous_visitor_id: UUID | Unset = UNSET
    member_id: UUID | Unset = UNSET
    wix_user_id: UUID | Unset = UNSET
    app_id: UUID | Unset = UNSET
    identity_type: WebhookIdentityType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        anonymous_visitor_id: str | Unset = UNSET
        if not isinstance(self.anonymous_visitor_id, Unset):
            anonymous_visitor_id = str(self.anonymous_visitor_id)

        member_id: str | Unset = UNSET
        if not isinstance(self.member_id, Unset):
            member_id = str(self.member_id)

        wix_user_id: str | Unset = UNSET
        if not isinstance(self.wix_user_id, Unset):
            wix_user_id = str(self.wix_user_id)

        app_id: str | Unset = UNSET
        if not isinstance(self.app_id, Unset):
            app_id = str(self.app_id)

        identity_type: str | Unset = UNSET
        if not isinstance(self.identity_type, Unset):
            identity_type = self.identity_type.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if anonymous_visitor_id is not UNSET:
            field_dict["anonymousVisitorId"] = anonymous_visitor_id
        if member_id is not UNSET:
            field_dict["memberId"] = member_id
        if wix_user_id is not UNSET:
            field_dict["wixUserId"] = wix_user_id
        if app_id is not UNSET:
            field_dict["appId"] = app_id
        if identity_type is not UNSET:
            field_dict["identityType"] = identity_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.anonymous_visitor_id = _obj.member_id = _obj.wix_user_id = _obj.app_id = (
            _obj.identity_type
        ) = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "anonymousVisitorId":
                if _raw is not UNSET:
                    _raw = parse_uuid(_raw)

                _obj.anonymous_visitor_id = _raw

            elif _key == "memberId":
                if _raw is not UNSET:
                    _raw = parse_uuid(_raw)

                _obj.member_id = _raw

            elif _key == "wixUserId":
                if _raw is not UNSET:
                    _raw = parse_uuid(_raw)

                _obj.wix_user_id = _raw

            elif _key == "appId":
                if _raw is not UNSET:
                    _raw = parse_uuid(_raw)

                _obj.app_id = _raw

            elif _key == "identityType":
                if _raw is not UNSET:
                    try:
                        _raw = _WebhookIdentityType_by_value[_raw]
                    except (KeyError, TypeError):
                        _raw = WebhookIdentityType(_raw)

                _obj.identity_type = _raw

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
