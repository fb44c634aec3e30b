from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..types import UNSET, Unset
from typing import cast
import datetime





T = TypeVar("T", bound="ImageMessage")



@_attrs_define
class ImageMessage:
    """ An image, from Wix Media or any other host.

        Attributes:
            id (None | str | Unset): Wix Media id of the image.
            url (str | Unset): Where the image is served; Wix's copy stays valid for 10 hours after sending.
            filename (None | str | Unset): Name of the original file.
            width (int | Unset): Width of the original, in pixels.
            height (int | Unset): Height of the original, in pixels.
            url_expiration (datetime.datetime | None | Unset): When `url` stops working.
     """

    id: None | str | Unset = UNSET
    url: str | Unset = UNSET
    filename: None | str | Unset = UNSET
    width: int | Unset = UNSET
    height: int | Unset = UNSET
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

        width = self.width

        height = self.height

        url_expiration: None | str | Unset
        if isinstance(self.url_expiration, Unset):
            url_expiration = UNSET
        elif isinstance(self.url_expiration, datetime.datetime):
            url_expiration = format_datetime(self.url_expiration)
        else:
            url_expiration = self.url_expiration


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if id is not UNSET:
            field_dict["id"] = id
        if url is not UNSET:
            field_dict["url"] = url
        if filename is not UNSET:
            field_dict["filename"] = filename
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if url_expiration is not UNSET:
            field_dict["urlExpiration"] = url_expiration

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))


        url = d.pop("url", UNSET)

        def _parse_filename(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        filename = _parse_filename(d.pop("filename", UNSET))


        width = d.pop("width", UNSET)

        height = d.pop("height", UNSET)

        def _parse_url_expiration(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                url_expiration_type_0 = datetime.datetime.fromisoformat(data)



                return url_expiration_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        url_expiration = _parse_url_expiration(d.pop("urlExpiration", UNSET))


        image_message = cls(
            id=id,
            url=url,
            filename=filename,
            width=width,
            height=height,
            url_expiration=url_expiration,
        )


        image_message.additional_properties = d
        return image_message

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


