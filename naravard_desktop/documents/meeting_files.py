"""The files a meeting produces, for the window and the command line alike: kallelse (PDF),
protocol (PDF or DOCX), the approval that renders and stores the protocol's PDF/A, and an
e-signature drawn into it. An approved protocol's PDF is the stored one, byte for byte, so it
always verifies. The writers and the services are imported when first used (ReportLab,
pikepdf and python-docx take about 0.7 s), so the window starts without them and a command
imports only what it writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _

if TYPE_CHECKING:
    from pyhanko.sign.signers import Signer

    from naravard_desktop.services.meetings.protocol_model import ProtocolData
    from naravard_desktop.services.meetings.read_models import RevisionData, SigningStatus
    from naravard_desktop.services.system.database import Database

PROTOCOL_SUFFIXES = (".pdf", ".docx")


def render_protocol(data: ProtocolData) -> bytes:
    """The protocol's PDF/A from its read model alone (no database): what the window's
    approval renders on another thread."""
    from naravard_desktop.documents.protocol_pdf import protocol_pdf

    return protocol_pdf(data)


def _draw_stamp(width: int, height: int, lines: Sequence[str]) -> bytes:
    from naravard_desktop.documents.signature_stamp import signature_stamp

    return signature_stamp(width, height, lines)


def approve(
    db: Database,
    meeting_id: int,
    approved_by: str,
    approved_on: dt.date | None = None,
    *,
    today: dt.date | None = None,
) -> RevisionData:
    """Justering: services.meetings.approval.approve with the protocol's PDF/A writer (the
    read, the rendering outside any transaction, the store)."""
    from naravard_desktop.services.meetings import approval

    return approval.approve(
        db, meeting_id, approved_by, approved_on, render=render_protocol, today=today
    )


def sign_protocol(
    db: Database, meeting_id: int, field: str, signer: Signer, when: dt.datetime | None = None
) -> SigningStatus:
    """Sign one field of the approved protocol, the signature drawn in the protocol's font."""
    from naravard_desktop.services.meetings import signing

    return signing.sign_protocol(db, meeting_id, field, signer, when, draw_stamp=_draw_stamp)


def protocol_bytes(db: Database, meeting_id: int, suffix: str) -> bytes:
    """`suffix` ".pdf" or ".docx". An approved protocol's PDF is the stored one (so it
    verifies), a draft's is rendered fresh (PDF/A-2b); the DOCX is made from the data as
    approved and refused when they no longer match (DomainError)."""
    from naravard_desktop.services.meetings import approval
    from naravard_desktop.services.meetings.meetings import get_meeting
    from naravard_desktop.services.meetings.protocol import protocol_data

    kind = suffix.lower()
    if kind == ".pdf":
        if get_meeting(db, meeting_id).locked:
            stored = approval.stored_pdf(db, meeting_id)
            if stored is not None:
                return stored
        return render_protocol(protocol_data(db, meeting_id))
    if kind == ".docx":
        from naravard_desktop.documents.protocol_docx import protocol_docx
        from naravard_desktop.services.meetings.approval_check import approved_protocol_data

        return protocol_docx(approved_protocol_data(db, meeting_id))
    raise DomainError(
        _("Choose a file name ending in .pdf or .docx, not “{name}”.").format(name=suffix)
    )


def kallelse_bytes(db: Database, meeting_id: int) -> bytes:
    from naravard_desktop.documents.kallelse_pdf import kallelse_pdf
    from naravard_desktop.services.meetings.protocol import protocol_data

    return kallelse_pdf(protocol_data(db, meeting_id))


def write_protocol(db: Database, meeting_id: int, out: Path) -> Path:
    from naravard_desktop.documents.files import write_atomically

    return write_atomically(out, protocol_bytes(db, meeting_id, out.suffix))


def write_kallelse(db: Database, meeting_id: int, out: Path) -> Path:
    from naravard_desktop.documents.files import write_atomically

    if out.suffix.lower() != ".pdf":
        raise DomainError(
            _("Choose a file name ending in .pdf, not “{name}”.").format(name=out.name)
        )
    return write_atomically(out, kallelse_bytes(db, meeting_id))
