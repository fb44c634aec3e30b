from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..models.webhook_identity_type import WebhookIdentityType
from ..types import UNSET, Unset
from uuid import UUID





T = TypeVar("T", bound="WebhooksIdentificationData")



@_attrs_define
class WebhooksIdentificationData:
    """ The identity that caused an event; one of the id members, and its kind.

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
        field_dict.update({
        })
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
        d = dict(src_dict)
        _anonymous_visitor_id = d.pop("anonymousVisitorId", UNSET)
        anonymous_visitor_id: UUID | Unset
        if isinstance(_anonymous_visitor_id,  Unset):
            anonymous_visitor_id = UNSET
        else:
            anonymous_visitor_id = UUID(_anonymous_visitor_id)




        _member_id = d.pop("memberId", UNSET)
        member_id: UUID | Unset
        if isinstance(_member_id,  Unset):
            member_id = UNSET
        else:
            member_id = UUID(_member_id)




        _wix_user_id = d.pop("wixUserId", UNSET)
        wix_user_id: UUID | Unset
        if isinstance(_wix_user_id,  Unset):
            wix_user_id = UNSET
        else:
            wix_user_id = UUID(_wix_user_id)




        _app_id = d.pop("appId", UNSET)
        app_id: UUID | Unset
        if isinstance(_app_id,  Unset):
            app_id = UNSET
        else:
            app_id = UUID(_app_id)




        _identity_type = d.pop("identityType", UNSET)
        identity_type: WebhookIdentityType | Unset
        if isinstance(_identity_type,  Unset):
            identity_type = UNSET
        else:
            identity_type = WebhookIdentityType(_identity_type)




        webhooks_identification_data = cls(
            anonymous_visitor_id=anonymous_visitor_id,
            member_id=member_id,
            wix_user_id=wix_user_id,
            app_id=app_id,
            identity_type=identity_type,
        )


        webhooks_identification_data.additional_properties = d
        return webhooks_identification_data

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


