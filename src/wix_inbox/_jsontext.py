"""JSON text that can be written: the one place that handles text no encoding can carry."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["dumps_text"]


def dumps_text(value: Any, *, encoding: str | None = "utf-8", **options: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, **options)`` when ``encoding`` can write it,
    else the same JSON value with ``\\u`` escapes.

    Why: JSON can escape a lone surrogate ("\\ud800": Wix's JavaScript strings can hold one),
    which has no UTF-8 form, and an output's encoding may lack a character. Readable text is
    kept when it can be written; the escaped form reads back as the same text. Used by the
    export, both CLIs and the mock.
    """
    text = json.dumps(value, ensure_ascii=False, **options)
    try:
        text.encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return json.dumps(value, ensure_ascii=True, **options)
    return text
