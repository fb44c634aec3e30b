"""The ``wix-inbox`` console script: Ctrl-C is one line and exit 130 from the very start.

The command's module (:mod:`wix_inbox._cli`) imports httpx, the generated client and more,
which takes a few tenths of a second; a Ctrl-C then would escape ``main``'s own handling as a
traceback. This module imports nothing heavy and wraps both the import and the call.
"""

from __future__ import annotations

import contextlib
import sys

__all__ = ["run"]

EXIT_INTERRUPTED = 130


def run() -> int:
    """Run ``wix-inbox`` with ``sys.argv``; the exit code."""
    try:
        from ._cli import main

        return main()
    except KeyboardInterrupt:
        # Also a Ctrl-C that lands while main() reports an earlier one.
        with contextlib.suppress(KeyboardInterrupt, OSError):
            print("error: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
