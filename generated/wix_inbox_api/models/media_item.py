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

T = TypeVar("T", bound="MediaItem")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "image",
        "file",
    }
)


@_attrs_define
class MediaItem(LazyModel):
    """One attachment of a form; exactly one of `image` and `file`.

    Attributes:
        image (ImageMessage | Unset): An image, from Wix Media or any other host.
        file (FileMessage | Unset): A file attachment, from Wix Media or any other host.
    """

    image: ImageMessage | Unset = UNSET
    file: FileMessage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image, Unset):
            image = self.image.to_dict()

        file: dict[str, Any] | Unset = UNSET
        if not isinstance(self.file, Unset):
            file = self.file.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if image is not UNSET:
            field_dict["image"] = image
        if file is not UNSET:
            field_dict["file"] = file

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.image = _obj.file = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "image":
                if _raw is not UNSET:
                    _raw = _ImageMessage_from_dict(_raw)

                _obj.image = _raw

            elif _key == "file":
                if _raw is not UNSET:
                    _raw = _FileMessage_from_dict(_raw)

                _obj.file = _raw

            else:
                _extra[_key] = _raw
        _obj.additional_properties = _extra
        return _obj

    @classmethod
    def from_dict_lazy(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """``from_dict``, except that the fields holding another model are each built when first
        read (see ``types.LazyModel``): `image`, `file`.
        """
        _get = src_dict.get
        _obj = object.__new__(cls)
        # The JSON values of the fields built on first read, by attribute name.
        _pending: dict[str, Any] = {}
        _raw = _get("image", UNSET)
        if _raw is UNSET:
            _obj.image = UNSET
        else:
            _pending["image"] = _raw
        _raw = _get("file", UNSET)
        if _raw is UNSET:
            _obj.file = UNSET
        else:
            _pending["file"] = _raw
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
from ..models.file_message import FileMessage
from ..models.image_message import ImageMessage

# from_dict calls these for every nested object: bound once, after the imports above.
_FileMessage_from_dict = FileMessage.from_dict
_ImageMessage_from_dict = ImageMessage.from_dict

# The fields from_dict_lazy leaves for later, with their builders (types.LazyModel).
lazy_fields(
    MediaItem, {"image": _ImageMessage_from_dict, "file": _FileMessage_from_dict}
)
