"""Who is called to a meeting and who was there, and the facts under the header of a
kallelse or a protocol (date, time, place, the people, adjusters, §§): PDF and DOCX alike.

Call these inside `i18n.use_language(data.language)`, as for `meeting_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from naravard_desktop.db.enums import AttendanceStatus, Principal, Role
from naravard_desktop.documents.meeting_text import clean, long_date, paragraph_range, time_range
from naravard_desktop.i18n import N_, _, join_names
from naravard_desktop.services.meetings.protocol_model import AttendeeLine, ProtocolData

_PRINCIPAL_WORDS = {
    Principal.REGION: N_("region"),
    Principal.MUNICIPALITY: N_("municipality"),
    Principal.JOINT: N_("joint"),
}

# An absence note that already says the person sent apologies ("Anmält förhinder").
_APOLOGIES = re.compile(r"förhinder|apolog", re.IGNORECASE)

FactRow = tuple[str, list[str] | str, bool]  # label, value(s), indented sub-row


def partial_attendance(line: AttendeeLine) -> str:
    """ "§ 14–15", "från § 5", "till och med § 9" or ""."""
    first, last = line.from_paragraph, line.to_paragraph
    if first is not None and last is not None:
        return f"§ {first}" if first == last else f"§ {first}–{last}"
    if first is not None:
        return _("from § {paragraph}").format(paragraph=first)
    if last is not None:
        return _("until § {paragraph}").format(paragraph=last)
    return ""


def principal_word(line: AttendeeLine) -> str:
    """ "kommun", "region"; for other principals the organisation, if any."""
    if line.principal in _PRINCIPAL_WORDS:
        return _(_PRINCIPAL_WORDS[line.principal])
    return clean(line.organisation)


@dataclass(frozen=True)
class Attendance:
    """The attendance lists of a protocol, each entry already written out."""

    members: list[str]
    substitutes: list[str]
    others: list[str]
    absent: list[str]


@dataclass(frozen=True)
class Invited:
    """Who a kallelse goes to: members and substitutes, then others (secretary, guests)."""

    members: list[str]
    substitutes: list[str]
    others: list[str]


def _role_word(line: AttendeeLine, data: ProtocolData) -> str:
    if line.name == data.chair or (not data.chair and line.role is Role.CHAIR):
        return _("chair")
    if line.name == data.secretary or (not data.secretary and line.role is Role.SECRETARY):
        return _("secretary")
    if line.role is Role.VICE_CHAIR:
        return _("vice chair")
    if line.status is AttendanceStatus.COOPTED or line.role is Role.COOPTED:
        return _("co-opted")
    return ""


def _entry(line: AttendeeLine, data: ProtocolData, *, with_principal: bool = True) -> str:
    """ "Anna Berg, ordförande (kommun)", "Sara Holm (region), tjänstgörande ersättare för
    Per Ek", "Jonas Ås, adjungerad, § 14–15", "Karin Vik, Bergsjö hälsocentral, från § 16"."""
    text = clean(line.name)
    role = _role_word(line, data)
    if role:
        text = f"{text}, {role}"
    if line.status is AttendanceStatus.GUEST or line.role is None:
        if line.organisation:
            text = f"{text}, {clean(line.organisation)}"
    elif with_principal:
        principal = principal_word(line)
        if principal:
            text = f"{text} ({principal})"
    if line.status is AttendanceStatus.SUBSTITUTE and line.substitute_for:
        serving = _("serving substitute for {member}").format(member=clean(line.substitute_for))
        text = f"{text}, {serving}"
    partial = partial_attendance(line)
    if partial:
        text = f"{text}, {partial}"
    if line.note:
        text = f"{text}; {clean(line.note)}"
    return text


def _is_substitute(line: AttendeeLine) -> bool:
    return line.status is AttendanceStatus.SUBSTITUTE or line.role is Role.SUBSTITUTE


def _is_other(line: AttendeeLine, data: ProtocolData) -> bool:
    """Present but not deciding: the secretary, co-opted members and guests."""
    if line.status in (AttendanceStatus.COOPTED, AttendanceStatus.GUEST):
        return True
    return line.role in (Role.SECRETARY, Role.COOPTED, None) or (
        bool(data.secretary) and line.name == data.secretary and line.role is not Role.CHAIR
    )


def _add_outside_secretary(others: list[str], data: ProtocolData) -> None:
    """A secretary who is not among the attendees heads the others all the same."""
    if data.secretary and all(line.name != data.secretary for line in data.attendees):
        others.insert(0, ", ".join((clean(data.secretary), _("secretary"))))


def attendance(data: ProtocolData) -> Attendance:
    """Who was there, as the protocol lists them (Ledamöter, Ersättare, Övriga, Frånvarande)."""
    people = Attendance([], [], [], [])
    for line in data.attendees:
        if line.status is AttendanceStatus.ABSENT:
            people.absent.append(_entry(line, data))
        elif _is_substitute(line):
            people.substitutes.append(_entry(line, data))
        elif _is_other(line, data):
            people.others.append(_entry(line, data, with_principal=False))
        else:
            people.members.append(_entry(line, data))
    _add_outside_secretary(people.others, data)
    return people


def invited(data: ProtocolData) -> Invited:
    """Who a kallelse goes to; an absence already known is written beside the name."""
    people = Invited([], [], [])
    for line in data.attendees:
        entry = _entry(line, data, with_principal=not _is_other(line, data))
        if line.status is AttendanceStatus.ABSENT and not _APOLOGIES.search(line.note):
            entry = _("{entry} (has sent apologies)").format(entry=entry)
        if _is_substitute(line):
            people.substitutes.append(entry)
        elif _is_other(line, data):
            people.others.append(entry)
        else:
            people.members.append(entry)
    _add_outside_secretary(people.others, data)
    return people


def attendance_heading(data: ProtocolData) -> str:
    """ "Närvarande" in a protocol; "Kallade" while the meeting has not been held."""
    return _("Present") if data.held else _("Invited")


def _when_and_where(data: ProtocolData, *, planned: bool) -> list[FactRow]:
    rows: list[FactRow] = [(_("Date"), long_date(data.held_on), False)]
    when = time_range(data, planned=planned)
    if when:
        rows.append((_("Time"), when, False))
    rows.append((_("Place"), data.place, False))
    return rows


def _people(
    members: list[str], substitutes: list[str], others: list[str], others_label: str
) -> list[FactRow]:
    rows: list[FactRow] = [(_("Members"), members or "–", True)]
    if substitutes:
        rows.append((_("Substitutes"), substitutes, True))
    if others:
        rows.append((others_label, others, True))
    return rows


def _called(data: ProtocolData) -> list[FactRow]:
    called = invited(data)
    return _people(called.members, called.substitutes, called.others, _("Others"))


def kallelse_facts(data: ProtocolData) -> list[FactRow]:
    """The facts under a kallelse's header: date, the planned time, place and who is called."""
    return [*_when_and_where(data, planned=True), (_("Invited"), "", False), *_called(data)]


def protocol_facts(data: ProtocolData) -> list[FactRow]:
    """The facts under a protocol's header (PDF and DOCX alike): date, time, place, who was
    present or absent, or, for a meeting not yet held, who is called; adjusters and §§."""
    rows = [*_when_and_where(data, planned=False), (attendance_heading(data), "", False)]
    if not data.held:  # who is called; who comes is not known yet
        rows += _called(data)
    else:
        present = attendance(data)
        rows += _people(present.members, present.substitutes, present.others, _("Others present"))
        if present.absent:
            rows.append((_("Absent"), present.absent, False))
    if data.adjusters:
        rows.append((_("Adjusters"), join_names(clean(name) for name in data.adjusters), False))
    paragraphs = paragraph_range(data)
    if paragraphs:
        rows.append((_("Paragraphs"), paragraphs, False))
    return rows
