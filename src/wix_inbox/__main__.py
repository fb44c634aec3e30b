"""``python -m wix_inbox``: the ``wix-inbox`` command."""

from ._entry import run

raise SystemExit(run())
