from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    LazyModel,
    Unset,
    format_datetime,
)

T = TypeVar("T", bound="FileMessage")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "id",
        "url",
        "filename",
        "mimeType",
        "urlExpiration",
    }
)


@_attrs_define
class FileMessage(LazyModel):
    """A file attachment, from Wix Media or any other host.

    Attributes:
        id (None | str | Unset): Wix Media id of the file.
        url (str | Unset): Where the file is served; Wix's copy stays valid for 10 hours after sending.
        filename (None | str | Unset): Name of the original file.
        mime_type (None | str | Unset): MIME type of the file.
        url_expiration (datetime.datetime | None | Unset): When `url` stops working.
    """

    id: None | str | Unset = UNSET
    url: str | Unset = UNSET
    filename: None | str | Unset = UNSET
    mime_type: None | str | Unset = UNSET
    url_expiration: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        url = self.url

        filename: None | str | Unset
        if isinstance(self.filename, Unset):
            filename = UNSET
        else:
            filename = self.filename

        mime_type: None | str | Unset
        if isinstance(self.mime_type, Unset):
            mime_type = UNSET
        else:
            mime_type = self.mime_type

        url_expiration: None | str | Unset
        if isinstance(self.url_expiration, Unset):
            url_expiration = UNSET
        elif isinstance(self.url_expiration, datetime.datetime):
            url_expiration = format_datetime(self.url_expiration)
        else:
            url_expiration = self.url_expiration

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if url is not UNSET:
            field_dict["url"] = url
        if filename is not UNSET:
            field_dict["filename"] = filename
        if mime_type is not UNSET:
            field_dict["mimeType"] = mime_type
        if url_expiration is not UNSET:
            field_dict["urlExpiration"] = url_expiration

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.id = _obj.url = _obj.filename = _obj.mime_type = _obj.url_expiration = (
            UNSET
        )
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "id":
                _obj.id = _raw

            elif _key == "url":
                _obj.url = _raw

            elif _key == "filename":
                _obj.filename = _raw

            elif _key == "mimeType":
                _obj.mime_type = _raw

            elif _key == "urlExpiration":
                if isinstance(_raw, str):
                    try:
                        _raw = datetime.datetime.fromisoformat(_raw)
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass

                _obj.url_expiration = _raw

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
