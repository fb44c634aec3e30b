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

T = TypeVar("T", bound="MessageContent")

# The JSON names of this model's fields: any other key of an input is an unknown field.
_WIRE_NAMES = frozenset(
    {
        "basic",
        "template",
        "minimal",
        "form",
        "system",
        "previewText",
        "title",
    }
)


@_attrs_define
class MessageContent(LazyModel):
    """What a message says. Exactly one of `basic`, `template`, `minimal`, `form` and `system`
    is set; `previewText` and `title` may accompany it.

        Attributes:
            basic (BasicMessagePayload | Unset): Text, images and files; each item shows as its own bubble.
            template (TemplateMessagePayload | Unset): A card with an optional image, a title, lines of text and up to 10
                buttons.
            minimal (MinimalMessagePayload | Unset): One line of text with an optional icon, often reporting an activity.
            form (FormMessagePayload | Unset): Submitted form data, usually sent participant-to-business with `BUSINESS`
                visibility.
            system (SystemMessagePayload | Unset): A message written by Wix itself (reserved for Wix).
            preview_text (None | str | Unset): Short summary shown in the Inbox list.
            title (None | str | Unset): Title of the message.
    """

    basic: BasicMessagePayload | Unset = UNSET
    template: TemplateMessagePayload | Unset = UNSET
    minimal: MinimalMessagePayload | Unset = UNSET
    form: FormMessagePayload | Unset = UNSET
    system: SystemMessagePayload | Unset = UNSET
    preview_text: None | str | Unset = UNSET
    title: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        basic: dict[str, Any] | Unset = UNSET
        if not isinstance(self.basic, Unset):
            basic = self.basic.to_dict()

        template: dict[str, Any] | Unset = UNSET
        if not isinstance(self.template, Unset):
            template = self.template.to_dict()

        minimal: dict[str, Any] | Unset = UNSET
        if not isinstance(self.minimal, Unset):
            minimal = self.minimal.to_dict()

        form: dict[str, Any] | Unset = UNSET
        if not isinstance(self.form, Unset):
            form = self.form.to_dict()

        system: dict[str, Any] | Unset = UNSET
        if not isinstance(self.system, Unset):
            system = self.system.to_dict()

        preview_text: None | str | Unset
        if isinstance(self.preview_text, Unset):
            preview_text = UNSET
        else:
            preview_text = self.preview_text

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if basic is not UNSET:
            field_dict["basic"] = basic
        if template is not UNSET:
            field_dict["template"] = template
        if minimal is not UNSET:
            field_dict["minimal"] = minimal
        if form is not UNSET:
            field_dict["form"] = form
        if system is not UNSET:
            field_dict["system"] = system
        if preview_text is not UNSET:
            field_dict["previewText"] = preview_text
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _obj = object.__new__(cls)
        _obj.basic = _obj.template = _obj.minimal = _obj.form = _obj.system = (
            _obj.preview_text
        ) = _obj.title = UNSET
        _extra: dict[str, Any] = {}
        for _key, _raw in src_dict.items():
            if _key == "basic":
                if _raw is not UNSET:
                    _raw = _BasicMessagePayload_from_dict(_raw)

                _obj.basic = _raw

            elif _key == "template":
                if _raw is not UNSET:
                    _raw = _TemplateMessagePayload_from_dict(_raw)

                _obj.template = _raw

            elif _key == "minimal":
                if _raw is not UNSET:
                    _raw = _MinimalMessagePayload_from_dict(_raw)

                _obj.minimal = _raw

            elif _key == "form":
                if _raw is not UNSET:
                    _raw = _FormMessagePayload_from_dict(_raw)

                _obj.form = _raw

            elif _key == "system":
                if _raw is not UNSET:
                    _raw = _SystemMessagePayload_from_dict(_raw)

                _obj.system = _raw

            elif _key == "previewText":
                _obj.preview_text = _raw

            elif _key == "title":
                _obj.title = _raw

            else:
                _extra[_key] = _raw
        _obj.additional_properties = _extra
        return _obj

    @classmethod
    def from_dict_lazy(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """``from_dict``, except that the fields holding another model are each built when first
        read (see ``types.LazyModel``): `basic`, `template`, `minimal`, `form`, `system`.
        """
        _get = src_dict.get
        _obj = object.__new__(cls)
        # The JSON values of the fields built on first read, by attribute name.
        _pending: dict[str, Any] = {}
        _raw = _get("basic", UNSET)
        if _raw is UNSET:
            _obj.basic = UNSET
        else:
            _pending["basic"] = _raw
        _raw = _get("template", UNSET)
        if _raw is UNSET:
            _obj.template = UNSET
        else:
            _pending["template"] = _raw
        _raw = _get("minimal", UNSET)
        if _raw is UNSET:
            _obj.minimal = UNSET
        else:
            _pending["minimal"] = _raw
        _raw = _get("form", UNSET)
        if _raw is UNSET:
            _obj.form = UNSET
        else:
            _pending["form"] = _raw
        _raw = _get("system", UNSET)
        if _raw is UNSET:
            _obj.system = UNSET
        else:
            _pending["system"] = _raw
        _obj.preview_text = _get("previewText", UNSET)

        _obj.title = _get("title", UNSET)

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
from ..models.basic_message_payload import BasicMessagePayload
from ..models.form_message_payload import FormMessagePayload
from ..models.minimal_message_payload import MinimalMessagePayload
from ..models.system_message_payload import SystemMessagePayload
from ..models.template_message_payload import TemplateMessagePayload

# from_dict calls these for every nested object: bound once, after the imports above.
_BasicMessagePayload_from_dict = BasicMessagePayload.from_dict
_FormMessagePayload_from_dict = FormMessagePayload.from_dict
_MinimalMessagePayload_from_dict = MinimalMessagePayload.from_dict
_SystemMessagePayload_from_dict = SystemMessagePayload.from_dict
_TemplateMessagePayload_from_dict = TemplateMessagePayload.from_dict

# The fields from_dict_lazy leaves for later, with their builders (types.LazyModel).
lazy_fields(
    MessageContent,
    {
        "basic": _BasicMessagePayload_from_dict,
        "template": _TemplateMessagePayload_from_dict,
        "minimal": _MinimalMessagePayload_from_dict,
        "form": _FormMessagePayload_from_dict,
        "system": _SystemMessagePayload_from_dict,
    },
)
