"""All translation state in one place: gettext catalogs plus Babel for dates and numbers.

Source strings are English; Swedish is the default language. Nothing here imports Qt, so the
CLI and services translate the same way as the GUI (the GUI adds Qt's own catalogs on top).
Babel is imported where a date or number is first formatted: the window paints its frame
before it is needed (about 25 ms of start-up).
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from naravard_desktop.paths import locale_dir

if TYPE_CHECKING:
    from decimal import Decimal

DOMAIN = "messages"
DEFAULT_LANGUAGE = "sv"
SUPPORTED_LANGUAGES = ("sv", "en")

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def normalise_language(lang: str | None) -> str:
    """Map "sv_SE", "en-GB", None … to a supported language code."""
    if not lang:
        return DEFAULT_LANGUAGE
    code = lang.replace("-", "_").split("_")[0].lower()
    return code if code in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


def set_language(lang: str | None) -> str:
    """Activate a language for gettext and Babel; returns the code actually used."""
    global _translations, _language
    _language = normalise_language(lang)
    _translations = gettext.translation(
        DOMAIN, localedir=str(locale_dir()), languages=[_language], fallback=True
    )
    return _language


def current_language() -> str:
    return _language


@contextmanager
def use_language(lang: str | None) -> Iterator[str]:
    """Translate in another language for a while (a protocol in English from a Swedish UI)."""
    previous = _language
    used = set_language(lang)
    try:
        yield used
    finally:
        set_language(previous)


def catalog_loaded() -> bool:
    """True when a compiled catalog (not the English fallback) is active."""
    return type(_translations) is not gettext.NullTranslations


def _(message: str) -> str:
    # gettext("") returns the catalog header; an empty string must stay empty.
    return _translations.gettext(message) if message else ""


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (module-level constants)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations.pgettext(context, message) if message else ""


def format_date(value: dt.date, style: str = "long") -> str:
    """ "17 maj 2024" in Swedish ("May 17, 2024" in English); style is a Babel format."""
    from babel import dates as babel_dates

    return babel_dates.format_date(value, format=style, locale=_language)


def format_date_in_text(value: dt.date) -> str:
    """A long date inside a sentence: "den 28 maj 2026" ("on May 28, 2026"), as in "Justerat
    den 30 januari 2027 av …" and "från mötet den 28 maj 2026". The sentence around it has no
    "den"/"on" of its own; a table cell or a heading takes the bare `format_date`."""
    return _("on {date}").format(date=format_date(value))


def format_iso_date(value: dt.date | None) -> str:
    """The short numeric form secretaries use in tables: 2024-05-17 (both languages)."""
    return value.isoformat() if value else ""


def format_iso_range(start: dt.date | None, end: dt.date | None) -> str:
    """ "2026-01-01 – 2026-03-31": a spaced en dash between ISO dates (an unspaced one reads
    as one long number); "2026-01-01 –" or "– 2026-03-31" when one end is open."""
    if start is None and end is None:
        return ""
    return f"{format_iso_date(start)} – {format_iso_date(end)}".strip()


def format_time(value: dt.time) -> str:
    """13.00 in Swedish, 1:00 PM in English."""
    from babel import dates as babel_dates

    pattern = "HH.mm" if _language == "sv" else "short"
    return babel_dates.format_time(value, format=pattern, locale=_language)


def format_number(value: int | float | Decimal) -> str:
    from babel import numbers as babel_numbers

    return babel_numbers.format_decimal(value, locale=_language)


def format_percent(percent: int) -> str:
    """ "40 %" in Swedish (a non-breaking space before the sign), "40%" in English."""
    from babel import numbers as babel_numbers

    return babel_numbers.format_percent(percent / 100, locale=_language)


def join_names(names: Iterable[str]) -> str:
    """Names as a list is written: "Anna Berg, Erik Lund och Maja Fors", "Anna Berg och Erik
    Lund", "Anna Berg" ("A, B and C" in English). Empty names are left out."""
    parts = [name.strip() for name in names if name and name.strip()]
    if len(parts) <= 1:
        return "".join(parts)
    return _("{names} and {last}").format(names=", ".join(parts[:-1]), last=parts[-1])


# The last of a typed list already joined: "… och Maja Fors", "… and Maja Fors", "… & Maja";
# not the "och" of "Hälso- och sjukvården" (after a hyphen), which is part of a name.
_ALREADY_JOINED = re.compile(r"(?<!-)\s(?:och|and|&)\s", re.IGNORECASE)


def join_typed_names(text: str) -> str:
    """A list of names typed with commas ("Anna Berg, Erik Lund, Maja Fors", the "justerat
    av" field) joined like `join_names`: "Anna Berg, Erik Lund och Maja Fors". Text already
    joined with "och"/"and" stays as typed, and no name is split at an "och" of its own
    ("Hälso- och sjukvårdsnämnden")."""
    parts = [part.strip() for part in text.split(",")]
    parts = [part for part in parts if part]
    if len(parts) <= 1 or _ALREADY_JOINED.search(parts[-1]):
        return ", ".join(parts)
    return join_names(parts)


set_language(DEFAULT_LANGUAGE)


# Swedish alphabetical order: å, ä and ö are letters of their own after z (and æ, ø, ü as
# their Swedish neighbours); other accents only mark the letter (é sorts as e). Neither
# SQLite nor a PostgreSQL cluster in the C locale knows this, and Python's code-point order
# puts ä before å, so the services sort names with this key, the same on every database.
# (The window's tables compare with Qt's QCollator instead: the key's stand-ins for å, ä
# and ö are punctuation, which a collator passes over.)
_AFTER_Z = {"a\u030a": "{", "a\u0308": "|", "o\u0308": "}", "æ": "|", "ø": "}", "u\u0308": "y"}
_MARKS = re.compile(r"[\u0300-\u036f]")


def sort_key(text: str) -> str:
    """`text` as it sorts in Swedish, case ignored: "Zorn" < "Åberg" < "Ärlig" < "Öst"."""
    folded = unicodedata.normalize("NFD", text.casefold())
    for letter, place in _AFTER_Z.items():
        folded = folded.replace(letter, place)
    return _MARKS.sub("", folded)
