"""Privacy guard: free text that looks like it holds a Swedish personal identity number.

Protocols, decisions and plans are about how care is organised, never about one patient. A
personnummer (or samordningsnummer: day of birth + 60) typed into a note by mistake would end
up in a public protocol, so services refuse such text with `PrivacyWarning` unless the caller
gives a reason to keep it (`privacy_override`). The reason is written to the app log together
with where the text was saved (never the number itself): the schema has no column for it.

Recognised: YYMMDD-NNNC, YYMMDD+NNNC, YYMMDDNNNC, YYYYMMDD-NNNC and YYYYMMDDNNNC, with a real
calendar date (or date + 60) and a correct Luhn check digit. Not recognised, on purpose: a
10-digit run starting with 0 and no separator (that is how phone numbers are written), digits
inside a longer number, a code with slashes ("HSN/156/2021") or a decimal amount.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.validation import clean_line

log = logging.getLogger(__name__)

REASON_LIMIT = 500

_NUMBER = re.compile(
    r"(?<![\w/\\])(?<!\d[.,])(?<!\d[-+–])"  # not inside a longer number, code or amount
    r"(?P<century>19|20)?(?P<yy>[0-9]{2})(?P<mm>[0-9]{2})(?P<dd>[0-9]{2})"
    r"(?P<sep>[-+–]?)"
    r"(?P<serial>[0-9]{3})(?P<check>[0-9])"
    r"(?![\w/\\])(?![.,]\d)(?![-+–]\d)"
)


@dataclass(frozen=True)
class IdentityNumber:
    """One match in a text: `text[start:end]` is what was typed."""

    start: int
    end: int
    text: str
    coordination: bool  # samordningsnummer (day + 60)

    @property
    def digits(self) -> str:
        """The ten digits without century and separator: the same person however written."""
        digits = "".join(c for c in self.text if c.isdigit())
        return digits[-10:]

    @property
    def masked(self) -> str:
        """The date part and stars, so a warning does not repeat the whole number."""
        return self.text[:-4] + "****"


class PrivacyWarning(DomainError):
    """Text that looks like it holds personal identity numbers; `matches` maps each field
    name to what was found there. Save again with a reason (`privacy_override`) to keep it."""

    def __init__(self, message: str, matches: Mapping[str, list[IdentityNumber]]) -> None:
        super().__init__(message)
        self.matches = {name: list(found) for name, found in matches.items()}


def luhn_check_digit(nine_digits: str) -> int:
    """The check digit Skatteverket uses: Luhn over YYMMDDNNN."""
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def _valid_date(century: str | None, yy: int, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    if century is not None:
        return day <= calendar.monthrange(int(century) * 100 + yy, month)[1]
    if month == 2 and day == 29:
        return yy % 4 == 0  # 19YY or 20YY: 1900 is not a leap year, but 2000 is
    return day <= calendar.monthrange(2001, month)[1]


def find_identity_numbers(text: str) -> list[IdentityNumber]:
    """Every substring of `text` that is a valid personnummer or samordningsnummer."""
    found = []
    for match in _NUMBER.finditer(text):
        century, sep = match["century"], match["sep"]
        if century is None and not sep and match["yy"].startswith("0"):
            continue  # "0701234567": a phone number far more often than a birth in 200x
        if century is not None and sep == "+":
            continue  # "+" (over 100 years old) belongs to the ten-digit form only
        day = int(match["dd"])
        coordination = day > 60
        if coordination:
            day -= 60
        if not _valid_date(century, int(match["yy"]), int(match["mm"]), day):
            continue
        nine = match["yy"] + match["mm"] + match["dd"] + match["serial"]
        if luhn_check_digit(nine) != int(match["check"]):
            continue
        found.append(IdentityNumber(match.start(), match.end(), match.group(), coordination))
    return found


def new_identity_numbers(text: str, previous: str = "") -> list[IdentityNumber]:
    """Numbers in `text` that `previous` (what was saved before) did not already hold: a
    number kept once with a reason is not asked about again at every autosave."""
    known = {number.digits for number in find_identity_numbers(previous)} if previous else set()
    return [number for number in find_identity_numbers(text) if number.digits not in known]


def check_free_text(
    texts: Mapping[str, str],
    override: str | None,
    *,
    where: str,
    labels: Mapping[str, str],
    previous: Mapping[str, str] | None = None,
) -> None:
    """Raise PrivacyWarning when a text (field name → text) holds an identity number that
    the field's previous text did not, unless `override` is a non-empty reason; then log the
    override (where, which fields, how many numbers, the reason; never the numbers)."""
    earlier = previous or {}
    matches = {
        name: found
        for name, text in texts.items()
        if (found := new_identity_numbers(text, earlier.get(name, "")))
    }
    if not matches:
        return
    reason = clean_line(override or "")[:REASON_LIMIT]
    if reason:
        log.warning(
            "privacy override: %s, field(s) %s, %d identity number(s) kept; reason: %s",
            where,
            ", ".join(sorted(matches)),
            sum(len(found) for found in matches.values()),
            reason,
        )
        return
    raise PrivacyWarning(_describe(matches, labels), matches)


def _describe(matches: Mapping[str, list[IdentityNumber]], labels: Mapping[str, str]) -> str:
    parts = []
    for name, found in matches.items():
        shown = ", ".join(number.masked for number in found[:3])
        parts.append(
            ngettext(
                "{field} seems to contain {count} personal identity number ({numbers}).",
                "{field} seems to contain {count} personal identity numbers ({numbers}).",
                len(found),
            ).format(field=labels.get(name, name), count=len(found), numbers=shown)
        )
    parts.append(
        _(
            "Protocols and plans must not hold data about individuals. Remove the number, "
            "or give a reason to save the text anyway."
        )
    )
    return " ".join(parts)
