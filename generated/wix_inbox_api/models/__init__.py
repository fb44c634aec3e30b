"""Contains all the data models used in inputs/outputs"""

from .account_info_metadata import AccountInfoMetadata
from .application_error import ApplicationError
from .application_error_data import ApplicationErrorData
from .badge import Badge
from .badge_visibility import BadgeVisibility
from .basic_message_data import BasicMessageData
from .basic_message_payload import BasicMessagePayload
from .button import Button
from .button_interacted import ButtonInteracted
from .channel_type import ChannelType
from .conversation import Conversation
from .conversation_display_data import ConversationDisplayData
from .conversation_participant import ConversationParticipant
from .conversations_merged import ConversationsMerged
from .conversations_merged_event import ConversationsMergedEvent
from .cursor_paging import CursorPaging
from .cursors import Cursors
from .event_metadata import EventMetadata
from .field_violation import FieldViolation
from .field_violation_data import FieldViolationData
from .file_message import FileMessage
from .form_field import FormField
from .form_message_payload import FormMessagePayload
from .get_conversation_response import GetConversationResponse
from .get_or_create_conversation_request import GetOrCreateConversationRequest
from .get_or_create_conversation_response import GetOrCreateConversationResponse
from .identification_data import IdentificationData
from .image_message import ImageMessage
from .interaction_info import InteractionInfo
from .list_messages_request import ListMessagesRequest
from .list_messages_response import ListMessagesResponse
from .list_messages_visibility import ListMessagesVisibility
from .media_item import MediaItem
from .message import Message
from .message_button_interacted_event import MessageButtonInteractedEvent
from .message_content import MessageContent
from .message_direction import MessageDirection
from .message_sent_to_business import MessageSentToBusiness
from .message_sent_to_business_event import MessageSentToBusinessEvent
from .message_visibility import MessageVisibility
from .minimal_message_payload import MinimalMessagePayload
from .orientation import Orientation
from .override_sender_options import OverrideSenderOptions
from .paging_metadata_v2 import PagingMetadataV2
from .participant_id import ParticipantId
from .postback_properties import PostbackProperties
from .send_message_request import SendMessageRequest
from .send_message_response import SendMessageResponse
from .sort_order import SortOrder
from .sorting import Sorting
from .system_message_payload import SystemMessagePayload
from .template_message_payload import TemplateMessagePayload
from .validation_error import ValidationError
from .webhook_identity_type import WebhookIdentityType
from .webhooks_identification_data import WebhooksIdentificationData
from .wix_error import WixError
from .wix_error_details import WixErrorDetails

__all__ = (
    "AccountInfoMetadata",
    "ApplicationError",
    "ApplicationErrorData",
    "Badge",
    "BadgeVisibility",
    "BasicMessageData",
    "BasicMessagePayload",
    "Button",
    "ButtonInteracted",
    "ChannelType",
    "Conversation",
    "ConversationDisplayData",
    "ConversationParticipant",
    "ConversationsMerged",
    "ConversationsMergedEvent",
    "CursorPaging",
    "Cursors",
    "EventMetadata",
    "FieldViolation",
    "FieldViolationData",
    "FileMessage",
    "FormField",
    "FormMessagePayload",
    "GetConversationResponse",
    "GetOrCreateConversationRequest",
    "GetOrCreateConversationResponse",
    "IdentificationData",
    "ImageMessage",
    "InteractionInfo",
    "ListMessagesRequest",
    "ListMessagesResponse",
    "ListMessagesVisibility",
    "MediaItem",
    "Message",
    "MessageButtonInteractedEvent",
    "MessageContent",
    "MessageDirection",
    "MessageSentToBusiness",
    "MessageSentToBusinessEvent",
    "MessageVisibility",
    "MinimalMessagePayload",
    "Orientation",
    "OverrideSenderOptions",
    "PagingMetadataV2",
    "ParticipantId",
    "PostbackProperties",
    "SendMessageRequest",
    "SendMessageResponse",
    "Sorting",
    "SortOrder",
    "SystemMessagePayload",
    "TemplateMessagePayload",
    "ValidationError",
    "WebhookIdentityType",
    "WebhooksIdentificationData",
    "WixError",
    "WixErrorDetails",
)
