"""Finding Swedish personal identity numbers (personnummer, samordningsnummer) in free text.

A number typed by mistake rarely looks like the textbook "811218-1234": it is pasted from a
journal with a non-breaking hyphen, typed on a phone with a space ("811218 1234"), grouped
("81 12 18-1234"), written with full-width digits or a zero-width space from a web page, or
glued to a word ("ref811218-1234x"). So the text is first normalised (Unicode digits to
0-9, every dash to "-", every space to " ", invisible format characters dropped, full-width
"+ _ . /" to ASCII), with a map from each normalised character back to the original, and
matched there; every match is reported by its span in the ORIGINAL text, so an editor can
select it.

Recognised: YYMMDD, optionally with the century (19/20) in front and optionally grouped as
"YY MM DD", then a separator ("-", "+", "_", ".", "/", one or two spaces, or nothing), then
the serial NNN and the check digit. The date must exist (day + 60 for a samordningsnummer)
and the check digit must be right; both are checked with python-stdnum
(`stdnum.se.personnummer`, `stdnum.luhn`) rather than by hand. A ten-digit run without
separator is caught too when its date and check digit are valid (a child's "0503121238"),
although some phone numbers written that way will be asked about.

Not recognised, on purpose: digits inside a longer number ("12" + ten digits, an amount
"8507091234,50", "0,8507091234", "850709-1232-7", "8507091232/2021"), dates and times,
diarienummer ("HSN/156/2021"), organisation numbers (their month is 20 or more), phone
numbers written in their usual groups ("070-123 45 67").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import personnummer

# Every dash a word processor, web page or phone keyboard may put between date and serial.
DASHES = frozenset(
    "\u2010\u2011\u2012\u2013\u2014\u2015"  # hyphen, non-breaking hyphen, figure … horizontal bar
    "\u2212\u2043\ufe58\ufe63\uff0d\u02d7\u2796"  # minus, hyphen bullet, small/full-width …
)
_ASCII_PUNCTUATION = frozenset("+_./-")

_NUMBER = re.compile(
    r"(?<!\d)(?<!\d[.,])(?<!\d[-+/_])"  # not the tail of a longer number, amount or code
    r"(?:(?P<century>19|20))?"
    r"(?P<yy>\d\d)(?P<group> ?)(?P<mm>\d\d)(?P=group)(?P<dd>\d\d)"  # 811218 or 81 12 18
    r"(?P<sep> {0,2}[-+_./] {0,2}| {1,2}|)"
    r"(?P<serial>\d{3})(?P<check>\d)"
    r"(?!\d)(?![.,]\d)(?![-+/]\d)"  # not the head of a longer number, amount or code
)


@dataclass(frozen=True)
class IdentityNumber:
    """One match: `text` is what was typed (the original `start:end`), `normalized` the
    same after normalisation (ASCII digits, "-" and " " only)."""

    start: int
    end: int
    text: str
    coordination: bool  # samordningsnummer (day + 60)
    normalized: str = ""

    @property
    def digits(self) -> str:
        """The ten digits without century and separator: the same person however written."""
        digits = "".join(c for c in self.normalized or self.text if "0" <= c <= "9")
        return digits[-10:]

    @property
    def masked(self) -> str:
        """Year and month, the rest hidden ("8112**-****"): a warning must not repeat the
        number it warns about."""
        shown = self.normalized or self.text
        keep = 6 if len([c for c in shown if c.isdigit()]) == 12 else 4
        out = []
        for char in shown:
            if "0" <= char <= "9":
                out.append(char if keep > 0 else "*")
                keep -= 1
            else:
                out.append(char)
        return "".join(out)


def normalize(text: str) -> tuple[str, list[int]]:
    """The text with Unicode digits, dashes, spaces and full-width punctuation made ASCII and
    invisible format characters (zero-width space, joiners, BOM, soft hyphen) dropped; and
    for each character of the result, its index in `text`."""
    if text.isascii():
        return text, list(range(len(text)))
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isascii():
            chars.append(char)
        elif char.isdecimal():
            chars.append(str(unicodedata.decimal(char)))
        elif char in DASHES:
            chars.append("-")
        elif unicodedata.category(char) == "Zs":
            chars.append(" ")
        elif unicodedata.category(char) == "Cf":
            continue  # U+200B–U+200D, U+2060, U+FEFF, U+00AD …: invisible, dropped
        else:
            folded = unicodedata.normalize("NFKC", char)
            chars.append(folded if folded in _ASCII_PUNCTUATION else char)
        origin.append(index)
    return "".join(chars), origin


def _valid(century: str | None, yy: str, mm: str, dd: str, sep: str, ten: str) -> bool:
    """A date that exists (day - 60 for a samordningsnummer) and a right check digit."""
    day = int(dd)
    if day > 60:
        day -= 60
    if century is not None and "+" in sep:
        return False  # "+" (100 years or older) belongs to the ten-digit form only
    date = f"{century or ''}{yy}{mm}{day:02d}"
    # Ten digits do not say the century: the date must exist in one of the two that fit.
    signs = "-" if century is not None else "-+"
    if not any(_date_exists(f"{date}{sign}{ten[6:]}") for sign in signs):
        return False
    return luhn.is_valid(ten)


def _date_exists(number: str) -> bool:
    try:
        personnummer.get_birth_date(number)
    except StdnumError:
        return False
    return True


def find_identity_numbers(text: str) -> list[IdentityNumber]:
    """Every personnummer or samordningsnummer in `text`, in order, by original span."""
    normal, origin = normalize(text)
    found = []
    for match in _NUMBER.finditer(normal):
        century, yy, mm, dd = match["century"], match["yy"], match["mm"], match["dd"]
        ten = yy + mm + dd + match["serial"] + match["check"]
        if not _valid(century, yy, mm, dd, match["sep"], ten):
            continue
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        found.append(IdentityNumber(start, end, text[start:end], int(dd) > 60, match.group()))
    return found


def luhn_check_digit(nine_digits: str) -> int:
    """The check digit Skatteverket uses (Luhn over YYMMDDNNN), for tests and examples."""
    return int(luhn.calc_check_digit(nine_digits))
