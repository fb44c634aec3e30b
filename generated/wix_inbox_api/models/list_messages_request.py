from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..models.message_visibility import MessageVisibility
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID





T = TypeVar("T", bound="ListMessagesRequest")



@_attrs_define
class ListMessagesRequest:
    """ The list request as one object: the shape of `?.r=<base64url JSON>`. The same fields
    travel as dotted query parameters otherwise.

        Attributes:
            conversation_id (UUID): GUID of the conversation.
            visibility (MessageVisibility): Who sees a message: `BUSINESS_AND_PARTICIPANT` (both sides) or `BUSINESS` (site
                collaborators only).
            paging (CursorPaging | Unset): Cursor paging of a list request.
            sorting (Sorting | Unset): Sorting of a list request.
     """

    conversation_id: UUID
    visibility: MessageVisibility
    paging: CursorPaging | Unset = UNSET
    sorting: Sorting | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        conversation_id = str(self.conversation_id)

        visibility = self.visibility.value

        paging: dict[str, Any] | Unset = UNSET
        if not isinstance(self.paging, Unset):
            paging = self.paging.to_dict()

        sorting: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sorting, Unset):
            sorting = self.sorting.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "conversationId": conversation_id,
            "visibility": visibility,
        })
        if paging is not UNSET:
            field_dict["paging"] = paging
        if sorting is not UNSET:
            field_dict["sorting"] = sorting

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        conversation_id = UUID(d.pop("conversationId"))




        visibility = MessageVisibility(d.pop("visibility"))




        _paging = d.pop("paging", UNSET)
        paging: CursorPaging | Unset
        if isinstance(_paging,  Unset):
            paging = UNSET
        else:
            paging = CursorPaging.from_dict(_paging)




        _sorting = d.pop("sorting", UNSET)
        sorting: Sorting | Unset
        if isinstance(_sorting,  Unset):
            sorting = UNSET
        else:
            sorting = Sorting.from_dict(_sorting)




        list_messages_request = cls(
            conversation_id=conversation_id,
            visibility=visibility,
            paging=paging,
            sorting=sorting,
        )


        list_messages_request.additional_properties = d
        return list_messages_request

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
from ..models.cursor_paging import CursorPaging
from ..models.sorting import Sorting
