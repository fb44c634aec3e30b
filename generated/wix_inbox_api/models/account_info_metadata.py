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
    parse_uuid_or_keep,
)

T = TypeVar("T", bound="AccountInfoMetadata")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "accountId",
        "siteId",
        "parentAccountId",
    }
)


@_attrs_define
class AccountInfoMetadata(LazyModel):
    """Account and site an event belongs to; every member may be missing.

    Attributes:
        account_id (None | Unset | UUID): GUID of the Wix account.
        site_id (None | Unset | UUID): GUID of the site, when the event concerns one.
        parent_account_id (None | Unset | UUID): GUID of the parent account, for a child account.
    """

    account_id: None | Unset | UUID = UNSET
    site_id: None | Unset | UUID = UNSET
    parent_account_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id: None | str | Unset
        if isinstance(self.account_id, Unset):
            account_id = UNSET
        elif isinstance(self.account_id, UUID):
            account_id = str(self.account_id)
        else:
            account_id = self.account_id

        site_id: None | str | Unset
        if isinstance(self.site_id, Unset):
            site_id = UNSET
        elif isinstance(self.site_id, UUID):
            site_id = str(self.site_id)
        else:
            site_id = self.site_id

        parent_account_id: None | str | Unset
        if isinstance(self.parent_account_id, Unset):
            parent_account_id = UNSET
        elif isinstance(self.parent_account_id, UUID):
            parent_account_id = str(self.parent_account_id)
        else:
            parent_account_id = self.parent_account_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if site_id is not UNSET:
            field_dict["siteId"] = site_id
        if parent_account_id is not UNSET:
            field_dict["parentAccountId"] = parent_account_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.account_id = _obj.site_id = _obj.parent_account_id = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "accountId":
                if isinstance(_raw, str):
                    _raw = parse_uuid_or_keep(_raw)

                _obj.account_id = _raw

            elif _key == "siteId":
                if isinstance(_raw, str):
                    _raw = parse_uuid_or_keep(_raw)

                _obj.site_id = _raw

            elif _key == "parentAccountId":
                if isinstance(_raw, str):
                    _raw = parse_uuid_or_keep(_raw)

                _obj.parent_account_id = _raw

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
