"""Back up one conversation to a JSON Lines file: one message per line, oldest first.

    python examples/backup_conversation.py CONVERSATION_ID backup.jsonl

Each line is the message as Wix sends it (`Message.to_dict()`), so nothing Wix adds later is
lost. The file is written beside its final name and renamed at the end, so an interrupted run
never leaves a half-written backup. (`wix-inbox export` does this for many conversations, and
resumes.)
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from wix_inbox import InboxClient, WixError


def backup(client: InboxClient, conversation_id: str, target: Path) -> int:
    """Write every message of the conversation to ``target``; return how many."""
    partial = target.with_name(target.name + ".partial")
    count = 0
    with partial.open("w", encoding="utf-8") as out:
        # Lazily, page by page (100 a page), oldest first; only one page is held at a time.
        for message in client.messages.list(conversation_id, order="ASC", page_size=100):
            out.write(json.dumps(message.to_dict(), ensure_ascii=False) + "\n")
            count += 1
        out.flush()
        os.fsync(out.fileno())
    partial.replace(target)
    return count


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    conversation_id, target = argv[1], Path(argv[2])
    try:
        with InboxClient() as client:
            count = backup(client, conversation_id, target)
    except WixError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {count} messages to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
