"""The helpers that make documents read as a Swedish secretary writes them: names joined with
"och", "den" before a long date in a sentence, spaced ISO date ranges, and the places where a
line must not break (issue 21)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from naravard_desktop import i18n
from naravard_desktop.documents.typography import keep_together

NBSP = "\u00a0"


@pytest.fixture(params=["sv", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    code: str = request.param
    i18n.set_language(code)
    yield code
    i18n.set_language("sv")


AND = {"sv": "och", "en": "and"}


def test_names_are_joined_with_och_before_the_last(language: str) -> None:
    word = AND[language]
    assert i18n.join_names([]) == ""
    assert i18n.join_names(["Anna Berg"]) == "Anna Berg"
    assert i18n.join_names(["Anna Berg", "Erik Lund"]) == f"Anna Berg {word} Erik Lund"
    assert (
        i18n.join_names(["Anna Berg", "Erik Lund", "Maja Fors"])
        == f"Anna Berg, Erik Lund {word} Maja Fors"
    )
    assert i18n.join_names(["Anna Berg", "", "  ", " Erik Lund "]) == f"Anna Berg {word} Erik Lund"


def test_names_typed_with_commas_are_joined_too(language: str) -> None:
    word = AND[language]
    typed = i18n.join_typed_names
    assert typed("Anna Berg, Erik Lund, Maja Fors") == f"Anna Berg, Erik Lund {word} Maja Fors"
    assert typed(" Anna Berg ,, Erik Lund , ") == f"Anna Berg {word} Erik Lund"
    assert typed("Anna Berg") == "Anna Berg"
    assert typed("") == ""


def test_typed_names_already_joined_or_containing_och_are_not_broken() -> None:
    typed = i18n.join_typed_names
    assert typed("Anna Berg, Erik Lund och Maja Fors") == "Anna Berg, Erik Lund och Maja Fors"
    assert typed("Anna Berg och Erik Lund") == "Anna Berg och Erik Lund"
    assert typed("Anna Berg, Erik Lund and Maja Fors") == "Anna Berg, Erik Lund and Maja Fors"
    # An "och" inside a name is part of it, not the join.
    assert typed("Anna Berg, Hälso- och sjukvårdsnämnden") == (
        "Anna Berg och Hälso- och sjukvårdsnämnden"
    )
    assert typed("Hälso- och sjukvårdsnämnden, Anna Berg, Erik Lund") == (
        "Hälso- och sjukvårdsnämnden, Anna Berg och Erik Lund"
    )


def test_a_long_date_in_a_sentence_has_den() -> None:
    i18n.set_language("sv")
    assert i18n.format_date_in_text(dt.date(2027, 1, 30)) == "den 30 januari 2027"
    assert i18n.format_date(dt.date(2027, 1, 30)) == "30 januari 2027"  # cells, headings
    with i18n.use_language("en"):
        assert i18n.format_date_in_text(dt.date(2026, 5, 28)) == "on May 28, 2026"


def test_iso_ranges_have_a_spaced_dash(language: str) -> None:
    start, end = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
    assert i18n.format_iso_range(start, end) == "2026-01-01 – 2026-03-31"
    assert i18n.format_iso_range(start, None) == "2026-01-01 –"
    assert i18n.format_iso_range(None, end) == "– 2026-03-31"
    assert i18n.format_iso_range(None, None) == ""


def test_percent_follows_the_language() -> None:
    i18n.set_language("sv")
    assert i18n.format_percent(40) == f"40{NBSP}%"
    with i18n.use_language("en"):
        assert i18n.format_percent(40) == "40%"


def test_no_line_break_inside_a_paragraph_sign_a_time_or_a_long_date() -> None:
    assert keep_together("enligt § 5 och §§ 7–9") == f"enligt §{NBSP}5 och §§{NBSP}7–9"
    assert keep_together("kl. 13.00–15.30 (kl. 9)") == f"kl.{NBSP}13.00–15.30 (kl.{NBSP}9)"
    assert keep_together("den 28 maj 2026, § 4") == f"den 28{NBSP}maj{NBSP}2026, §{NBSP}4"
    assert keep_together("on May 28, 2026") == f"on May{NBSP}28,{NBSP}2026"
    assert keep_together("at 1:00\u202fPM") == f"at 1:00{NBSP}PM"  # ReportLab breaks at U+202F
    assert keep_together("2026-01-01 – 2026-03-31") == f"2026-01-01{NBSP}– 2026-03-31"
    assert keep_together("tfn 0640-134 12") == f"tfn{NBSP}0640-134{NBSP}12"
    for unchanged in ("Skål. 13 gäster", "den 12 maj", "mars 2026", "§ a", "2026 – 2027"):
        assert keep_together(unchanged) == unchanged


def test_a_change_in_per_cent_is_written_as_the_language_does() -> None:
    from naravard_desktop.services.sip.analysis_model import format_change

    i18n.set_language("sv")
    assert format_change(15, 12) == "+3 (+25 %)"
    with i18n.use_language("en"):
        assert format_change(15, 12) == "+3 (+25%)"
        assert format_change(9, 12) == "−3 (−25%)"
