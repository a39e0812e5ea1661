"""Reading a Tidsplan as people write it ("Hösten 2022", "Q2 2022", "Löpande") into a due date.

The text itself is always kept exactly as written; this module only derives the day by which
the activity should be done: the last day of the period named. Rules:

- "2024-12-31" (also "31 december 2024") → that day; "November 2024" → 2024-11-30;
  "Q2 2022" / "kvartal 2 2022" → 2022-06-30; "T1 2024" / "tertial 1 2024" → 2024-04-30;
  "Våren 2023" → 2023-06-30; "Sommaren 2023" → 2023-08-31; "Hösten 2022" → 2022-12-31;
  "2025" (or "utgången av år 2025") → 2025-12-31; "2022–2025" → 2025-12-31.
- Ongoing or open-ended phrases ("Löpande", "fortlöpande", "kontinuerligt", "årligen",
  "pågående") and dependencies ("Beroende av nationellt utvecklingsarbete") give no date.
- A period introduced as a start ("fr o m hösten 2022", "från och med 2023") is not a
  deadline and is skipped.
- **Several entries in one cell** ("2022-12-31 Delvis … 2024-12-31", "Q1/Q2 2022"): the
  **latest** date wins. Plans add a later date when a deadline is extended or a second stage
  follows, and an activity is done only when its last stage is; taking the earliest would
  mark it overdue while it is on its revised schedule.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class ScheduleKind(StrEnum):
    EMPTY = "empty"  # nothing written
    DATED = "dated"  # a due date could be derived
    ONGOING = "ongoing"  # "Löpande", "årligen": no end
    DEPENDENT = "dependent"  # "Beroende av …": waits for something else
    UNREADABLE = "unreadable"  # written, but no period recognised


@dataclass(frozen=True)
class ScheduleReading:
    """What the text says: the derived due date (or None), why, and each dated entry found."""

    due: dt.date | None
    kind: ScheduleKind
    entries: tuple[tuple[str, dt.date], ...] = ()


MONTHS = {
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "feb": 2,
    "february": 2,
    "mars": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "augusti": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
# Last month of each season as Swedish plans use them (vår = spring term, höst = autumn term).
SEASONS = {
    "våren": 6,
    "vår": 6,
    "spring": 6,
    "sommaren": 8,
    "sommar": 8,
    "summer": 8,
    "hösten": 12,
    "höst": 12,
    "autumn": 12,
    "fall": 12,
}

_YEAR = r"((?:19|20)\d{2})"
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEASON_NAMES = "|".join(sorted(SEASONS, key=len, reverse=True))
_START = r"(?:fr\.?\s*o\.?\s*m\.?|från\s+och\s+med|fr\.?\s*om|from|starting)\s+(?:under\s+)?"

_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)")
_DAY_MONTH = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({_MONTH_NAMES})\.?\s+{_YEAR}(?!\d)", re.I)
# "februari/mars 2022", "November 2024": every month named before the year.
_MONTHS_YEAR = re.compile(
    rf"\b((?:(?:{_MONTH_NAMES})\.?\s*[/–\-]\s*|(?:{_MONTH_NAMES})\.?\s+(?:och|eller)\s+)*"
    rf"(?:{_MONTH_NAMES}))\.?\s+{_YEAR}(?!\d)",
    re.I,
)
_QUARTER = re.compile(
    rf"\b((?:(?:q|kv(?:artal)?\.?\s*)[1-4]\s*[/–\-]\s*)*)(?:q|kv(?:artal)?\.?\s*)([1-4])"
    rf"\s*(?:,\s*)?(?:år\s+)?{_YEAR}(?!\d)",
    re.I,
)
_TERTIAL = re.compile(rf"\b(?:t|tertial)\s*([1-3])\s*(?:,\s*)?{_YEAR}(?!\d)", re.I)
_SEASON = re.compile(rf"\b({_SEASON_NAMES})\s+(?:år\s+)?{_YEAR}(?!\d)", re.I)
_RANGE = re.compile(rf"(?<![\d-]){_YEAR}\s*[–\-]\s*(?:{_YEAR}|(\d{{2}}))(?![\d-])")
_BARE_YEAR = re.compile(rf"(?<![\d/-]){_YEAR}(?![\d/-])")
_START_PERIOD = re.compile(
    _START
    + rf"(?:(?:{_SEASON_NAMES}|{_MONTH_NAMES}|q[1-4]|kvartal\s*[1-4])\.?\s+)?"
    + rf"{_YEAR}(?:-\d\d-\d\d)?",
    re.I,
)
_ONGOING = re.compile(
    r"\b(löpande|fortlöpande|fortl\.|kontinuerlig(?:t|a)?|årligen|varje\s+år|pågående|"
    r"pågår|ongoing|continuous(?:ly)?|annually|tills\s+vidare|vid\s+behov)\b",
    re.I,
)
_DEPENDENT = re.compile(r"\b(beroende\s+av|beror\s+på|depends\s+on|dependent\s+on)\b", re.I)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def read_schedule(text: str) -> ScheduleReading:
    """The due date a Tidsplan text names, with the entries it was derived from."""
    if not text or not text.strip():
        return ScheduleReading(None, ScheduleKind.EMPTY)
    rest = " ".join(text.split())
    # A start is not a deadline: "fortlöpande fr o m hösten 2022" has none.
    rest = _START_PERIOD.sub(" ", rest)
    entries: list[tuple[str, dt.date]] = []

    def take(pattern: re.Pattern[str], convert: Callable[[re.Match[str]], dt.date | None]) -> None:
        nonlocal rest

        def replace(match: re.Match[str]) -> str:
            day = convert(match)
            if day is None:
                return match.group(0)
            entries.append((match.group(0).strip(), day))
            return " "

        rest = pattern.sub(replace, rest)

    take(_ISO, _iso)
    take(_DAY_MONTH, _day_month)
    take(_QUARTER, _quarter)
    take(_TERTIAL, _tertial)
    take(_MONTHS_YEAR, _months_year)
    take(_SEASON, _season)
    take(_RANGE, _range)
    take(_BARE_YEAR, _bare_year)
    if entries:
        ordered = tuple(sorted(entries, key=lambda entry: entry[1]))
        return ScheduleReading(ordered[-1][1], ScheduleKind.DATED, ordered)
    if _DEPENDENT.search(text):
        return ScheduleReading(None, ScheduleKind.DEPENDENT)
    if _ONGOING.search(text):
        return ScheduleReading(None, ScheduleKind.ONGOING)
    return ScheduleReading(None, ScheduleKind.UNREADABLE)


def derive_due_date(text: str) -> dt.date | None:
    """The last day of the (latest) period the text names; None when it names none."""
    return read_schedule(text).due


def _safe(make: Callable[[], dt.date]) -> dt.date | None:
    try:
        return make()
    except ValueError:  # 2024-02-30 and the like: not a date, leave the text unread
        return None


def _iso(match: re.Match[str]) -> dt.date | None:
    year, month, day = (int(part) for part in match.groups())
    return _safe(lambda: dt.date(year, month, day))


def _day_month(match: re.Match[str]) -> dt.date | None:
    day, month, year = int(match.group(1)), MONTHS[match.group(2).lower()], int(match.group(3))
    return _safe(lambda: dt.date(year, month, day))


def _months_year(match: re.Match[str]) -> dt.date:
    names = re.findall(_MONTH_NAMES, match.group(1), re.I)
    month = max(MONTHS[name.lower()] for name in names)
    return _month_end(int(match.group(2)), month)


def _quarter(match: re.Match[str]) -> dt.date:
    earlier = [int(q) for q in re.findall(r"[1-4]", match.group(1) or "")]
    quarter = max([int(match.group(2)), *earlier])
    return _month_end(int(match.group(3)), quarter * 3)


def _tertial(match: re.Match[str]) -> dt.date:
    return _month_end(int(match.group(2)), int(match.group(1)) * 4)


def _season(match: re.Match[str]) -> dt.date:
    return _month_end(int(match.group(2)), SEASONS[match.group(1).lower()])


def _range(match: re.Match[str]) -> dt.date | None:
    start = int(match.group(1))
    end = int(match.group(2)) if match.group(2) else (start // 100) * 100 + int(match.group(3))
    if end < start:
        return None
    return dt.date(end, 12, 31)


def _bare_year(match: re.Match[str]) -> dt.date:
    return dt.date(int(match.group(1)), 12, 31)
