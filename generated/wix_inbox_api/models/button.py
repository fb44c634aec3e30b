from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..types import UNSET, Unset
from typing import cast





T = TypeVar("T", bound="Button")



@_attrs_define
class Button:
    """ A button that opens `launchUrl`, or reports a click to the business through the
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
        field_dict.update({
        })
        if label is not UNSET:
            field_dict["label"] = label
        if launch_url is not UNSET:
            field_dict["launchUrl"] = launch_url
        if postback_properties is not UNSET:
            field_dict["postbackProperties"] = postback_properties

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        label = d.pop("label", UNSET)

        def _parse_launch_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        launch_url = _parse_launch_url(d.pop("launchUrl", UNSET))


        _postback_properties = d.pop("postbackProperties", UNSET)
        postback_properties: PostbackProperties | Unset
        if isinstance(_postback_properties,  Unset):
            postback_properties = UNSET
        else:
            postback_properties = PostbackProperties.from_dict(_postback_properties)




        button = cls(
            label=label,
            launch_url=launch_url,
            postback_properties=postback_properties,
        )


        button.additional_properties = d
        return button

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
