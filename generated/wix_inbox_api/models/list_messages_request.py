from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.message_visibility import MessageVisibility
from ..types import (
    UNSET,
    LazyModel,
    Unset,
    lazy_fields,
    parse_uuid,
)

T = TypeVar("T", bound="ListMessagesRequest")

# from_dict looks members up here: EnumType's attribute access and __call__ are slow in Python.
_MessageVisibility_by_value = MessageVisibility._value2member_map_

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "conversationId",
        "visibility",
        "paging",
        "sorting",
    }
)


@_attrs_define
class ListMessagesRequest(LazyModel):
    """The list request as one object: the shape of `?.r=<base64url JSON>`. The same fields
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
        field_dict.update(
            {
                "conversationId": conversation_id,
                "visibility": visibility,
            }
        )
        if paging is not UNSET:
            field_dict["paging"] = paging
        if sorting is not UNSET:
            field_dict["sorting"] = sorting

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _raw = src_dict["conversationId"]
        _raw = parse_uuid(_raw)

        _obj.conversation_id = _raw

        _raw = src_dict["visibility"]
        try:
            _raw = _MessageVisibility_by_value[_raw]
        except (KeyError, TypeError):
            _raw = MessageVisibility(_raw)

        _obj.visibility = _raw

        _obj.paging = _obj.sorting = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "paging":
                if _raw is not UNSET:
                    _raw = _CursorPaging_from_dict(_raw)

                _obj.paging = _raw

            elif _key == "sorting":
                if _raw is not UNSET:
                    _raw = _Sorting_from_dict(_raw)

                _obj.sorting = _raw

            elif _key == "conversationId":
                pass
            elif _key == "visibility":
                pass
            else:
                _extra[_key] = _raw
        _obj.additional_properties = _extra
        return _obj

    @classmethod
    def from_dict_lazy(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """``from_dict``, except that the fields holding another model are each built when first
        read (see ``types.LazyModel``): `paging`, `sorting`.
        """
        _get = src_dict.get
        _obj = object.__new__(cls)
        # The JSON values of the fields built on first read, by attribute name.
        _pending: dict[str, Any] = {}
        _raw = src_dict["conversationId"]
        _raw = parse_uuid(_raw)

        _obj.conversation_id = _raw

        _raw = src_dict["visibility"]
        try:
            _raw = _MessageVisibility_by_value[_raw]
        except (KeyError, TypeError):
            _raw = MessageVisibility(_raw)

        _obj.visibility = _raw

        _raw = _get("paging", UNSET)
        if _raw is UNSET:
            _obj.paging = UNSET
        else:
            _pending["paging"] = _raw
        _raw = _get("sorting", UNSET)
        if _raw is UNSET:
            _obj.sorting = UNSET
        else:
            _pending["sorting"] = _raw
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
from ..models.cursor_paging import CursorPaging
from ..models.sorting import Sorting

# from_dict calls these for every nested object: bound once, after the imports above.
_CursorPaging_from_dict = CursorPaging.from_dict
_Sorting_from_dict = Sorting.from_dict

# The fields from_dict_lazy leaves for later, with their builders (types.LazyModel).
lazy_fields(
    ListMessagesRequest,
    {"paging": _CursorPaging_from_dict, "sorting": _Sorting_from_dict},
)
