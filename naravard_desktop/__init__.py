"""naravard-desktop: local plan, SIP follow-up, meetings and protocols for samverkan groups."""

from importlib import metadata

try:
    __version__ = metadata.version("naravard-desktop")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

APP_NAME = "naravard-desktop"
APP_AUTHOR = "naravard"
