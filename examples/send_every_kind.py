"""Send one message of every content kind that `wix_inbox.content` builds.

    python examples/send_every_kind.py CONVERSATION_ID

Credentials come from WIX_API_KEY / WIX_SITE_ID (and WIX_BASE_URL), as in first_call.py.
"""

from __future__ import annotations

import sys

from wix_inbox import InboxClient, MessageContent, WixError, content

IMAGE = "https://static.wixstatic.com/media/example.jpg"
PDF = "https://example.com/files/invoice-1001.pdf"


def every_kind() -> dict[str, MessageContent]:
    """One content of each kind, by name."""
    return {
        "text": content.text("Thanks for your order!"),
        "image": content.image(IMAGE, filename="parcel.jpg", width=640, height=480),
        "file": content.file(PDF, filename="invoice-1001.pdf", mime_type="application/pdf"),
        "basic": content.basic(
            content.text_item("Your invoice and a photo of the parcel:"),
            content.file_item(PDF, filename="invoice-1001.pdf"),
            content.image_item(IMAGE),
        ),
        "template": content.template(
            title="Your order shipped",
            text_lines=["Order #1001", "Arrives Thursday"],
            buttons=[
                content.button("Track", url="https://example.com/track/1001"),
                content.button("Talk to us", interaction_id="talk-1001"),  # webhook postback
            ],
            image_url=IMAGE,
        ),
        "minimal": content.minimal("Order #1001 was paid", url="https://example.com/o/1001"),
        "form": content.form(
            {"Name": "Jane", "Question": "Do you ship abroad?"},
            title="Contact form",
            media=[content.image_item(IMAGE)],
        ),
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    conversation_id = argv[1]
    try:
        with InboxClient() as client:
            for kind, body in every_kind().items():
                # A form is what a participant submits: sent participant-to-business, seen
                # by the business only.
                if kind == "form":
                    sent = client.messages.send(
                        conversation_id,
                        body,
                        direction="PARTICIPANT_TO_BUSINESS",
                        visibility="BUSINESS",
                        send_as="PARTICIPANT",
                    )
                else:
                    sent = client.messages.send(conversation_id, body)
                print(f"{kind:>8}: message {sent.id}")
    except WixError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
