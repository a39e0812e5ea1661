"""Language choice, translated strings, and Swedish dates and numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from naravard_desktop import i18n


@pytest.mark.parametrize(
    ("asked", "used"),
    [
        ("sv", "sv"),
        ("en", "en"),
        ("sv_SE", "sv"),
        ("sv-FI", "sv"),
        ("en_GB", "en"),
        ("EN-us", "en"),
        (None, "sv"),
        ("", "sv"),
        ("xx", "sv"),
        ("de_DE", "sv"),
    ],
)
def test_set_language_normalises_to_a_supported_language(asked: str | None, used: str) -> None:
    assert i18n.set_language(asked) == used
    assert i18n.current_language() == used


def test_swedish_long_date() -> None:
    i18n.set_language("sv")
    assert i18n.format_date(dt.date(2024, 5, 17)) == "17 maj 2024"
    assert i18n.format_date(dt.date(2024, 12, 1)) == "1 december 2024"


def test_english_long_date() -> None:
    i18n.set_language("en")
    assert i18n.format_date(dt.date(2024, 5, 17)) == "May 17, 2024"


def test_table_dates_are_iso_in_both_languages() -> None:
    for language in ("sv", "en"):
        i18n.set_language(language)
        assert i18n.format_iso_date(dt.date(2024, 5, 7)) == "2024-05-07"
        assert i18n.format_iso_date(None) == ""


def test_swedish_time_uses_a_dot() -> None:
    i18n.set_language("sv")
    assert i18n.format_time(dt.time(13, 0)) == "13.00"
    assert i18n.format_time(dt.time(9, 5)) == "09.05"


def test_english_time_is_twelve_hour() -> None:
    i18n.set_language("en")
    assert i18n.format_time(dt.time(13, 0)).replace("\u202f", " ") == "1:00 PM"


def test_swedish_numbers_group_with_space_and_use_decimal_comma() -> None:
    i18n.set_language("sv")
    assert i18n.format_number(1234567.5).replace("\xa0", " ") == "1 234 567,5"
    assert i18n.format_number(Decimal("0.25")) == "0,25"
    assert i18n.format_number(5) == "5"


def test_english_numbers() -> None:
    i18n.set_language("en")
    assert i18n.format_number(1234567.5) == "1,234,567.5"


def test_empty_string_stays_empty() -> None:
    assert i18n._("") == ""
    assert i18n.pgettext("menu", "") == ""


def test_marking_for_extraction_does_not_translate() -> None:
    assert i18n.N_("Chair") == "Chair"


# --- with a compiled catalog ------------------------------------------------------------------


@pytest.fixture
def swedish_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small compiled Swedish catalog, independent of the project's translations."""
    catalog = Catalog(locale="sv", project="naravard-desktop")
    catalog.add("Chair", "Ordförande")
    catalog.add(("{count} member", "{count} members"), ("{count} ledamot", "{count} ledamöter"))
    catalog.add("Open", "Öppna", context="menu")
    folder = tmp_path / "locale" / "sv" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{i18n.DOMAIN}.mo").open("wb") as handle:
        write_mo(handle, catalog)
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path / "locale")
    return tmp_path / "locale"


@pytest.mark.usefixtures("swedish_catalog")
def test_catalog_translates_and_keeps_empty_string_empty() -> None:
    i18n.set_language("sv")

    assert i18n.catalog_loaded()
    assert i18n._("Chair") == "Ordförande"
    assert i18n._("Not in the catalog") == "Not in the catalog"
    # gettext("") would return the catalog's header block.
    assert i18n._("") == ""
    assert i18n.pgettext("menu", "Open") == "Öppna"
    assert i18n.pgettext("menu", "") == ""


@pytest.mark.usefixtures("swedish_catalog")
def test_catalog_plural_forms() -> None:
    i18n.set_language("sv")
    one = i18n.ngettext("{count} member", "{count} members", 1).format(count=1)
    many = i18n.ngettext("{count} member", "{count} members", 11).format(count=11)
    assert (one, many) == ("1 ledamot", "11 ledamöter")


@pytest.mark.usefixtures("swedish_catalog")
def test_language_without_a_catalog_falls_back_to_english_source() -> None:
    i18n.set_language("en")
    assert not i18n.catalog_loaded()
    assert i18n._("Chair") == "Chair"
    assert i18n.ngettext("{count} member", "{count} members", 2) == "{count} members"
