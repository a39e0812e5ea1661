"""The privacy guard finds personal identity numbers in free text, and only those.

Every number here is made up by the tests (a date, a serial, the Luhn check digit computed
below); none is copied from anywhere."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naravard_desktop.services.system.privacy import (
    PrivacyWarning,
    check_free_text,
    find_identity_numbers,
    luhn_check_digit,
    new_identity_numbers,
)


def make_number(
    born: dt.date,
    serial: int,
    *,
    century: bool = False,
    sep: str = "-",
    coordination: bool = False,
) -> str:
    day = born.day + (60 if coordination else 0)
    nine = f"{born:%y%m}{day:02d}{serial:03d}"
    check = luhn_check_digit(nine)
    head = f"{born.year // 100}{nine[:6]}" if century else nine[:6]
    return f"{head}{sep}{nine[6:]}{check}"


def wrong_check(number: str) -> str:
    last = int(number[-1])
    return number[:-1] + str((last + 1) % 10)


BORN = dt.date(1985, 7, 9)


def test_luhn_check_digit_computed_by_hand() -> None:
    # 8·2=16→7, 5, 0, 7, 0, 9, 1·2=2, 2, 3·2=6: sum 38, so the check digit is 2
    assert luhn_check_digit("850709123") == 2
    assert [m.text for m in find_identity_numbers("850709-1232")] == ["850709-1232"]


@pytest.mark.parametrize(
    "number",
    [
        make_number(BORN, 123),
        make_number(BORN, 123, sep=""),
        make_number(BORN, 123, sep="+"),
        make_number(BORN, 123, century=True),
        make_number(BORN, 123, century=True, sep=""),
        make_number(BORN, 456, coordination=True),
        make_number(BORN, 456, coordination=True, century=True, sep=""),
        make_number(dt.date(2012, 2, 29), 7),
        make_number(dt.date(2004, 3, 1), 990),  # leading 0 is fine with a separator
        make_number(dt.date(2004, 3, 1), 990, century=True, sep=""),
    ],
)
def test_valid_numbers_are_found_with_their_position(number: str) -> None:
    text = f"Anteckning: patienten ({number}) ringde."
    found = find_identity_numbers(text)
    assert [m.text for m in found] == [number]
    assert text[found[0].start : found[0].end] == number
    assert found[0].coordination == (int(number.replace("-", "").replace("+", "")[-6:-4]) > 60)


def test_masked_form_hides_the_day_and_the_last_four_digits() -> None:
    number = make_number(BORN, 123)
    (found,) = find_identity_numbers(number)
    assert found.masked == "8507**-****"
    assert found.digits == number.replace("-", "")


@pytest.mark.parametrize(
    "text",
    [
        wrong_check(make_number(BORN, 123)),  # Luhn fails
        wrong_check(make_number(BORN, 123, century=True, sep="")),
        make_number(BORN, 123)[:-1],  # one digit short
        "851309-1234",  # month 13
        "850732-1230",  # day 32
        "850231-0007",  # no 31 February
        "Ring 070-123 45 67 eller 08-123 456 78",
        "Diarienummer HSN/156/2021 och RS 2021/1234",
        "Mötet 2024-05-17 kl. 13.00, datum 20240517",
        "Budget 1 850 709 kr, belopp 8507091234,50 kr och 0,8507091234",
        make_number(BORN, 123, sep="") + "/2021",
        "ordernr 12" + make_number(BORN, 123, sep=""),
        make_number(BORN, 123) + "-7",
        make_number(BORN, 123, century=True, sep="+"),  # "+" only in the ten-digit form
        f"19000229-000{luhn_check_digit('000229000')}",  # 1900 was not a leap year
    ],
)
def test_things_that_are_not_identity_numbers_are_left_alone(text: str) -> None:
    assert find_identity_numbers(text) == []


def test_several_numbers_in_one_text_are_all_reported_in_order() -> None:
    first = make_number(BORN, 123)
    second = make_number(dt.date(1950, 12, 31), 42, coordination=True, century=True)
    text = f"{first}\n{second} och telefon 070-123 45 67"
    assert [m.text for m in find_identity_numbers(text)] == [first, second]


dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
serials = st.integers(min_value=0, max_value=999)


@settings(max_examples=200, deadline=None)
@given(
    dates,
    serials,
    st.booleans(),
    st.sampled_from(["-", "", "+"]),
    st.booleans(),
    st.text(alphabet="abcåäö .:;()\n", max_size=20),
    st.text(alphabet="abcåäö .:;()\n", max_size=20),
)
def test_any_valid_number_in_any_surrounding_text_is_found(
    born: dt.date,
    serial: int,
    century: bool,
    sep: str,
    coordination: bool,
    before: str,
    after: str,
) -> None:
    if century and sep == "+":
        sep = "-"
    number = make_number(born, serial, century=century, sep=sep, coordination=coordination)
    if not century and not sep and number.startswith("0"):
        sep = "-"
        number = make_number(born, serial, sep=sep, coordination=coordination)
    text = f"{before} {number} {after}"
    found = find_identity_numbers(text)
    assert [(m.start, m.text) for m in found] == [(len(before) + 1, number)]


@settings(max_examples=200, deadline=None)
@given(dates, serials, st.booleans(), st.sampled_from(["-", ""]), st.integers(1, 9))
def test_a_wrong_check_digit_is_never_found(
    born: dt.date, serial: int, century: bool, sep: str, shift: int
) -> None:
    number = make_number(born, serial, century=century, sep=sep)
    broken = number[:-1] + str((int(number[-1]) + shift) % 10)
    assert find_identity_numbers(broken) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 99), st.integers(0, 9999999))
def test_swedish_phone_numbers_are_not_found(prefix: int, rest: int) -> None:
    for text in (
        f"07{prefix % 10}-{rest % 1000:03d} {rest // 1000 % 100:02d} {rest % 100:02d}",
        f"0{prefix:02d}-{rest:07d}"[:12],
        f"+46 7{prefix % 10} {rest:07d}",
    ):
        assert find_identity_numbers(text) == [], text
    # Ten digits without separator are asked about only when they are a valid number
    # (a date that exists and a right check digit), as a child's "0503121238" is.
    bare = f"07{prefix % 10}{rest:07d}"
    dashed = f"{bare[:6]}-{bare[6:]}"
    assert bool(find_identity_numbers(bare)) == bool(find_identity_numbers(dashed))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_whatever_is_found_is_a_real_substring_with_a_valid_check_digit(text: str) -> None:
    for match in find_identity_numbers(text):
        assert text[match.start : match.end] == match.text
        digits = match.digits
        assert luhn_check_digit(digits[:9]) == int(digits[9])


def test_a_number_already_saved_is_not_asked_about_again() -> None:
    kept = make_number(BORN, 123)
    added = make_number(dt.date(1990, 1, 2), 5)
    assert new_identity_numbers(f"Text {kept} mer", f"Text {kept}") == []
    # the same person written another way is still the same number
    longer = make_number(BORN, 123, century=True, sep="")
    assert new_identity_numbers(longer, kept) == []
    assert [m.text for m in new_identity_numbers(f"{kept} {added}", kept)] == [added]


def test_check_refuses_with_a_swedish_message_naming_the_field() -> None:
    number = make_number(BORN, 123)
    with pytest.raises(PrivacyWarning) as caught:
        check_free_text(
            {"notes": f"Patient {number} har SIP."},
            None,
            where="agenda item 1",
            labels={"notes": "Anteckningar"},
        )
    message = str(caught.value)
    assert "Anteckningar" in message and "personnummer" in message
    assert "8507**-****" in message and number not in message
    assert [m.text for m in caught.value.matches["notes"]] == [number]


def test_a_blank_reason_is_no_override() -> None:
    with pytest.raises(PrivacyWarning):
        check_free_text(
            {"notes": make_number(BORN, 1)}, "  \n ", where="x", labels={"notes": "Notes"}
        )


def test_an_override_is_logged_with_its_reason_but_without_the_number(
    caplog: pytest.LogCaptureFixture,
) -> None:
    number = make_number(BORN, 123)
    with caplog.at_level(logging.WARNING, logger="naravard_desktop.services.system.privacy"):
        check_free_text(
            {"decision": f"Beslut om {number}"},
            "Fiktivt exempel i utbildningssyfte",
            where="agenda item 7",
            labels={"decision": "Beslut"},
        )
    text = caplog.text
    assert "agenda item 7" in text and "Fiktivt exempel i utbildningssyfte" in text
    assert number not in text and number.replace("-", "") not in text
