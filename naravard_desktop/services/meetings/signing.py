"""Digital justering of an approved protocol: the PDF with empty named signature fields for a
signing portal (export), a portal-signed PDF taken back (import), signing in the app with a
PKCS#12 file or a PKCS#11 token, and what a signed file proves (`verify`). A signed PDF is
accepted only when it is the stored approved PDF, byte for byte, plus incremental updates
that add nothing but signature fields and signatures, every signature intact. It is stored
beside the unsigned PDF (ProtocolRevision.signed_pdf)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.db.models import Meeting, Person, ProtocolRevision
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, use_language
from naravard_desktop.services.meetings import pdf_signatures as pdfsig
from naravard_desktop.services.meetings import pdf_updates
from naravard_desktop.services.meetings.approval_check import revision_problems
from naravard_desktop.services.meetings.read_models import (
    FieldsState,
    SignatureField,
    SigningStatus,
)
from naravard_desktop.services.system.database import Database

if TYPE_CHECKING:
    from pyhanko.sign.signers import Signer


def _fields(session: Session, meeting: Meeting) -> list[SignatureField]:
    def name(person_id: int | None) -> str:
        person = session.get(Person, person_id) if person_id is not None else None
        return person.name if person else ""

    with use_language(meeting.language):
        found = [
            SignatureField(
                pdfsig.SECRETARY_FIELD, _("Secretary"), name(meeting.secretary_id), False
            ),
            SignatureField(pdfsig.CHAIR_FIELD, _("Chair"), name(meeting.chair_id), True),
        ]
        adjusters: list[int | None] = [
            p for p in (meeting.adjuster1_id, meeting.adjuster2_id) if p is not None
        ]
        for field, person_id in zip(pdfsig.ADJUSTER_FIELDS, adjusters or [None], strict=False):
            found.append(SignatureField(field, _("Adjuster"), name(person_id), True))
    return found


def _approved(session: Session, meeting_id: int) -> tuple[Meeting, ProtocolRevision]:
    """The meeting and its latest approval, refused unless approved and intact."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise DomainError(_("The meeting no longer exists. Choose another meeting."))
    if meeting.state != ProtocolState.APPROVED or not meeting.protocols:
        raise DomainError(_("Only an approved protocol can be signed. Approve the protocol first."))
    row = meeting.protocols[-1]
    problems = revision_problems(session, meeting, row)
    if problems:
        raise DomainError(
            _(
                "The approved protocol no longer matches what was approved, so it cannot be "
                "signed: {problems}"
            ).format(problems=" ".join(problems))
        )
    return meeting, row


def _with_fields(meeting: Meeting, row: ProtocolRevision, fields: list[SignatureField]) -> bytes:
    if row.signed_pdf is not None:
        return row.signed_pdf
    with use_language(meeting.language):
        heading = _("Signatures")
    places = pdfsig.field_places(row.pdf, [(f.name, f.role) for f in fields], heading)
    if len(places) != len(fields):
        raise DomainError(
            _(
                "The signature block of this protocol was not found, so no signature fields "
                "can be added. Start a correction and approve the protocol again."
            )
        )
    return pdfsig.add_fields(row.pdf, places)


def export_for_signing(db: Database, meeting_id: int) -> bytes:
    """The approved PDF with an empty named field per signer (or with the signatures made so
    far), for a signing portal."""
    with db.session() as session:
        meeting, row = _approved(session, meeting_id)
        return _with_fields(meeting, row, _fields(session, meeting))


def signed_problems(stored: bytes, data: bytes) -> tuple[list[str], list[pdfsig.SignatureInfo]]:
    """Why `data` is not the stored PDF `stored` plus signatures (empty when it is), and its
    signatures."""
    problems: list[str] = []
    if not data.startswith(stored):
        return [_("The signed file does not start with the approved protocol: it was changed.")], []
    signatures = pdfsig.read_signatures(data)
    if not signatures:
        problems.append(_("The file holds no signature."))
    for signature in signatures:
        if not signature.intact:
            problems.append(
                _(
                    "The signature in the field {field} ({name}) is broken: the signed content "
                    "was changed after signing."
                ).format(field=signature.field, name=signature.signer)
            )
    if not pdf_updates.only_forms_added(data, pdf_updates.revisions_in(stored)):
        problems.append(
            _(
                "A later update of the file changes its content, not only signatures: it is not "
                "the approved protocol."
            )
        )
    return problems, signatures


def stored_signed_pdf(db: Database, meeting_id: int) -> bytes | None:
    """The signed PDF of the latest approval, when signatures have been stored."""
    with db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or not meeting.protocols:
            return None
        return meeting.protocols[-1].signed_pdf


def awaiting_signatures(session: Session, group_id: int) -> set[int]:
    """The group's approved meetings whose signing has begun but is not complete (a group
    that does not sign never begins, and its approved protocols count as justerat)."""
    found = set()
    rows = session.execute(
        select(Meeting, ProtocolRevision.signed_pdf)
        .join(ProtocolRevision, ProtocolRevision.meeting_id == Meeting.id)
        .where(
            Meeting.group_id == group_id,
            Meeting.state == ProtocolState.APPROVED,
            ProtocolRevision.signed_pdf.is_not(None),
        )
    ).all()
    for meeting, signed_pdf in rows:
        if signed_pdf is None or signed_pdf != meeting.protocols[-1].signed_pdf:
            continue  # an earlier revision's signatures
        empty = set(pdfsig.empty_fields(signed_pdf))
        if any(f.required and f.name in empty for f in _fields(session, meeting)):
            found.add(meeting.id)
    return found


def fields_state(db: Database, meeting_id: int) -> FieldsState | None:
    with db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or meeting.state != ProtocolState.APPROVED or not meeting.protocols:
            return None
        fields = _fields(session, meeting)
        signed_pdf = meeting.protocols[-1].signed_pdf
    empty = set(pdfsig.empty_fields(signed_pdf)) if signed_pdf else {f.name for f in fields}
    return FieldsState(
        signed=tuple(f for f in fields if f.name not in empty),
        signed_by=pdfsig.claimed_signers(signed_pdf) if signed_pdf else {},
        missing=tuple(f for f in fields if f.required and f.name in empty),
        open_fields=tuple(f for f in fields if f.name in empty),
    )


def status(db: Database, meeting_id: int) -> SigningStatus | None:
    """Who has signed the latest approval (None when it is not approved)."""
    with db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or meeting.state != ProtocolState.APPROVED or not meeting.protocols:
            return None
        row = meeting.protocols[-1]
        signatures = pdfsig.read_signatures(row.signed_pdf) if row.signed_pdf else []
        return SigningStatus(
            meeting.id, row.revision, tuple(_fields(session, meeting)), tuple(signatures)
        )


def _store(
    session: Session, meeting: Meeting, row: ProtocolRevision, data: bytes, apply: bool = True
) -> SigningStatus:
    if row.signed_pdf is not None and not data.startswith(row.signed_pdf):
        raise DomainError(
            _(
                "The file leaves out signatures already stored for this protocol. Export the "
                "protocol for e-signature again and have the new file signed."
            )
        )
    problems, signatures = signed_problems(row.pdf, data)
    if problems:
        raise DomainError(" ".join(problems))
    if apply:
        row.signed_pdf = data
        session.flush()
    return SigningStatus(
        meeting.id, row.revision, tuple(_fields(session, meeting)), tuple(signatures)
    )


def sign_protocol(
    db: Database,
    meeting_id: int,
    field: str,
    signer: Signer,
    when: dt.datetime | None = None,
    *,
    draw_stamp: Callable[[int, int, Sequence[str]], bytes],
) -> SigningStatus:
    """Sign one field of the approved protocol in the app (PKCS#12 or PKCS#11 signer).
    `draw_stamp(width, height, lines)` draws the visible signature (documents layer:
    documents.meeting_files.sign_protocol passes it)."""
    from naravard_desktop.i18n import format_iso_date, format_time

    with db.session() as session:
        meeting, row = _approved(session, meeting_id)
        fields = _fields(session, meeting)
        if field not in {f.name for f in fields}:
            raise DomainError(
                _("This protocol has no signature field {field}.").format(field=field)
            )
        base = _with_fields(meeting, row, fields)
        if field not in pdfsig.empty_fields(base):
            raise DomainError(
                _("The field {field} is already signed. Choose another field.").format(field=field)
            )
        moment = (when or dt.datetime.now()).astimezone()
        with use_language(meeting.language):
            lines = [
                _("Signed digitally by {name}").format(name=pdfsig.signer_name(signer)),
                f"{format_iso_date(moment.date())} {format_time(moment.time())}",
            ]
        signed = pdfsig.sign(base, field, signer, lambda w, h: draw_stamp(w, h, lines))
        return _store(session, meeting, row, signed)


def base_of(session: Session, data: bytes) -> ProtocolRevision | None:
    """The stored approval whose PDF is the start of `data`, byte for byte."""
    rows = session.execute(
        select(ProtocolRevision.id, func.length(ProtocolRevision.pdf), ProtocolRevision.sha256)
    ).all()
    for row_id, length, digest in rows:
        if length and length <= len(data) and hashlib.sha256(data[:length]).hexdigest() == digest:
            found = session.get(ProtocolRevision, row_id)
            if found is not None and data.startswith(found.pdf):
                return found
    return None


@dataclass(frozen=True)
class ImportResult:
    meeting_id: int
    held_on: dt.date
    revision: int
    status: SigningStatus


def import_signed(db: Database, data: bytes, apply: bool = True) -> ImportResult:
    """Take back a PDF signed by a portal: refused unless it is a stored approved protocol
    plus signatures only, every signature intact. `apply` False checks without storing."""
    with db.session() as session:
        base = base_of(session, data)
        if base is None:
            raise DomainError(
                _(
                    "The file is not a signed copy of any approved protocol in this database: "
                    "its start differs from every stored protocol. Import the file the portal "
                    "returned for the protocol exported from here."
                )
            )
        meeting, row = _approved(session, base.meeting_id)
        if row.id != base.id:
            raise DomainError(
                _(
                    "The file is a signed copy of revision {old}, but revision {new} is the "
                    "approved protocol now. Have revision {new} signed."
                ).format(old=base.revision, new=row.revision)
            )
        result = _store(session, meeting, row, data, apply)
        return ImportResult(meeting.id, meeting.held_on, row.revision, result)
