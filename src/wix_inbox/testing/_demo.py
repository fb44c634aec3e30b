"""Demo conversations for ``MockInbox.with_demo_data()`` and ``python -m wix_inbox.testing``."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._mock import MockInbox

__all__ = ["DEMO_HISTORY", "seed_demo_data"]

DEMO_HISTORY = 350
"""Messages in the long conversation of the demo data."""

_NS = uuid.UUID("3f9b7c1e-2a4d-4e5f-8a6b-7c8d9e0f1a2b")
_IMAGE = "https://static.wixstatic.com/media/0df0927d01d641338d1e0c59bbbabfde.jpg"
_FILE = "https://static.wixstatic.com/ugd/invoice-1042.pdf"


def _id(name: str) -> str:
    return str(uuid.uuid5(_NS, name))


def every_kind(app_id: str) -> list[dict[str, Any]]:
    """One message of each content kind (wire form, without server-filled fields)."""
    b2p = {"direction": "BUSINESS_TO_PARTICIPANT", "visibility": "BUSINESS_AND_PARTICIPANT"}
    p2b = {"direction": "PARTICIPANT_TO_BUSINESS", "visibility": "BUSINESS_AND_PARTICIPANT"}
    return [
        {
            **p2b,
            "content": {
                "previewText": "Hi! Do you deliver?",
                "basic": {"items": [{"text": "Hi! Do you deliver on weekends?"}]},
            },
        },
        {
            **b2p,
            "content": {
                "previewText": "Our menu",
                "basic": {
                    "items": [
                        {"text": "Yes, we do. Here is this week's menu:"},
                        {
                            "image": {
                                "id": "0df0927d01d641338d1e0c59bbbabfde.jpg",
                                "url": _IMAGE,
                                "filename": "menu.jpg",
                                "width": 1080,
                                "height": 1350,
                            }
                        },
                        {
                            "file": {
                                "id": "invoice-1042.pdf",
                                "url": _FILE,
                                "filename": "price-list.pdf",
                                "mimeType": "application/pdf",
                            }
                        },
                    ]
                },
            },
        },
        {
            **b2p,
            "sourceChannel": "CHAT",
            "targetChannels": ["CHAT"],
            "content": {
                "previewText": "Book a delivery slot",
                "title": "Delivery",
                "template": {
                    "title": "Pick a delivery slot",
                    "textLines": ["Saturday 10:00-12:00", "Sunday 14:00-16:00"],
                    "imageUrl": _IMAGE,
                    "orientation": "LANDSCAPE",
                    "buttons": [
                        {
                            "label": "Saturday",
                            "postbackProperties": {
                                "appId": app_id,
                                "interactionId": "slot-saturday",
                            },
                        },
                        {
                            "label": "Sunday",
                            "postbackProperties": {"appId": app_id, "interactionId": "slot-sunday"},
                        },
                        {"label": "See all slots", "launchUrl": "https://example.com/slots"},
                    ],
                },
            },
        },
        {
            **b2p,
            "content": {
                "previewText": "Order #1042 confirmed",
                "minimal": {
                    "text": "Order #1042 was confirmed",
                    "iconUrl": _IMAGE,
                    "url": "https://example.com/orders/1042",
                },
            },
        },
        {
            "direction": "PARTICIPANT_TO_BUSINESS",
            "visibility": "BUSINESS",
            "content": {
                "previewText": "Catering request",
                "form": {
                    "title": "Catering request",
                    "description": "Submitted from the Contact Us page",
                    "fields": [
                        {"name": "Name", "value": "Jane Doe"},
                        {"name": "Guests", "value": "40"},
                        {"name": "Date", "value": "2026-12-24"},
                    ],
                    "media": [
                        {
                            "image": {
                                "url": _IMAGE,
                                "filename": "venue.jpg",
                                "width": 800,
                                "height": 600,
                            }
                        },
                        {
                            "file": {
                                "url": _FILE,
                                "filename": "brief.pdf",
                                "mimeType": "application/pdf",
                            }
                        },
                    ],
                },
            },
        },
        {
            "direction": "BUSINESS_TO_PARTICIPANT",
            "visibility": "BUSINESS",
            "content": {
                "previewText": "Jane was assigned",
                "system": {
                    "text": "Conversation assigned to Jane\nBy the Inbox rules",
                    "imageUrl": _IMAGE,
                    "buttons": [{"label": "Open rules", "launchUrl": "https://example.com/rules"}],
                },
            },
        },
    ]


def seed_demo_data(mock: MockInbox) -> None:
    """Seed three conversations (contact, member, visitor) with every kind and a long history."""
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(days=30)
    contact = mock.create_conversation(
        contact_id=_id("contact:jane"), participant_name="Jane Doe", channels=("CHAT", "EMAIL")
    )
    member = mock.create_conversation(member_id=_id("member:sam"), participant_name="Sam Lee")
    visitor = mock.create_conversation(anonymous_visitor_id=_id("visitor:40096"))
    # Long history: alternating sides, one message every ~2 hours, a few business-only notes.
    for index in range(DEMO_HISTORY):
        from_participant = index % 2 == 0
        note = index % 25 == 24
        mock.add_message(
            contact["id"],
            f"Internal note {index // 25 + 1}"
            if note
            else f"Message {index + 1} of {DEMO_HISTORY}",
            direction="PARTICIPANT_TO_BUSINESS" if from_participant else "BUSINESS_TO_PARTICIPANT",
            visibility="BUSINESS" if note else "BUSINESS_AND_PARTICIPANT",
            created_date=start + timedelta(minutes=110 * index),
        )
    for index, message in enumerate(every_kind(mock.app_id)):
        mock.add_message(
            member["id"],
            message=message,
            app_id=mock.app_id if "template" in message["content"] else None,
            created_date=now - timedelta(hours=6) + timedelta(minutes=index),
        )
    for index, (text, direction) in enumerate(
        [
            ("Hello, is anyone there?", "PARTICIPANT_TO_BUSINESS"),
            ("Hi! How can we help?", "BUSINESS_TO_PARTICIPANT"),
            ("What are your opening hours?", "PARTICIPANT_TO_BUSINESS"),
            ("Every day 8:00-20:00.", "BUSINESS_TO_PARTICIPANT"),
        ]
    ):
        mock.add_message(
            visitor["id"],
            text,
            direction=direction,
            created_date=now - timedelta(minutes=30) + timedelta(minutes=index),
        )
