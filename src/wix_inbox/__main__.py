"""``python -m wix_inbox``: the ``wix-inbox`` command."""

from ._cli import main

raise SystemExit(main())
