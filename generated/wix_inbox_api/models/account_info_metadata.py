from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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
class AccountInfoMetadata:
    """Account and site an event belongs to.

    Attributes:
        account_id (str): GUID of the Wix account.
        site_id (str | Unset): GUID of the site, when the event concerns one.
        parent_account_id (str | Unset): GUID of the parent account, for a child account.
    """

    account_id: str
    site_id: str | Unset = UNSET
    parent_account_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        site_id = self.site_id

        parent_account_id = self.parent_account_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accountId": account_id,
            }
        )
        if site_id is not UNSET:
            field_dict["siteId"] = site_id
        if parent_account_id is not UNSET:
            field_dict["parentAccountId"] = parent_account_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.account_id = src_dict["accountId"]

        _obj.site_id = _obj.parent_account_id = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "siteId":
                _obj.site_id = _raw

            elif _key == "parentAccountId":
                _obj.parent_account_id = _raw

            elif _key == "accountId":
                pass
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
