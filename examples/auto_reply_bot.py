"""An auto-reply bot: answers every message a participant writes with a fixed text.

Wix POSTs a signed event to this app whenever someone writes to the business; the app verifies
it, drops repeated deliveries of one event, and replies through the Inbox API.

Run it (needs ``pip install 'wix-inbox-client[webhooks]' uvicorn``)::

    export WIX_API_KEY=... WIX_SITE_ID=...        # who the bot replies as
    export WIX_WEBHOOK_PUBLIC_KEY=...              # the app dashboard's Webhooks page
    python examples/auto_reply_bot.py             # serves http://127.0.0.1:8000/

Try it with no Wix account against the mock:
``python -m wix_inbox.testing --webhook-url http://127.0.0.1:8000/``, then use the mock's
printed credentials and public key as above, with ``WIX_BASE_URL`` set to its URL.
"""

from __future__ import annotations

import logging
import os

from wix_inbox import InboxClient, WixError, webhooks

REPLY = "Thanks for your message! We will get back to you shortly."

logger = logging.getLogger("auto_reply_bot")


def build_app(
    client: InboxClient,
    verifier: webhooks.WebhookVerifier,
    *,
    reply: str = REPLY,
    seen: webhooks.EventStore | None = None,
) -> webhooks.ASGIApp:
    """The bot as an ASGI app: every participant message gets ``reply``, once per event.

    ``seen`` remembers handled events (default: in memory, for one process); give a shared
    store when several processes serve the bot.
    """

    def on_event(event: webhooks.WebhookEvent) -> None:
        match event:
            case webhooks.MessageSentToBusinessEvent(data=data):
                conversation_id = data.conversation_id
                if not conversation_id:
                    return  # no conversation to answer in
                client.messages.send(str(conversation_id), reply)
                logger.info("replied in conversation %s", conversation_id)
            case _:
                pass  # button clicks, merges, other apps' events: nothing to do

    return webhooks.asgi_app(verifier, on_event, seen=seen or webhooks.SeenEvents())


def main() -> None:
    import uvicorn  # only the standalone bot needs a server

    logging.basicConfig(level=logging.INFO)
    try:
        client = InboxClient()  # $WIX_API_KEY + $WIX_SITE_ID; $WIX_BASE_URL for the mock
        verifier = webhooks.WebhookVerifier()  # the key from $WIX_WEBHOOK_PUBLIC_KEY
    except WixError as error:
        raise SystemExit(f"auto_reply_bot: {error}") from None
    with client:
        uvicorn.run(
            build_app(client, verifier),
            host=os.environ.get("HOST", "127.0.0.1"),
            port=int(os.environ.get("PORT", "8000")),
        )


if __name__ == "__main__":
    main()
