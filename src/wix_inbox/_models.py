"""Result types of the facade. The entities themselves are the generated models."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:  # annotations only: the model package loads with the first call
    from wix_inbox_api.models import Conversation, Message

__all__ = ["GetOrCreateResult", "MessagePage"]


@attrs.frozen
class GetOrCreateResult:
    """The conversation of a participant, and whether this call created it.

    get-or-create is retried like a read (a repeat finds what the first try created), so after
    a retry ``created`` may be False for a conversation that this call's first try created.
    """

    conversation: Conversation
    created: bool


@attrs.frozen
class MessagePage:
    """One page of a conversation's messages; iterate it for the messages.

    ``next_cursor`` is None on the last page.
    """

    messages: list[Message]
    next_cursor: str | None
    prev_cursor: str | None

    def __iter__(self) -> Iterator[Message]:
        return iter(self.messages)

    def __len__(self) -> int:
        return len(self.messages)
