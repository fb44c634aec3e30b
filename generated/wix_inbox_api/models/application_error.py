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

T = TypeVar("T", bound="ApplicationError")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "code",
        "description",
        "data",
    }
)


@_attrs_define
class ApplicationError(LazyModel):
    """A business-rule error, identified by its code.

    Attributes:
        code (str | Unset): Stable error code, such as `CONVERSATION_NOT_FOUND`.
        description (str | Unset): Human-readable explanation.
        data (ApplicationErrorData | Unset): Extra facts about the error; free form.
    """

    code: str | Unset = UNSET
    description: str | Unset = UNSET
    data: ApplicationErrorData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        description = self.description

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if description is not UNSET:
            field_dict["description"] = description
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.code = _obj.description = _obj.data = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "code":
                _obj.code = _raw

            elif _key == "description":
                _obj.description = _raw

            elif _key == "data":
                if _raw is not UNSET:
                    _raw = _ApplicationErrorData_from_dict(_raw)

                _obj.data = _raw

            else:
                _extra[_key] = _raw
        _obj.additional_properties = _extra
        return _obj

    @classmethod
    def from_dict_lazy(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """``from_dict``, except that the fields holding another model are each built when first
        read (see ``types.LazyModel``): `data`.
        """
        _get = src_dict.get
        _obj = object.__new__(cls)
        # The JSON values of the fields built on first read, by attribute name.
        _pending: dict[str, Any] = {}
        _obj.code = _get("code", UNSET)

        _obj.description = _get("description", UNSET)

        _raw = _get("data", UNSET)
        if _raw is UNSET:
            _obj.data = UNSET
        else:
            _pending["data"] = _raw
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
from ..models.application_error_data import ApplicationErrorData

# from_dict calls these for every nested object: bound once, after the imports above.
_ApplicationErrorData_from_dict = ApplicationErrorData.from_dict

# The fields from_dict_lazy leaves for later, with their builders (types.LazyModel).
lazy_fields(ApplicationError, {"data": _ApplicationErrorData_from_dict})
