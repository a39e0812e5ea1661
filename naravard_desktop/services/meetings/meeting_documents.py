"""The files a meeting produces: kallelse (PDF), protocol (PDF or DOCX). An approved
protocol's PDF is the stored one, byte for byte, so it always verifies."""

from __future__ import annotations

from pathlib import Path

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.meetings.approval import stored_pdf
from naravard_desktop.services.meetings.meetings import get_meeting
from naravard_desktop.services.meetings.protocol import protocol_data
from naravard_desktop.services.system.database import Database


def protocol_bytes(db: Database, meeting_id: int, suffix: str) -> bytes:
    """`suffix` ".pdf" or ".docx". A draft protocol's PDF is rendered fresh (PDF/A-2b)."""
    kind = suffix.lower()
    if kind == ".pdf":
        if get_meeting(db, meeting_id).locked:
            stored = stored_pdf(db, meeting_id)
            if stored is not None:
                return stored
        from naravard_desktop.export.protocol_pdf import protocol_pdf

        return protocol_pdf(protocol_data(db, meeting_id))
    if kind == ".docx":
        from naravard_desktop.export.protocol_docx import protocol_docx
        from naravard_desktop.services.meetings.approval_check import approved_protocol_data

        return protocol_docx(approved_protocol_data(db, meeting_id))
    raise DomainError(
        _("Choose a file name ending in .pdf or .docx, not “{name}”.").format(name=suffix)
    )


def kallelse_bytes(db: Database, meeting_id: int) -> bytes:
    from naravard_desktop.export.kallelse_pdf import kallelse_pdf

    return kallelse_pdf(protocol_data(db, meeting_id))


def write_protocol(db: Database, meeting_id: int, out: Path) -> Path:
    from naravard_desktop.export.files import write_atomically

    return write_atomically(out, protocol_bytes(db, meeting_id, out.suffix))


def write_kallelse(db: Database, meeting_id: int, out: Path) -> Path:
    from naravard_desktop.export.files import write_atomically

    if out.suffix.lower() != ".pdf":
        raise DomainError(
            _("Choose a file name ending in .pdf, not “{name}”.").format(name=out.name)
        )
    return write_atomically(out, kallelse_bytes(db, meeting_id))
