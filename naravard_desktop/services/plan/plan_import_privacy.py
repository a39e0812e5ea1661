"""The personnummer guard for a plan file: every text the import would store (the plan title,
the revision notes, each area's title and description, each activity's title, description,
Ansvar, Tidsplan and Uppföljning), by field and spreadsheet row.

The preview (the dry run of `import plan`, the import dialog) lists what was found, masked,
as notes, so that the file can be corrected before anything is written; `apply_import`
refuses the same texts unless a reason is given (services/system/privacy.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.plan.plan_import import ImportPreview, Problem
from naravard_desktop.services.plan.plan_import_model import IdentityProblem, TitleProblem
from naravard_desktop.services.plan.plan_items import ACTIVITY_TEXTS, activity_privacy_labels
from naravard_desktop.services.system.privacy import IdentityNumber, find_identity_numbers

# plan_import.py imports this module inside its functions (it is imported from there).

PLAN_TITLE = "plan_title"
REVISIONS = "revisions"


@dataclass(frozen=True)
class RevisionProblem(IdentityProblem):
    """About the notes of the revision history (above the table or on "Om planen")."""

    @property
    def where(self) -> str:
        return _("Revision note")


def import_texts(
    preview: ImportPreview, title: str | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """Field key → text, and field key → what the user calls it ("Ansvarig (rad 4)"). Keys
    are "name:row" (zero-based row) so the window can select and name them."""
    texts: dict[str, str] = {PLAN_TITLE: title or preview.plan.title}
    labels: dict[str, str] = {PLAN_TITLE: _("Plan title")}
    notes = "\n".join(revision.note for revision in preview.revisions if revision.note)
    if notes:
        texts[REVISIONS], labels[REVISIONS] = notes, _("Revision note")

    def add(name: str, row: int, text: str, label: str) -> None:
        key = f"{name}:{row}"
        if key in texts:  # two areas from one heading row: the texts differ, keep both
            texts[key] += "\n" + text
            return
        texts[key] = text
        labels[key] = "{label} ({row})".format(label=label, row=_("row {row}").format(row=row + 1))

    for area in preview.areas:
        add("area", area.row, area.title, _("Area"))
        if area.description:
            add("area_description", area.row, area.description, _("Area description"))
    names = activity_privacy_labels()
    for item in preview.activities:
        for name in ACTIVITY_TEXTS:
            add(name, item.row, getattr(item.data, name), names[name])
    return texts, labels


def identity_problems(preview: ImportPreview, title: str | None = None) -> list[Problem]:
    """A note (not blocking) per field that holds identity numbers: where, and the numbers
    masked. The file can still be imported, with a reason."""
    texts, _labels = import_texts(preview, title)
    names = {
        **activity_privacy_labels(),
        REVISIONS: _("Revision note"),
        "area": _("Area"),
        "area_description": _("Area description"),
    }
    problems: list[Problem] = []
    for key, text in texts.items():
        found = find_identity_numbers(text)
        if not found:
            continue
        name, _sep, row = key.partition(":")
        message = _found_message(
            _("Plan title") if key == PLAN_TITLE else names.get(name, name), found
        )
        if key == PLAN_TITLE:
            problems.append(TitleProblem(0, None, message, blocking=False))
        elif key == REVISIONS:
            problems.append(RevisionProblem(0, None, message, blocking=False))
        else:
            place = preview.place("", int(row))
            problems.append(IdentityProblem(int(row), None, message, blocking=False, place=place))
    return problems


def title_problems(title: str) -> list[Problem]:
    """The note for a title given instead of the file's (`import plan --title`)."""
    found = find_identity_numbers(title)
    if not found:
        return []
    return [TitleProblem(0, None, _found_message(_("Plan title"), found), blocking=False)]


def _found_message(field: str, found: list[IdentityNumber]) -> str:
    return ngettext(
        "{field} seems to contain {count} personal identity number ({numbers}).",
        "{field} seems to contain {count} personal identity numbers ({numbers}).",
        len(found),
    ).format(
        field=field,
        count=len(found),
        numbers=", ".join(number.masked for number in found[:3]),
    )
