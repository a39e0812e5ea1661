"""The Tidsplan parser over the phrases real plans use (../shared/seeds/000 and 002)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from naravard_desktop.services.plan.schedule import ScheduleKind, derive_due_date, read_schedule

D = dt.date

# Seed 000 (Jämtland Härjedalen, Handlingsplan 2024), column Tidsplan, verbatim.
SEED_000 = [
    ("2024-12-31", D(2024, 12, 31)),
    ("2025", D(2025, 12, 31)),
    ("Löpande", None),
    ("2022-12-31 Delvis Fast vårdkontakt finns 2024-12-31", D(2024, 12, 31)),
    ("November 2024 vid Fredagsgruppens möte", D(2024, 11, 30)),
    ("Hösten 2022", D(2022, 12, 31)),
    ("2024-05-17 vid Fredagsgruppens möte", D(2024, 5, 17)),
    ("2021-12-31", D(2021, 12, 31)),
    ("Beroende av nationellt utvecklingsarbete", None),
    ("2024-05-17 avstämning vid Fredagsgruppens möte", D(2024, 5, 17)),
    ("", None),
]

# Seed 002 (Vårdsamverkan Skåne, Aktivitets- och tidplan 2022–2025), Tidplan and Uppföljning.
SEED_002 = [
    ("Utbildningsinsatser genomförs fortlöpande fr o m hösten 2022", None),
    (
        "De skånska uppföljningsmodulen, som kopplas till SIP- respektive SVU-processerna, ska "
        "vara framtagen och i drift vid utgången av 2025.",
        D(2025, 12, 31),
    ),
    (
        "Teambaserat arbetssätt ska vid utgången av år 2025 vara implementerat fullt ut i "
        "samtliga delar av Skåne.",
        D(2025, 12, 31),
    ),
    ("Förslag till nytt ramavtal för läkarstöd ska vara framtaget Q2 2022.", D(2022, 6, 30)),
    ("Förankring och förberedelser inför implementering Q3 2022.", D(2022, 9, 30)),
    ("Nytt ramavtal börjar gälla 2023-01-01.", D(2023, 1, 1)),
    ("Uppföljning av nytt ramavtal Q4 2023", D(2023, 12, 31)),
    ("Förstudie startar hösten 2022", D(2022, 12, 31)),
    ("Arbetsgrupp för inventeringen av stödfunktioner startas upp Q3 2022", D(2022, 9, 30)),
    ("Arbetet inom plattformen startas upp under våren 2023", D(2023, 6, 30)),
    ("Handlingsplanen ska gå till beslut under Q1 2022", D(2022, 3, 31)),
    (
        "Strategi och handlingsplan ska gå ut till huvudmännen för ställningstagande Q1/Q2 2022",
        D(2022, 6, 30),
    ),
    ("Handlingsplan och budget revideras årligen.", None),
    ("Utvärdering av projektet ska vara klar februari/mars 2022.", D(2022, 3, 31)),
    ("Nationella utvecklingsprojektet planeras att avslutas juni 2023.", D(2023, 6, 30)),
    ("Inkludering fler kommuner och verksamheter pågår kontinuerligt.", None),
    (
        "Utredningen ska presenteras i hälso och sjukvårdsnämnden i oktober 2022.",
        D(2022, 10, 31),
    ),
    ("Dialog med tjänstemannaberedningen våren 2022.", D(2022, 6, 30)),
    ("Samtliga grupper ska etableras och vara igång 2022-06-01", D(2022, 6, 1)),
    ("Via återrapport till Tjänstemannaberedningen september 2022", D(2022, 9, 30)),
    (
        "Via avrapportering och ställningstagande i Central tjänstemannaberedning 2022-09-30 "
        "och 2023-01-31",
        D(2023, 1, 31),
    ),
]

# Forms the issue names that the seeds do not happen to contain.
OTHER = [
    ("Kvartal 3 2024", D(2024, 9, 30)),
    ("kv 1 2025", D(2025, 3, 31)),
    ("Våren 2023", D(2023, 6, 30)),
    ("Sommaren 2024", D(2024, 8, 31)),
    ("T1 2024", D(2024, 4, 30)),
    ("tertial 3 2024", D(2024, 12, 31)),
    ("31 december 2024", D(2024, 12, 31)),
    ("februari 2024", D(2024, 2, 29)),
    ("2022–2025", D(2025, 12, 31)),
    ("2024–25", D(2025, 12, 31)),
    ("  hösten   2022 ", D(2022, 12, 31)),
    ("HÖSTEN 2022", D(2022, 12, 31)),
]


@pytest.mark.parametrize(("text", "due"), SEED_000 + SEED_002 + OTHER)
def test_due_date_is_the_end_of_the_period_named(text: str, due: dt.date | None) -> None:
    assert derive_due_date(text) == due


def test_kinds_say_why_there_is_no_date() -> None:
    assert read_schedule("Löpande").kind is ScheduleKind.ONGOING
    assert read_schedule("Beroende av nationellt utvecklingsarbete").kind is (
        ScheduleKind.DEPENDENT
    )
    assert read_schedule("").kind is ScheduleKind.EMPTY
    assert read_schedule("   ").kind is ScheduleKind.EMPTY
    assert read_schedule("När det passar").kind is ScheduleKind.UNREADABLE
    assert read_schedule("Hösten 2022").kind is ScheduleKind.DATED


def test_two_entries_in_one_cell_keep_both_and_the_later_wins() -> None:
    reading = read_schedule("2022-12-31 Delvis Fast vårdkontakt finns 2024-12-31")
    assert [text for text, _day in reading.entries] == ["2022-12-31", "2024-12-31"]
    assert reading.due == D(2024, 12, 31)
    # Order in the cell does not matter.
    assert derive_due_date("Q4 2024, tidigare Q2 2023") == D(2024, 12, 31)


def test_impossible_dates_are_not_guessed() -> None:
    assert derive_due_date("2024-02-30") is None
    assert derive_due_date("2023-13-01") is None


def test_a_year_inside_a_date_is_not_read_twice() -> None:
    reading = read_schedule("2021-12-31")
    assert reading.entries == (("2021-12-31", D(2021, 12, 31)),)


def test_reference_numbers_and_other_numbers_are_not_years() -> None:
    assert derive_due_date("Enligt beslut HSN/156/2021") is None
    assert derive_due_date("Minst 1100 invånare per läkare") is None


@given(st.text(max_size=80))
def test_any_text_gives_a_date_or_none_and_never_fails(text: str) -> None:
    reading = read_schedule(text)
    assert reading.due is None or isinstance(reading.due, dt.date)
    assert (reading.due is None) == (reading.kind is not ScheduleKind.DATED)


@given(st.dates(min_value=D(1950, 1, 1), max_value=D(2099, 12, 31)))
def test_every_iso_date_is_read_as_itself(day: dt.date) -> None:
    assert derive_due_date(day.isoformat()) == day
    assert derive_due_date(f"{day.isoformat()} vid mötet") == day
