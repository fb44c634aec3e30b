from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..types import UNSET, Unset
from typing import cast
import datetime





T = TypeVar("T", bound="FileMessage")



@_attrs_define
class FileMessage:
    """ A file attachment, from Wix Media or any other host.

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
        field_dict.update({
        })
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


        def _parse_mime_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mime_type = _parse_mime_type(d.pop("mimeType", UNSET))


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


        file_message = cls(
            id=id,
            url=url,
            filename=filename,
            mime_type=mime_type,
            url_expiration=url_expiration,
        )


        file_message.additional_properties = d
        return file_message

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


