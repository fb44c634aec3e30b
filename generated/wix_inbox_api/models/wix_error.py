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

T = TypeVar("T", bound="WixError")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "message",
        "details",
    }
)


@_attrs_define
class WixError(LazyModel):
    """The body of every Wix error response.

    Attributes:
        message (str | Unset): Human-readable summary of the error.
        details (WixErrorDetails | Unset): Machine-readable detail; carries one of the two members.
    """

    message: str | Unset = UNSET
    details: WixErrorDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if message is not UNSET:
            field_dict["message"] = message
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.message = _obj.details = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "message":
                _obj.message = _raw

            elif _key == "details":
                if _raw is not UNSET:
                    _raw = _WixErrorDetails_from_dict(_raw)

                _obj.details = _raw

            else:
                _extra[_key] = _raw
        _obj.additional_properties = _extra
        return _obj

    @classmethod
    def from_dict_lazy(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """``from_dict``, except that the fields holding another model are each built when first
        read (see ``types.LazyModel``): `details`.
        """
        _get = src_dict.get
        _obj = object.__new__(cls)
        # The JSON values of the fields built on first read, by attribute name.
        _pending: dict[str, Any] = {}
        _obj.message = _get("message", UNSET)

        _raw = _get("details", UNSET)
        if _raw is UNSET:
            _obj.details = UNSET
        else:
            _pending["details"] = _raw
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
from ..models.wix_error_details import WixErrorDetails

# from_dict calls these for every nested object: bound once, after the imports above.
_WixErrorDetails_from_dict = WixErrorDetails.from_dict

# The fields from_dict_lazy leaves for later, with their builders (types.LazyModel).
lazy_fields(WixError, {"details": _WixErrorDetails_from_dict})
