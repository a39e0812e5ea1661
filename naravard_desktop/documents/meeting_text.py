"""The words of a kallelse and a protocol, shared by the PDF and DOCX writers (no layout here).

Fixed phrases are English source strings translated in the document language: call these
inside `i18n.use_language(data.language)`. Texts typed by users arrive in ProtocolData as
they are; `clean()` only removes what no document format can hold (control characters).
"""

from __future__ import annotations

import datetime as dt
import re

from naravard_desktop.db.enums import MeetingKind
from naravard_desktop.i18n import (
    _,
    format_date,
    format_date_in_text,
    format_time,
    join_names,
    join_typed_names,
)
from naravard_desktop.services.meetings.meeting_labels import NEXT_MEETING, OTHER_BUSINESS
from naravard_desktop.services.meetings.protocol_model import (
    ActionLine,
    ItemLine,
    ProtocolData,
    SignatureLine,
)

# C0/C1 control characters except tab and newline, lone surrogates and non-characters:
# invalid in XML (DOCX), noise in a PDF.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text with Unix line ends, tabs as spaces and no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


def blocks(text: str) -> list[list[str]]:
    """Notes as paragraphs (split at blank lines), each a list of its lines, as typed."""
    result: list[list[str]] = []
    for block in re.split(r"\n[ \u00a0]*\n", clean(text).strip("\n")):
        lines = [line.rstrip() for line in block.split("\n")]
        if any(lines):
            result.append(lines)
    return result


def meeting_label(data: ProtocolData) -> str:
    """ "Möte 2024:3" or "Extra möte 2024:4"."""
    if data.kind is MeetingKind.EXTRA:
        return _("Extra meeting {number}").format(number=data.meeting_number)
    return _("Meeting {number}").format(number=data.meeting_number)


def long_date(value: dt.date) -> str:
    return format_date(value, "long")


def time_range(data: ProtocolData, *, planned: bool = False) -> str:
    """ "kl. 13.00–15.30", "kl. 13.00", or "" when the meeting has no time. With `planned`
    (the kallelse), a meeting without an end time ends when its agenda's planned minutes do."""
    end = planned_end(data) if planned else data.ends_at
    return _times(data.starts_at, end)


def _times(start: dt.time | None, end: dt.time | None) -> str:
    if start and end:
        return _("{start}–{end}").format(start=format_time(start), end=format_time(end))
    if start:
        return _("at {start}").format(start=format_time(start))
    return ""


def agenda_end(data: ProtocolData) -> dt.time | None:
    """When the last agenda item is planned to end: its start plus its planned minutes."""
    if not data.items:
        return None
    last = data.items[-1]
    if last.planned_start is None or last.planned_minutes is None:
        return None
    start = dt.datetime.combine(data.held_on, last.planned_start)
    return (start + dt.timedelta(minutes=last.planned_minutes)).time()


def planned_end(data: ProtocolData) -> dt.time | None:
    """The end a kallelse announces: the end time set for the meeting, else the agenda's."""
    return data.ends_at or agenda_end(data)


def paragraph_range(data: ProtocolData) -> str:
    bounds = data.paragraph_range
    if bounds is None:
        return ""
    first, last = bounds
    return f"§ {first}" if first == last else f"§§ {first}–{last}"


def action_parts(action: ActionLine) -> list[str]:
    """ "Ta fram rutin", "Sara Holm", "2024-06-30" (only the parts that are set)."""
    parts = [clean(action.what)]
    if action.who:
        parts.append(clean(action.who))
    if action.due_on:
        parts.append(action.due_on.isoformat())
    return parts


def action_text(action: ActionLine) -> str:
    """ "what — who — 2024-06-30", with "(klar)" when done."""
    text = " — ".join(action_parts(action))
    if action.done:
        text = _("{text} (done)").format(text=text)
    return text


def action_origin(action: ActionLine) -> str:
    """ "från mötet den 12 april 2024, § 7" for an item carried from an earlier meeting."""
    if action.from_meeting_on and action.from_paragraph is not None:
        return _("from the meeting {date}, § {paragraph}").format(
            date=format_date_in_text(action.from_meeting_on), paragraph=action.from_paragraph
        )
    if action.from_meeting_on:
        return _("from the meeting {date}").format(date=format_date_in_text(action.from_meeting_on))
    if action.from_paragraph is not None:
        return _("from § {paragraph}").format(paragraph=action.from_paragraph)
    return ""


def carried_text(action: ActionLine) -> str:
    origin = action_origin(action)
    return f"{action_text(action)} ({origin})" if origin else action_text(action)


def attachments_text(titles: tuple[str, ...]) -> str:
    return _("Attachments: {titles}").format(titles="; ".join(clean(t) for t in titles))


def presenter_text(name: str) -> str:
    return _("Presenter: {name}").format(name=clean(name))


def revision_text(data: ProtocolData) -> str:
    """ "Rättelse, revision 2: <reason>" for a corrected protocol, else ""."""
    if data.revision <= 1:
        return ""
    if data.correction_reason:
        return _("Correction, revision {revision}: {reason}").format(
            revision=data.revision, reason=clean(data.correction_reason)
        )
    return _("Correction, revision {revision}").format(revision=data.revision)


def draft_mark() -> str:
    """ "UTKAST – ej justerat": on every page of a protocol that is not approved."""
    return _("DRAFT – not approved")


def is_draft(data: ProtocolData) -> bool:
    """A protocol that is not approved: marked as a draft on every page and in its title."""
    return not data.approved


def protocol_document_title(data: ProtocolData) -> str:
    """The title in a protocol's metadata: "UTKAST – ej justerat: Protokoll …" for a draft."""
    if is_draft(data):
        return _("DRAFT – not approved: {title}").format(title=protocol_title(data))
    return protocol_title(data)


def _of_group_on_day(text: str, data: ProtocolData) -> str:
    """`text` (translated, with {group} and {date}) for this group and meeting day."""
    return text.format(group=clean(data.group_name), date=long_date(data.held_on))


def protocol_title(data: ProtocolData) -> str:
    """Document title for metadata: "Protokoll Lokal samverkansgrupp Bergsjö 17 maj 2024"."""
    return _of_group_on_day(_("Protocol {group} {date}"), data)


def protocol_subject(data: ProtocolData) -> str:
    return _("Protocol of meeting {number}, {paragraphs}").format(
        number=data.meeting_number, paragraphs=paragraph_range(data)
    )


def protocol_footer(data: ProtocolData) -> str:
    text = _of_group_on_day(_("{group} · Protocol {date}"), data)
    if data.chain_code:
        text += " · " + _("Previous approval {code}").format(code=data.chain_code)
    return text


def kallelse_title(data: ProtocolData) -> str:
    return _of_group_on_day(_("Notice of meeting {group} {date}"), data)


def kallelse_footer(data: ProtocolData) -> str:
    return _of_group_on_day(_("{group} · Notice of meeting {date}"), data)


def running_label(kind: str, data: ProtocolData) -> str:
    """The small heading atop every page after the first: "Protokoll · Möte 2024:3 · 17 maj
    2024" (`kind` translated)."""
    return " · ".join((kind, meeting_label(data), long_date(data.held_on)))


def signatures(data: ProtocolData) -> list[SignatureLine]:
    """The signature block: as given, or Sekreterare, Ordförande and each Justerare."""
    if data.signatures:
        return [SignatureLine(clean(s.role_label), clean(s.name)) for s in data.signatures]
    lines = [
        SignatureLine(_("Secretary"), clean(data.secretary)),
        SignatureLine(_("Chair"), clean(data.chair)),
    ]
    lines += [SignatureLine(_("Adjuster"), clean(name)) for name in data.adjusters]
    if not data.adjusters:
        lines.append(SignatureLine(_("Adjuster"), ""))
    return lines


def approval_text(data: ProtocolData) -> str:
    """ "Justerat den 24 maj 2024 av Anna Berg, Erik Lund och Maja Fors." once approved (the
    names as typed, commas joined with "och"; else the chair and the adjusters), a line to
    fill in by hand ("Justeringsdatum: ____") before."""
    if data.approved and data.approved_on:
        by = join_typed_names(clean(data.approved_by)) or join_names(
            clean(name) for name in (data.chair, *data.adjusters)
        )
        when = format_date_in_text(data.approved_on)
        if by:
            return _("Approved {date} by {names}.").format(date=when, names=by)
        return _("Approved {date}.").format(date=when)
    return _("Date of approval: {date}").format(date="_" * 24)


def absence_contact(data: ProtocolData) -> str:
    """ "Förhinder anmäls till Lisa Nord, lisa.nord@…, tfn 0640-127 11." or ""."""
    if not data.secretary:
        return ""
    contact = [clean(data.secretary_email).strip()]
    phone = clean(data.secretary_phone).strip()
    if phone:
        contact.append(_("phone {number}").format(number=phone))
    contact = [part for part in contact if part]
    if not contact:
        return _("Please report any absence to {name}.").format(name=clean(data.secretary))
    return _("Please report any absence to {name}, {contact}.").format(
        name=clean(data.secretary), contact=", ".join(contact)
    )


def standard_item_text(item: ItemLine, data: ProtocolData) -> str:
    """What the protocol adds to a standard item: the next planned meeting under "Nästa
    möte", "Inga övriga frågor." under an empty "Övriga frågor" of a held meeting."""
    if item.standard_key == NEXT_MEETING and data.next_meeting is not None:
        upcoming = data.next_meeting
        parts = [
            format_date_in_text(upcoming.held_on),
            _times(upcoming.starts_at, upcoming.ends_at),
            clean(upcoming.place).strip(),
        ]
        return _("The next meeting is held {when}.").format(
            when=", ".join(part for part in parts if part)
        )
    if item.standard_key == OTHER_BUSINESS and data.held:
        empty = not (item.notes.strip() or item.decision.strip() or item.actions)
        if empty and not (item.attachments or item.carried_actions):
            return _("No other business.")
    return ""
