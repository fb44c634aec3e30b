from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID





T = TypeVar("T", bound="AccountInfoMetadata")



@_attrs_define
class AccountInfoMetadata:
    """ Account and site an event belongs to; every member may be missing.

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
        field_dict.update({
        })
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if site_id is not UNSET:
            field_dict["siteId"] = site_id
        if parent_account_id is not UNSET:
            field_dict["parentAccountId"] = parent_account_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_account_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                account_id_type_0 = UUID(data)



                return account_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        account_id = _parse_account_id(d.pop("accountId", UNSET))


        def _parse_site_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                site_id_type_0 = UUID(data)



                return site_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        site_id = _parse_site_id(d.pop("siteId", UNSET))


        def _parse_parent_account_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_account_id_type_0 = UUID(data)



                return parent_account_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        parent_account_id = _parse_parent_account_id(d.pop("parentAccountId", UNSET))


        account_info_metadata = cls(
            account_id=account_id,
            site_id=site_id,
            parent_account_id=parent_account_id,
        )


        account_info_metadata.additional_properties = d
        return account_info_metadata

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


