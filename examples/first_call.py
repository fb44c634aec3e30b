"""Your first call: find (or start) the conversation with a contact, say hello, read it back.

    export WIX_API_KEY=...  WIX_SITE_ID=...        # or run it against the mock, see README
    python examples/first_call.py [CONTACT_ID]

The client reads WIX_API_KEY, WIX_SITE_ID (or WIX_ACCOUNT_ID) and WIX_BASE_URL from the
environment when they are not given as arguments.
"""

from __future__ import annotations

import sys

from wix_inbox import InboxClient, MessageContent, WixError

EXAMPLE_CONTACT = "9e668c08-8bdb-4240-babb-8176935f6f78"


def main(argv: list[str]) -> int:
    contact_id = argv[1] if len(argv) > 1 else EXAMPLE_CONTACT
    try:
        with InboxClient() as client:
            found = client.conversations.get_or_create(contact_id=contact_id)
            conversation_id = str(found.conversation.id)
            print(f"conversation {conversation_id} ({'new' if found.created else 'existing'})")

            sent = client.messages.send(conversation_id, "Hello from wix-inbox-client!")
            print(f"sent message {sent.id} (sequence {sent.sequence})")

            page = client.messages.list_page(conversation_id, limit=5)  # newest first
            for message in page.messages:
                # Fields Wix may leave out are UNSET (falsy), so check before reading.
                body = message.content
                preview = body.preview_text if isinstance(body, MessageContent) else ""
                print(f"  {message.sequence} {message.direction}: {preview}")
    except WixError as error:  # everything the client raises is a WixError
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
