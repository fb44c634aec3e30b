from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID





T = TypeVar("T", bound="ButtonInteracted")



@_attrs_define
class ButtonInteracted:
    """ Payload of the button-interacted event.

        Attributes:
            conversation_id (UUID | Unset): GUID of the conversation.
            app_id (None | Unset | UUID): GUID of the app the button reports to.
            interaction_id (None | str | Unset): Your id of the interaction, from the button's postback properties.
            interacted_by (IdentificationData | Unset): Who sent a message (read-only). Holds one of `anonymousVisitorId`,
                `memberId`,
                `wixUserId` and `appId`, and `contactId` when the sender is a contact.
     """

    conversation_id: UUID | Unset = UNSET
    app_id: None | Unset | UUID = UNSET
    interaction_id: None | str | Unset = UNSET
    interacted_by: IdentificationData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        conversation_id: str | Unset = UNSET
        if not isinstance(self.conversation_id, Unset):
            conversation_id = str(self.conversation_id)

        app_id: None | str | Unset
        if isinstance(self.app_id, Unset):
            app_id = UNSET
        elif isinstance(self.app_id, UUID):
            app_id = str(self.app_id)
        else:
            app_id = self.app_id

        interaction_id: None | str | Unset
        if isinstance(self.interaction_id, Unset):
            interaction_id = UNSET
        else:
            interaction_id = self.interaction_id

        interacted_by: dict[str, Any] | Unset = UNSET
        if not isinstance(self.interacted_by, Unset):
            interacted_by = self.interacted_by.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if conversation_id is not UNSET:
            field_dict["conversationId"] = conversation_id
        if app_id is not UNSET:
            field_dict["appId"] = app_id
        if interaction_id is not UNSET:
            field_dict["interactionId"] = interaction_id
        if interacted_by is not UNSET:
            field_dict["interactedBy"] = interacted_by

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _conversation_id = d.pop("conversationId", UNSET)
        conversation_id: UUID | Unset
        if isinstance(_conversation_id,  Unset):
            conversation_id = UNSET
        else:
            conversation_id = UUID(_conversation_id)




        def _parse_app_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                app_id_type_0 = UUID(data)



                return app_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        app_id = _parse_app_id(d.pop("appId", UNSET))


        def _parse_interaction_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        interaction_id = _parse_interaction_id(d.pop("interactionId", UNSET))


        _interacted_by = d.pop("interactedBy", UNSET)
        interacted_by: IdentificationData | Unset
        if isinstance(_interacted_by,  Unset):
            interacted_by = UNSET
        else:
            interacted_by = IdentificationData.from_dict(_interacted_by)




        button_interacted = cls(
            conversation_id=conversation_id,
            app_id=app_id,
            interaction_id=interaction_id,
            interacted_by=interacted_by,
        )


        button_interacted.additional_properties = d
        return button_interacted

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
from ..models.identification_data import IdentificationData
