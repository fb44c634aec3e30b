from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sort_order import SortOrder
from ..types import (
    UNSET,
    LazyModel,
    Unset,
)

T = TypeVar("T", bound="Sorting")

# from_dict looks members up here: EnumType's attribute access and __call__ are slow in Python.
_SortOrder_by_value = SortOrder._value2member_map_

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "fieldName",
        "order",
    }
)


@_attrs_define
class Sorting(LazyModel):
    """Sorting of a list request.

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
        field_dict.update({})
        if field_name is not UNSET:
            field_dict["fieldName"] = field_name
        if order is not UNSET:
            field_dict["order"] = order

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.field_name = _obj.order = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "fieldName":
                _obj.field_name = _raw

            elif _key == "order":
                if _raw is not UNSET:
                    try:
                        _raw = _SortOrder_by_value[_raw]
                    except (KeyError, TypeError):
                        _raw = SortOrder(_raw)

                _obj.order = _raw

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
