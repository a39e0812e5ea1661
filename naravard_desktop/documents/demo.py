"""The demo database's group, with its protocols approved and rendered as real PDF/A."""

from __future__ import annotations

import datetime as dt

from naravard_desktop.documents.protocol_pdf import protocol_pdf
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.system import demo
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.demo import DEMO_GROUP, DEMO_MEMBERS

__all__ = ["DEMO_GROUP", "DEMO_MEMBERS", "create_demo"]


def create_demo(db: Database, today: dt.date | None = None) -> GroupData:
    """services.system.demo.create_demo with this layer's protocol writer."""
    return demo.create_demo(db, today, render_protocol=protocol_pdf)
