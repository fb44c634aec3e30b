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

T = TypeVar("T", bound="FieldViolation")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "field",
        "description",
        "violatedRule",
        "ruleName",
        "data",
    }
)


@_attrs_define
class FieldViolation(LazyModel):
    """One field that failed one rule.

    Attributes:
        field (str | Unset): Path of the field, dotted, with `[i]` for list items.
        description (str | Unset): What is wrong with the value.
        violated_rule (str | Unset): The rule that failed, such as `MAX_LENGTH` or `FORMAT`.
        rule_name (str | Unset): Name of a custom rule, when one failed.
        data (FieldViolationData | Unset): Facts about the rule, such as its threshold.
    """

    field: str | Unset = UNSET
    description: str | Unset = UNSET
    violated_rule: str | Unset = UNSET
    rule_name: str | Unset = UNSET
    data: FieldViolationData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        description = self.description

        violated_rule = self.violated_rule

        rule_name = self.rule_name

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if field is not UNSET:
            field_dict["field"] = field
        if description is not UNSET:
            field_dict["description"] = description
        if violated_rule is not UNSET:
            field_dict["violatedRule"] = violated_rule
        if rule_name is not UNSET:
            field_dict["ruleName"] = rule_name
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.field = _obj.description = _obj.violated_rule = _obj.rule_name = (
            _obj.data
        ) = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "field":
                _obj.field = _raw

            elif _key == "description":
                _obj.description = _raw

            elif _key == "violatedRule":
                _obj.violated_rule = _raw

            elif _key == "ruleName":
                _obj.rule_name = _raw

            elif _key == "data":
                if _raw is not UNSET:
                    _raw = _FieldViolationData_from_dict(_raw)

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
        _obj.field = _get("field", UNSET)

        _obj.description = _get("description", UNSET)

        _obj.violated_rule = _get("violatedRule", UNSET)

        _obj.rule_name = _get("ruleName", UNSET)

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
from ..models.field_violation_data import FieldViolationData

# from_dict calls these for every nested object: bound once, after the imports above.
_FieldViolationData_from_dict = FieldViolationData.from_dict

# The fields from_dict_lazy leaves for later, with their builders (types.LazyModel).
lazy_fields(FieldViolation, {"data": _FieldViolationData_from_dict})
