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

T = TypeVar("T", bound="Button")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "label",
        "launchUrl",
        "postbackProperties",
    }
)


@_attrs_define
class Button(LazyModel):
    """A button that opens `launchUrl`, or reports a click to the business through the
    button-interacted webhook with its `postbackProperties`.

        Attributes:
            label (str | Unset): Text on the button.
            launch_url (None | str | Unset): Address opened by a click.
            postback_properties (PostbackProperties | Unset): What the button-interacted webhook reports when the button is
                clicked.
    """

    label: str | Unset = UNSET
    launch_url: None | str | Unset = UNSET
    postback_properties: PostbackProperties | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        launch_url: None | str | Unset
        if isinstance(self.launch_url, Unset):
            launch_url = UNSET
        else:
            launch_url = self.launch_url

        postback_properties: dict[str, Any] | Unset = UNSET
        if not isinstance(self.postback_properties, Unset):
            postback_properties = self.postback_properties.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if label is not UNSET:
            field_dict["label"] = label
        if launch_url is not UNSET:
            field_dict["launchUrl"] = launch_url
        if postback_properties is not UNSET:
            field_dict["postbackProperties"] = postback_properties

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.label = _obj.launch_url = _obj.postback_properties = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "label":
                _obj.label = _raw

            elif _key == "launchUrl":
                _obj.launch_url = _raw

            elif _key == "postbackProperties":
                if _raw is not UNSET:
                    _raw = _PostbackProperties_from_dict(_raw)

                _obj.postback_properties = _raw

            else:
                _extra[_key] = _raw
        _obj.additional_properties = _extra
        return _obj

    @classmethod
    def from_dict_lazy(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """``from_dict``, except that the fields holding another model are each built when first
        read (see ``types.LazyModel``): `postback_properties`.
        """
        _get = src_dict.get
        _obj = object.__new__(cls)
        # The JSON values of the fields built on first read, by attribute name.
        _pending: dict[str, Any] = {}
        _obj.label = _get("label", UNSET)

        _obj.launch_url = _get("launchUrl", UNSET)

        _raw = _get("postbackProperties", UNSET)
        if _raw is UNSET:
            _obj.postback_properties = UNSET
        else:
            _pending["postback_properties"] = _raw
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
from ..models.postback_properties import PostbackProperties

# from_dict calls these for every nested object: bound once, after the imports above.
_PostbackProperties_from_dict = PostbackProperties.from_dict

# The fields from_dict_lazy leaves for later, with their builders (types.LazyModel).
lazy_fields(Button, {"postback_properties": _PostbackProperties_from_dict})
