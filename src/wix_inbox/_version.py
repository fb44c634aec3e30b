"""The installed distribution's version; pyproject.toml is the one place it is written."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("wix-inbox-client")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"
