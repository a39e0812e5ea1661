"""`verify FILE.pdf`: whether a file is an approved protocol of this database, unsigned
(byte for byte the stored PDF) or signed (the stored PDF plus signatures only), and for a
signed file each signature: who, when, intact or not, and how much of the file it covers."""

from __future__ import annotations

from dataclasses import dataclass

from naravard_desktop.i18n import _, format_date_in_text, format_time
from naravard_desktop.services.meetings import approval
from naravard_desktop.services.meetings.approval_record import protocol_named
from naravard_desktop.services.system.database import Database


@dataclass(frozen=True)
class FileVerification:
    ok: bool
    lines: tuple[str, ...]


def signature_line(info: object) -> str:
    from naravard_desktop.services.meetings.pdf_signatures import SignatureInfo

    assert isinstance(info, SignatureInfo)
    when = (
        _("signed {date} {time}").format(
            date=format_date_in_text(info.signed_at.astimezone().date()),
            time=format_time(info.signed_at.astimezone().time()),
        )
        if info.signed_at
        else _("no signing time")
    )
    parts = [
        _("Signature in the field {field}: {name}, {when}").format(
            field=info.field, name=info.signer or info.subject, when=when
        ),
        _("intact") if info.intact else _("BROKEN (the signed content was changed)"),
        _("covers the whole file")
        if info.whole_file
        else _("covers an earlier version of the file"),
        _("issuer trusted") if info.trusted else _("issuer not known here (checked offline)"),
    ]
    return "; ".join(parts) + "."


def verify_file(db: Database, data: bytes) -> FileVerification:
    plain = approval.verify_pdf(db, data)
    if plain is not None or b"/ByteRange" not in data:
        lines = [approval.describe_verification(plain)]
        if plain is None:
            lines += _genuine_but_replaced(db, data)
        return FileVerification(plain is not None and not plain.problems, tuple(lines))
    from naravard_desktop.services.meetings import signing
    from naravard_desktop.services.meetings.approval_check import revision_problems

    with db.session() as session:
        base = signing.base_of(session, data)
        found = None
        if base is not None:
            found = approval.verify_pdf(db, base.pdf)
            problems, signatures = signing.signed_problems(base.pdf, data)
        else:
            from naravard_desktop.services.meetings.pdf_signatures import read_signatures

            problems, signatures = [], read_signatures(data)
        if base is not None:
            meeting = base.meeting
            problems += revision_problems(session, meeting, base)
    lines = [signature_line(s) for s in signatures]
    if found is None:
        lines.append(_("The unsigned content is NOT any approved protocol in this database."))
        return FileVerification(False, tuple(lines))
    lines.insert(
        0,
        _(
            "The file is the approved protocol of {group}, meeting {date} (id {id}), revision "
            "{revision}, with signatures added."
        ).format(
            **protocol_named(found.group_name, found.held_on, found.meeting_id, found.revision)
        ),
    )
    lines += problems
    return FileVerification(not problems and all(s.intact for s in signatures), tuple(lines))


def _genuine_but_replaced(db: Database, data: bytes) -> list[str]:
    """When the approval record was made for this very file but the stored copy differs:
    the file is the protocol as approved, and the database was altered (exit stays 1)."""
    from naravard_desktop.services.meetings.approval_check import vouched_by_record

    vouched = vouched_by_record(db, approval.sha256_of(data))
    if vouched is None:
        return []
    return [
        _(
            "But the approval record of the meeting {date} (id {id}, revision {revision}) was "
            "made for exactly this file: it is the protocol as approved, and the copy stored "
            "in the database was replaced afterwards. Keep this file and run `check`."
        ).format(
            date=format_date_in_text(vouched.held_on),
            id=vouched.meeting_id,
            revision=vouched.revision,
        )
    ]
