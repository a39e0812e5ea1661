"""How real plans are laid out, read from their text: numbering ("1.", "1 a)", "a)", "1.1"),
bullet lists inside one cell, and the lines above the table (the title, "Gäller från och med
2021-09-24, reviderad 2022-03-14, 2024-02-09 (Beslut i Fredagsgruppen)", label/value rows
as our own exports write them).

Plain functions on text and rows; services/plan/plan_import_rows.py decides with them what each
row of a sheet is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from naravard_desktop.db.enums import PlanState
from naravard_desktop.services.plan.read_models import RevisionInput
from naravard_desktop.services.plan.schedule import MONTHS
from naravard_desktop.services.system.spreadsheets import CellValue, excel_serial_to_date

# --- numbering ----------------------------------------------------------------------------

_LETTER = "a-zåäö"
_TOP = re.compile(r"^(\d{1,2})[.)]?$")
_SUB = re.compile(rf"^(\d{{1,2}})\s*([{_LETTER}])\)?$", re.I)  # "1 a)", "1a", "1 a"
_LETTER_ONLY = re.compile(rf"^([{_LETTER}])\)$", re.I)  # "a)"
_DECIMAL = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.\d{1,2})*\.?$")  # "1.1", "1.1."
_LEADING = re.compile(
    rf"^\s*(\d{{1,2}}\s*[{_LETTER}]\)|\d{{1,2}}[{_LETTER}]\)?|\d{{1,2}}\.\d{{1,2}}(?:\.\d{{1,2}})*\.?"
    rf"|\d{{1,2}}[.)]|\d{{1,2}}|[{_LETTER}]\))[.:]?\s+(\S.*)$",
    re.I | re.S,
)


@dataclass(frozen=True)
class Numbering:
    """What a number says about where an area belongs: `lead` is the number of the area it
    belongs under ("1" for "1 a)" and "1.2"), None for a top area; `sub` is True for a
    sub-area whose parent is not named ("a)": under the area before it)."""

    number: str  # as it is kept: "1", "a)", "1.2"
    lead: str | None = None
    sub: bool = False


def parse_number(text: str) -> Numbering | None:
    """ "1", "1." and "1)" → area 1; "1 a)", "1a" → sub-area a) of area 1; "a)" → a
    sub-area of the area before; "1.1" → sub-area 1.1 of area 1. None when it is no number."""
    text = " ".join(text.split())
    if match := _TOP.match(text):
        return Numbering(match.group(1))
    if match := _SUB.match(text):
        return Numbering(match.group(2).lower() + ")", match.group(1), True)
    if match := _LETTER_ONLY.match(text):
        return Numbering(match.group(1).lower() + ")", None, True)
    if match := _DECIMAL.match(text):
        return Numbering(text.rstrip("."), match.group(1), True)
    return None


def split_number(text: str) -> tuple[Numbering | None, str]:
    """ "1. Personcentrerat arbetssätt" → (area 1, "Personcentrerat arbetssätt")."""
    match = _LEADING.match(text)
    if match:
        numbering = parse_number(match.group(1))
        if numbering is not None:
            return numbering, match.group(2).strip()
    return None, text.strip()


# --- bullets ------------------------------------------------------------------------------

BULLETS = "•●◦▪▫‣∙·○■□➢➤►✓-–—*"
_BULLET = re.compile(rf"^\s*[{re.escape(BULLETS)}]\s*")


def bullet_lines(text: str) -> tuple[list[str], bool]:
    """The items of a cell holding a list, and whether every line is a bullet. A line that
    does not start with a bullet continues the item before it (or is an item of its own at
    the start). Fewer than two items: no list."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return [], False
    marked = [bool(_BULLET.match(line)) for line in lines]
    if not any(marked):
        return [], False
    items: list[str] = []
    for line, bullet in zip(lines, marked, strict=True):
        if bullet or not items:
            items.append(_BULLET.sub("", line, count=1).strip())
        else:
            items[-1] += "\n" + line.strip()
    items = [item for item in items if item]
    return (items, all(marked)) if len(items) >= 2 else ([], False)


def strip_bullet(text: str) -> str:
    """ "- Ett uppdrag tas fram" (a list of one) → "Ett uppdrag tas fram"."""
    if "\n" in text.strip():
        return text
    return _BULLET.sub("", text, count=1).strip() or text


# --- dates and the lines above the table --------------------------------------------------

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"(\d{1,2})\s+([a-zåäö]{3,9})\.?\s+(\d{4})", re.I)
_DATE = re.compile(rf"{_ISO.pattern}|{_WORDS.pattern}", re.I)
_VALID_FROM = re.compile(
    r"\b(?:gäller|giltig[t]?|valid)\s+(?:från\s+och\s+med|fr\.?\s*o\.?\s*m\.?|från|from|as\s+of)?",
    re.I,
)
_VALID_TO = re.compile(r"\b(?:till\s+och\s+med|t\.?\s*o\.?\s*m\.?|till|to|until)\b", re.I)
_REVISED = re.compile(r"\b(?:reviderad|reviderat|reviderade|revised|revision)\b", re.I)
_ADOPTED = re.compile(r"\b(?:fastställd|fastställt|beslutad|antagen|adopted)\b", re.I)

# Label/value rows (the sheet "Om planen", or above the table of our CSV export).
META_KEYS = {
    "titel": "title",
    "title": "title",
    "giltig från": "valid_from",
    "valid from": "valid_from",
    "giltig till": "valid_to",
    "valid to": "valid_to",
    "läge": "state",
    "state": "state",
    "reviderad": "revised",
    "revised": "revised",
}


APPROVAL_LABELS = (  # an approval block under the table: the label, then a name or date
    "godkänt av",
    "godkänd av",
    "beslutat av",
    "beslutad av",
    "fastställt av",
    "fastställd av",
    "giltigt fr o m",
    "giltig fr o m",
    "giltigt fr.o.m.",
    "giltig fr.o.m.",
    "underskrift",
    "approved by",
)


def norm(text: str) -> str:
    return " ".join(text.replace("\n", " ").split()).lower().rstrip(":")


def as_date(value: CellValue) -> dt.date | None:
    """A date cell, an Excel day number, "2024-02-09" or "9 februari 2024"."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 < value < 2958466:
        return excel_serial_to_date(float(value))
    if isinstance(value, str):
        found = dates_in(value)
        if len(found) == 1 and len(value.strip()) <= 20:
            return found[0][1]
    return None


def dates_in(text: str) -> list[tuple[int, dt.date]]:
    """Each date written in the text, with where it starts."""
    found: list[tuple[int, dt.date]] = []
    for match in _DATE.finditer(text):
        try:
            if match.group(1):
                day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            else:
                month = MONTHS.get(match.group(5).lower())
                if month is None:
                    continue
                day = dt.date(int(match.group(6)), month, int(match.group(4)))
        except ValueError:
            continue
        found.append((match.start(), day))
    return found


@dataclass
class TitleBlock:
    """What the lines above the table say about the plan, and the rows that said it."""

    title: str = ""
    title_row: int | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    state: PlanState | None = None
    revisions: list[RevisionInput] = field(default_factory=list)
    used: dict[int, str] = field(default_factory=dict)  # row → what it gave ("title", …)
    skipped: list[int] = field(default_factory=list)
    labelled: bool = False  # label/value rows, as our own exports write them

    def read_row(self, index: int, row: list[CellValue], *, may_title: bool = True) -> None:
        """One row above the table (or of "Om planen"); `may_title` is False for a Word
        document's ordinary paragraphs (its title is its first heading)."""
        texts = distinct(row)
        if not texts:
            return
        key = META_KEYS.get(norm(texts[0])) if isinstance(row[0], str) else None
        if key is not None and (len(row) > 1 or key != "title"):
            self._label_value(index, key, row)
        elif self._dated_line(index, " ".join(texts)):
            pass
        elif may_title and not self.title and not _only_dates(texts) and not _is_label(texts):
            self.title, self.title_row = " ".join(" ".join(texts).split()), index
            self.used[index] = "title"
        else:
            self.skipped.append(index)

    def _label_value(self, index: int, key: str, row: list[CellValue]) -> None:
        value = next((v for v in row[1:] if v is not None), None)
        self.labelled = True
        if value is None:
            pass
        elif key == "title":
            self.title, self.title_row = str(value).strip(), index
        elif key in ("valid_from", "valid_to"):
            setattr(self, key, as_date(value))
        elif key == "state":
            adopted = norm(str(value)) in ("fastställd", "adopted")
            self.state = PlanState.ADOPTED if adopted else PlanState.DRAFT
        elif key == "revised" and (day := as_date(row[1] if len(row) > 1 else None)):
            note = row[2] if len(row) > 2 and row[2] is not None else ""
            self.revisions.append(RevisionInput(day, str(note).strip()))
        self.used[index] = key

    def _dated_line(self, index: int, text: str) -> bool:
        """ "Gäller från och med 2021-09-24, reviderad 2022-03-14, 2024-02-09 (Beslut i
        Fredagsgruppen)": validity and revisions; False when the line says neither."""
        found = dates_in(text)
        if not found:
            return False
        revised = _REVISED.search(text)
        valid = _VALID_FROM.search(text)
        if not revised and not valid:
            return False
        cut = revised.start() if revised else len(text)
        end = 0  # where the date before ends
        for start, day in found:
            if start >= cut:
                continue
            between = text[end:start]
            ranged = _VALID_TO.search(between) or between.strip() in ("–", "-", "—")
            if valid and self.valid_from and end and ranged:
                self.valid_to = day  # "… 2024-01-01 till 2025-12-31", "… 2024-01-01 – 2025-12-31"
            elif valid and start > valid.start():
                self.valid_from = self.valid_from or day
            written = _DATE.match(text, start)
            end = written.end() if written else start
        if revised:
            later = [(start, day) for start, day in found if start > revised.start()]
            for number, (start, day) in enumerate(later):
                end = later[number + 1][0] if number + 1 < len(later) else len(text)
                note = text[start:end]
                written = _DATE.match(note)
                note = note[written.end() if written else 0 :]
                note = note.strip(" ,;.").strip()
                if note.startswith("(") and note.endswith(")"):
                    note = note[1:-1].strip()
                self.revisions.append(RevisionInput(day, note))
        if _ADOPTED.search(text[:cut]):
            self.state = PlanState.ADOPTED
        self.used[index] = "dates"
        return True


def _only_dates(texts: list[str]) -> bool:
    joined = " ".join(texts)
    return bool(dates_in(joined)) and len(_DATE.sub("", joined).strip(" ,.;-–")) < 3


_LABELS = ("datum", "date", "diarienummer", "dnr", "bilaga", "version", "sida", "page")


def _is_label(texts: list[str]) -> bool:
    return len(texts) == 1 and norm(texts[0]).split(" ")[0] in _LABELS


def distinct(row: list[CellValue]) -> list[str]:
    """The texts of a row once each, in order: a merged range repeats its value."""
    seen: list[str] = []
    for value in row:
        if value is None:
            continue
        text = cell_text(value)
        if text and text not in seen:
            seen.append(text)
    return seen


def cell_text(value: CellValue, *, schedule: bool = False) -> str:
    """A cell as text: dates as YYYY-MM-DD, whole numbers without decimals; in a schedule a
    number that is an Excel day (a date typed without a date format) becomes that date."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if float(value).is_integer():
            whole = int(value)
            if schedule and 20000 <= whole <= 80000:
                return excel_serial_to_date(whole).isoformat()
            return str(whole)
        return str(value)
    return value.strip()
