"""All translation state in one place: gettext catalogs plus Babel for dates and numbers.

Source strings are English; Swedish is the default language. Nothing here imports Qt, so the
CLI and services translate the same way as the GUI (the GUI adds Qt's own catalogs on top).
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from naravard_desktop.paths import locale_dir

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


def babel_locale() -> Locale:
    return Locale.parse(_language)


def format_date(value: dt.date, style: str = "long") -> str:
    """ "17 maj 2024" in Swedish ("May 17, 2024" in English); style is a Babel format."""
    return babel_dates.format_date(value, format=style, locale=_language)


def format_iso_date(value: dt.date | None) -> str:
    """The short numeric form secretaries use in tables: 2024-05-17 (both languages)."""
    return value.isoformat() if value else ""


def format_time(value: dt.time) -> str:
    """13.00 in Swedish, 1:00 PM in English."""
    pattern = "HH.mm" if _language == "sv" else "short"
    return babel_dates.format_time(value, format=pattern, locale=_language)


def format_number(value: int | float | Decimal) -> str:
    return babel_numbers.format_decimal(value, locale=_language)


set_language(DEFAULT_LANGUAGE)
