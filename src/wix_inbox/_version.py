"""The package's version: the one place it is written (pyproject.toml reads it from here
through hatch's version source). A literal, not importlib.metadata: that import alone costs
more than a tenth of ``import httpx`` (zipfile, email, csv...), paid by every ``import``."""

__version__ = "0.1.0"
