from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    LazyModel,
    Unset,
    lazy_fields,
)

T = TypeVar("T", bound="PagingMetadataV2")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "count",
        "offset",
        "total",
        "tooManyToCount",
        "cursors",
    }
)


@_attrs_define
class PagingMetadataV2(LazyModel):
    """Where this page stands in the whole list.

    Attributes:
        count (int | None | Unset): Number of items in this page.
        offset (int | None | Unset): Offset that was asked for (offset paging only).
        total (int | None | Unset): Number of matching items (offset paging only, when countable).
        too_many_to_count (bool | None | Unset): True when the server could not count the matching items.
        cursors (Cursors | Unset): Cursors to the neighbouring pages; `next` is null on the last page.
    """

    count: int | None | Unset = UNSET
    offset: int | None | Unset = UNSET
    total: int | None | Unset = UNSET
    too_many_to_count: bool | None | Unset = UNSET
    cursors: Cursors | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count: int | None | Unset
        if isinstance(self.count, Unset):
            count = UNSET
        else:
            count = self.count

        offset: int | None | Unset
        if isinstance(self.offset, Unset):
            offset = UNSET
        else:
            offset = self.offset

        total: int | None | Unset
        if isinstance(self.total, Unset):
            total = UNSET
        else:
            total = self.total

        too_many_to_count: bool | None | Unset
        if isinstance(self.too_many_to_count, Unset):
            too_many_to_count = UNSET
        else:
            too_many_to_count = self.too_many_to_count

        cursors: dict[str, Any] | Unset = UNSET
        if not isinstance(self.cursors, Unset):
            cursors = self.cursors.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if count is not UNSET:
            field_dict["count"] = count
        if offset is not UNSET:
            field_dict["offset"] = offset
        if total is not UNSET:
            field_dict["total"] = total
        if too_many_to_count is not UNSET:
            field_dict["tooManyToCount"] = too_many_to_count
        if cursors is not UNSET:
            field_dict["cursors"] = cursors

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.count = _obj.offset = _obj.total = _obj.too_many_to_count = (
            _obj.cursors
        ) = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "count":
                _obj.count = _raw

            elif _key == "offset":
                _obj.offset = _raw

            elif _key == "total":
                _obj.total = _raw

            elif _key == "tooManyToCount":
                _obj.too_many_to_count = _raw

            elif _key == "cursors":
                if _raw is not UNSET:
                    _raw = _Cursors_from_dict(_raw)

                _obj.cursors = _raw

            else:
                _extra[_key] = _raw
        _obj.additional_properties = _extra
        return _obj

    @classmethod
    def from_dict_lazy(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """``from_dict``, except that the fields holding another model are each built when first
        read (see ``types.LazyModel``): `cursors`.
        """
        _get = src_dict.get
        _obj = object.__new__(cls)
        # The JSON values of the fields built on first read, by attribute name.
        _pending: dict[str, Any] = {}
        _obj.count = _get("count", UNSET)

        _obj.offset = _get("offset", UNSET)

        _obj.total = _get("total", UNSET)

        _obj.too_many_to_count = _get("tooManyToCount", UNSET)

        _raw = _get("cursors", UNSET)
        if _raw is UNSET:
            _obj.cursors = UNSET
        else:
            _pending["cursors"] = _raw
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
from ..models.cursors import Cursors

# from_dict calls these for every nested object: bound once, after the imports above.
_Cursors_from_dict = Cursors.from_dict

# The fields from_dict_lazy leaves for later, with their builders (types.LazyModel).
lazy_fields(PagingMetadataV2, {"cursors": _Cursors_from_dict})
