"""The personnummer guard for a plan file: every text the import would store (the plan title,
the revision notes, each area's title and description, each activity's title, description,
Ansvar, Tidsplan and Uppföljning), by field and spreadsheet row.

The preview (the dry run of `import plan`, the import dialog) lists what was found, masked,
as notes, so that the file can be corrected before anything is written; `apply_import`
refuses the same texts unless a reason is given (services/system/privacy.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.plan.plan_import import ImportPreview, Problem
from naravard_desktop.services.plan.plan_import_model import IdentityProblem, TitleProblem
from naravard_desktop.services.plan.plan_items import ACTIVITY_TEXTS, activity_privacy_labels
from naravard_desktop.services.system.privacy import IdentityNumber, find_identity_numbers

# plan_import.py imports this module inside its functions (it is imported from there).

PLAN_TITLE = "plan_title"
REVISIONS = "revisions"
# \d is any script's decimal digit (Unicode Nd), the characters the search turns into 0-9;
# a number has at least ten (YYMMDD, the serial and the check digit).
_DIGIT = re.compile(r"\d")
_FEWEST_DIGITS = 10


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
    are "name:row" (zero-based row) so the window can select and name them; the texts of
    one key (two areas from one heading row, one row of several sheets) are joined by lines."""
    texts: dict[str, str] = {}
    labels: dict[str, str] = {}
    for key, text, label in _texts(preview, title):
        if key in texts:
            texts[key] += "\n" + text
            continue
        texts[key] = text
        row = key.partition(":")[2]
        labels[key] = (
            "{label} ({row})".format(label=label, row=_("row {row}").format(row=int(row) + 1))
            if row
            else label
        )
    return texts, labels


def _texts(preview: ImportPreview, title: str | None) -> Iterator[tuple[str, str, str]]:
    """(key, text, label of its field) of every text the import would store, in order."""
    yield PLAN_TITLE, title or preview.plan.title, _("Plan title")
    notes = "\n".join(revision.note for revision in preview.revisions if revision.note)
    if notes:
        yield REVISIONS, notes, _("Revision note")
    for area in preview.areas:
        yield f"area:{area.row}", area.title, _("Area")
        if area.description:
            yield f"area_description:{area.row}", area.description, _("Area description")
    names = activity_privacy_labels()
    for item in preview.activities:
        for name in ACTIVITY_TEXTS:
            yield f"{name}:{item.row}", getattr(item.data, name), names[name]


def identity_problems(preview: ImportPreview, title: str | None = None) -> list[Problem]:
    """A note (not blocking) per field that holds identity numbers: where, and the numbers
    masked. The file can still be imported, with a reason.

    Each text is searched by itself: a number never spans the line that import_texts puts
    between two texts of one key, so this finds what searching the joined text would, and
    the texts with fewer than ten digits (nearly all) need no search at all."""
    found: dict[str, list[IdentityNumber]] = {}
    labels: dict[str, str] = {}
    for key, text, label in _texts(preview, title):
        found.setdefault(key, [])  # the keys in their first order, as import_texts has them
        labels.setdefault(key, label)
        if len(_DIGIT.findall(text)) >= _FEWEST_DIGITS:
            found[key].extend(find_identity_numbers(text))
    problems: list[Problem] = []
    for key, numbers in found.items():
        if not numbers:
            continue
        message = _found_message(labels[key], numbers)
        if key == PLAN_TITLE:
            problems.append(TitleProblem(0, None, message, blocking=False))
        elif key == REVISIONS:
            problems.append(RevisionProblem(0, None, message, blocking=False))
        else:
            row = int(key.partition(":")[2])
            place = preview.place("", row)
            problems.append(IdentityProblem(row, None, message, blocking=False, place=place))
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
