"""Attack: personal identity numbers written the many ways people actually write them.

Issue 11, point 4: the guard let through a space instead of the dash, "81 12 18-…", Unicode
hyphens, full-width digits, zero-width spaces, "_ . /" as separator, the number inside a word
and a child's ten digits without dash. Each form below must be caught, reported at its place
in the original text and shown masked; each look-alike below must be left alone.

Every number is invented here: obviously made-up dates (18 December 1981, 12 March 2005,
29 February 2012) with the serial 123 and the check digit computed by `luhn` below — an
independent, hand-written Luhn, so the table does not trust the code it tests.
"""

from __future__ import annotations

import pytest

from naravard_desktop.services.system.privacy import find_identity_numbers


def luhn(nine: str) -> str:
    total = 0
    for index, char in enumerate(nine):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return str((10 - total % 10) % 10)


def number(date6: str, serial: str = "123") -> str:
    """Ten digits: the date (or date + 60), serial and check digit."""
    return date6 + serial + luhn(date6 + serial)


ADULT = number("811218")  # 8112181238
CHILD = number("050312")  # 0503121238
COORD = number("811278")  # samordningsnummer: day 18 + 60
LEAP = number("120229")  # 29 February 2012
HEAD, TAIL = ADULT[:6], ADULT[6:]


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


def digits_in(script_zero: int, text: str) -> str:
    return "".join(chr(script_zero + int(c)) if c.isdigit() else c for c in text)


# (id, text before, the number as typed, text after)
CAUGHT: list[tuple[str, str, str, str]] = [
    ("dash", "Patient ", f"{HEAD}-{TAIL}", " ringde."),
    ("no separator", "pnr ", ADULT, ""),
    ("plus", "", f"{HEAD}+{TAIL}", " (över 100 år)"),
    ("12 digits dash", "", f"19{HEAD}-{TAIL}", ""),
    ("12 digits", "", f"19{ADULT}", ""),
    ("space", "Ansvar: ", f"{HEAD} {TAIL}", ""),
    ("two spaces", "", f"{HEAD}  {TAIL}", ""),
    ("12 digits space", "", f"19{HEAD} {TAIL}", ""),
    ("grouped date, dash", "", f"81 12 18-{TAIL}", ""),
    ("grouped date, space", "", f"81 12 18 {TAIL}", ""),
    ("spaced dash", "", f"{HEAD} - {TAIL}", ""),
    ("U+2010 hyphen", "", f"{HEAD}\u2010{TAIL}", ""),
    ("U+2011 non-breaking hyphen", "", f"{HEAD}\u2011{TAIL}", ""),
    ("U+2012 figure dash", "", f"{HEAD}\u2012{TAIL}", ""),
    ("U+2013 en dash", "", f"{HEAD}\u2013{TAIL}", ""),
    ("U+2014 em dash", "", f"{HEAD}\u2014{TAIL}", ""),
    ("U+2015 horizontal bar", "", f"{HEAD}\u2015{TAIL}", ""),
    ("U+2212 minus", "", f"{HEAD}\u2212{TAIL}", ""),
    ("U+FE63 small hyphen-minus", "", f"{HEAD}\ufe63{TAIL}", ""),
    ("U+FF0D full-width hyphen", "", f"{HEAD}\uff0d{TAIL}", ""),
    ("full-width digits", "", full_width(f"{HEAD}\uff0d{TAIL}"), ""),
    ("full-width digits, ASCII dash", "", full_width(f"{HEAD}-{TAIL}"), ""),
    ("full-width 12 digits", "", full_width(f"19{ADULT}"), ""),
    ("Arabic-Indic digits", "", digits_in(0x0660, f"{HEAD}-{TAIL}"), ""),
    ("NBSP", "", f"{HEAD}\u00a0{TAIL}", ""),
    ("thin space", "", f"{HEAD}\u2009{TAIL}", ""),
    ("narrow NBSP", "", f"{HEAD}\u202f{TAIL}", ""),
    ("zero-width space in date", "", f"8112\u200b18-{TAIL}", ""),
    ("zero-width space as separator", "", f"{HEAD}\u200b{TAIL}", ""),
    ("ZWNJ", "", f"81\u200c1218-{TAIL}", ""),
    ("ZWJ", "", f"{HEAD}-\u200d{TAIL}", ""),
    ("word joiner", "", f"{HEAD}\u2060-{TAIL}", ""),
    ("BOM", "", f"\ufeff{HEAD}-{TAIL}", ""),
    ("soft hyphen", "", f"{HEAD}\u00ad{TAIL}", ""),
    ("underscore", "fil_", f"{HEAD}_{TAIL}", ".pdf"),
    ("full stop", "", f"{HEAD}.{TAIL}", ""),
    ("slash", "", f"{HEAD}/{TAIL}", ""),
    ("inside a word", "ref", f"{HEAD}-{TAIL}", "x"),
    ("glued to a label", "pnr:", ADULT, ""),
    ("samordningsnummer", "", f"{COORD[:6]}-{COORD[6:]}", ""),
    ("samordningsnummer, space", "", f"{COORD[:6]} {COORD[6:]}", ""),
    ("child, ten digits", "Barnets nr ", CHILD, " enligt remiss"),
    ("child, dash", "", f"{CHILD[:6]}-{CHILD[6:]}", ""),
    ("child, 12 digits", "", f"20{CHILD}", ""),
    ("child, 12 digits NBSP", "", f"20{CHILD[:6]}\u00a0{CHILD[6:]}", ""),
    ("leap day", "", f"{LEAP[:6]}-{LEAP[6:]}", ""),
    ("end of sentence", "Se ", f"{HEAD}-{TAIL}", "."),
    ("on its own line", "Anteckning\n", f"{HEAD} {TAIL}", "\nmer text"),
]

LOOK_ALIKES: list[tuple[str, str]] = [
    ("mobile phone", "Ring 070-123 45 67"),
    ("Stockholm phone", "Tel. 08-123 456 78"),
    ("international phone", "+46 70 123 45 67"),
    ("phone with area code", "0771-11 22 33"),
    ("ISO date", "Mötet 2024-05-17"),
    ("date with time", "2024-05-17 kl. 13.00"),
    ("compact date", "20240517"),
    ("Swedish short date", "17/5 2024"),
    ("diarienummer HSN", "HSN/156/2021"),
    ("diarienummer KS", "KS 2023/0456"),
    ("diarienummer RS", "Dnr RS 2021/1234"),
    ("municipality org number", "Kommunen, org.nr 212000-" + "262" + luhn("212000262")),
    ("company org number", "AB med org.nr 556123-456" + luhn("556123456")),
    ("amount", "Budget 1 234 567 kr"),
    ("amount, date-like groups", "Budget 1 850 709 kr"),
    ("decimal amount", f"Belopp {ADULT},50 kr"),
    ("decimal fraction", f"andel 0,{ADULT}"),
    ("postal code", "411 05 Göteborg, 831 82 Östersund"),
    ("time range", "13.00–15.30"),
    ("year list", "2021, 2022, 2023 och 2024"),
    ("year range", "Planen gäller 2021–2024"),
    ("weeks", "v. 20–22 2024"),
    ("inside a longer number", f"ordernr 12{ADULT}"),
    ("number before a year", f"{ADULT}/2021"),
    ("number with a suffix", f"{HEAD}-{TAIL}-7"),
    ("wrong check digit", f"{HEAD}-{TAIL[:3]}{(int(TAIL[3]) + 1) % 10}"),
    ("month 13", "811318-123" + luhn("811318123")),
    ("day 32", "811232-123" + luhn("811232123")),
    ("no 29 February 1900", "19000229-123" + luhn("000229123")),
]


@pytest.mark.parametrize(
    ("before", "typed", "after"),
    [case[1:] for case in CAUGHT],
    ids=[case[0] for case in CAUGHT],
)
def test_every_way_of_writing_a_number_is_caught_where_it_was_typed(
    before: str, typed: str, after: str
) -> None:
    text = before + typed + after
    found = find_identity_numbers(text)
    assert len(found) == 1, found
    (match,) = found
    # The place in the ORIGINAL text (the editor selects it there), invisible characters at
    # the edges aside.
    assert match.text.strip("\ufeff\u200b\u200c\u200d\u2060\u00ad") == typed.strip(
        "\ufeff\u200b\u200c\u200d\u2060\u00ad"
    )
    assert text[match.start : match.end] == match.text
    # Shown masked: year and month, never the day or the last four digits.
    shown = match.masked
    assert "*" in shown and TAIL not in shown.replace(" ", "").replace("-", "")
    assert sum(c.isdigit() for c in shown) in (4, 6)


def test_the_table_is_as_large_as_promised() -> None:
    assert len(CAUGHT) >= 40 and len(LOOK_ALIKES) >= 20
    assert len({case[0] for case in CAUGHT}) == len(CAUGHT)


@pytest.mark.parametrize(
    "text", [case[1] for case in LOOK_ALIKES], ids=[case[0] for case in LOOK_ALIKES]
)
def test_look_alikes_are_left_alone(text: str) -> None:
    assert find_identity_numbers(text) == []


def test_masked_forms_keep_the_layout_the_user_typed() -> None:
    [grouped] = find_identity_numbers(f"81 12 18-{TAIL}")
    assert grouped.masked == "81 12 **-****"
    [long] = find_identity_numbers(f"19{HEAD}\u2011{TAIL}")
    assert long.masked == "198112**-****"
    [wide] = find_identity_numbers(full_width(f"{HEAD} {TAIL}"))
    assert wide.masked == "8112** ****"


def test_the_same_person_written_two_ways_is_one_number() -> None:
    plain = find_identity_numbers(f"{HEAD}-{TAIL}")[0]
    odd = find_identity_numbers(full_width(f"19{HEAD}\u00a0{TAIL}"))[0]
    assert plain.digits == odd.digits == ADULT
