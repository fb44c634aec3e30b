from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..models.sort_order import SortOrder
from ..types import UNSET, Unset





T = TypeVar("T", bound="Sorting")



@_attrs_define
class Sorting:
    """ Sorting of a list request.

        Attributes:
            field_name (str | Unset): Field to sort by.
            order (SortOrder | Unset):
     """

    field_name: str | Unset = UNSET
    order: SortOrder | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        field_name = self.field_name

        order: str | Unset = UNSET
        if not isinstance(self.order, Unset):
            order = self.order.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if field_name is not UNSET:
            field_dict["fieldName"] = field_name
        if order is not UNSET:
            field_dict["order"] = order

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field_name = d.pop("fieldName", UNSET)

        _order = d.pop("order", UNSET)
        order: SortOrder | Unset
        if isinstance(_order,  Unset):
            order = UNSET
        else:
            order = SortOrder(_order)




        sorting = cls(
            field_name=field_name,
            order=order,
        )


        sorting.additional_properties = d
        return sorting

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


