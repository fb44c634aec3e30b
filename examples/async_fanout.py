"""Async fan-out: greet many contacts at once, a bounded number of calls in flight.

    python examples/async_fanout.py CONTACT_ID [CONTACT_ID ...]

`AsyncInboxClient` has the same methods as `InboxClient`. One client (one connection pool) is
shared by every task; a semaphore keeps at most 10 calls in flight. A failure of one contact is
reported and does not stop the others.
"""

from __future__ import annotations

import asyncio
import sys

from wix_inbox import AsyncInboxClient, WixError

IN_FLIGHT = 10


async def greet(client: AsyncInboxClient, gate: asyncio.Semaphore, contact_id: str) -> str:
    async with gate:
        found = await client.conversations.get_or_create(contact_id=contact_id)
        conversation_id = str(found.conversation.id)
        await client.messages.send(conversation_id, "Our summer sale starts today!")
        return conversation_id


async def main_async(contact_ids: list[str]) -> int:
    gate = asyncio.Semaphore(IN_FLIGHT)
    async with AsyncInboxClient() as client:
        results = await asyncio.gather(
            *(greet(client, gate, contact_id) for contact_id in contact_ids),
            return_exceptions=True,
        )
    failures = 0
    for contact_id, result in zip(contact_ids, results, strict=True):
        if isinstance(result, WixError):
            failures += 1
            print(f"{contact_id}: failed: {result}", file=sys.stderr)
        elif isinstance(result, BaseException):
            raise result
        else:
            print(f"{contact_id}: greeted in conversation {result}")
    print(f"{len(contact_ids) - failures} greeted, {failures} failed")
    return 1 if failures else 0


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    return asyncio.run(main_async(argv[1:]))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
