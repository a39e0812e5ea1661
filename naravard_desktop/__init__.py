"""naravard-desktop: local plan, SIP follow-up, meetings and protocols for samverkan groups."""

from __future__ import annotations

APP_NAME = "naravard-desktop"
APP_AUTHOR = "naravard"


def __getattr__(name: str) -> str:
    # __version__ reads the installed metadata (~25 ms), so only when someone asks for it.
    if name == "__version__":
        from importlib import metadata

        try:
            return metadata.version("naravard-desktop")
        except metadata.PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0+source"
    raise AttributeError(name)
