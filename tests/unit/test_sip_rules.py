"""SIP rules: hard limits that stop a save, and the set's rules that warn in Swedish."""

from __future__ import annotations

import pytest

from naravard_desktop.services.sip import indicator_sets
from naravard_desktop.services.sip.sip_rules import (
    MAX_COUNT,
    CountError,
    Rule,
    RuleKind,
    Severity,
    check_column,
    parse_count,
)

SIP = indicator_sets.get_set("sip")
NAMES = {i.code: i.name_sv for i in SIP.indicators}
PARTS: dict[str, list[str]] = {}
for _item in SIP.indicators:
    if _item.parent:
        PARTS.setdefault(_item.parent, []).append(_item.code)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7", 7),
        (" 12 ", 12),
        ("0", 0),
        ("1 234", 1234),
        ("1\u00a0234", 1234),
        ("3,0", 3),
        ("", None),
    ],
)
def test_whole_numbers_are_read_as_typed_in_swedish_excel(text: str, value: int | None) -> None:
    assert parse_count(text) == value


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("-3", "negativt"),
        ("2,5", "har decimaler. Skriv ett heltal."),
        ("0.5", "har decimaler. Skriv ett heltal."),
        ("tre", "inte ett tal"),
        ("12a", "inte ett tal"),
        (str(MAX_COUNT + 1), "för stort"),
        ("99999999999999999999", "för stort"),
    ],
)
def test_bad_values_are_refused_with_a_swedish_reason(text: str, words: str) -> None:
    with pytest.raises(CountError) as caught:
        parse_count(text)
    assert words in caught.value.message


def test_a_consistent_column_breaks_no_rule() -> None:
    column = {
        "initiated": 10,
        "initiated_region": 4,
        "initiated_municipality": 6,
        "held": 8,
        "followed_up": 5,
        "followed_up_on_time": 3,
        "followed_up_late": 2,
        "person_took_part": 8,
    }
    assert check_column(SIP.rules, column, NAMES, PARTS) == []


def test_followed_up_more_than_held_is_explained() -> None:
    issues = check_column(SIP.rules, {"held": 3, "followed_up": 5}, NAMES, PARTS)
    assert [i.rule for i in issues] == ["followed_up_le_held"]
    assert issues[0].severity is Severity.WARNING
    assert issues[0].codes == ("followed_up", "held")
    assert issues[0].message == (
        "Uppföljda SIP (5) är fler än Genomförda SIP-möten (3). Kontrollera antalen."
    )


def test_held_more_than_initiated_and_person_more_than_held() -> None:
    issues = check_column(
        SIP.rules, {"initiated": 2, "held": 4, "person_took_part": 6}, NAMES, PARTS
    )
    assert {i.rule for i in issues} == {"held_le_initiated", "person_le_held"}


def test_parts_that_do_not_add_up_to_the_total() -> None:
    issues = check_column(
        SIP.rules,
        {"initiated": 10, "initiated_region": 3, "initiated_school": 2},
        NAMES,
        PARTS,
    )
    assert [i.rule for i in issues] == ["initiated_parts"]
    assert issues[0].codes == ("initiated", "initiated_region", "initiated_school")
    assert issues[0].message == (
        "Summan av delarna under Initierade SIP är 5, men som totalt har 10 angetts. "
        "Kontrollera antalen."
    )


def test_empty_cells_are_not_judged() -> None:
    assert check_column(SIP.rules, {"followed_up": 5}, NAMES, PARTS) == []
    assert check_column(SIP.rules, {"initiated": 5}, NAMES, PARTS) == []


def test_renamed_indicators_are_named_as_the_group_calls_them() -> None:
    names = dict(NAMES, held="Hållna möten")
    issues = check_column(SIP.rules, {"held": 1, "followed_up": 2}, names, PARTS)
    assert "Hållna möten (1)" in issues[0].message


def test_rules_of_a_hidden_indicator_are_skipped() -> None:
    names = {k: v for k, v in NAMES.items() if k != "held"}
    assert check_column(SIP.rules, {"held": 1, "followed_up": 2}, names, PARTS) == []


def test_rules_are_data_in_the_shipped_sets() -> None:
    sets = indicator_sets.available_sets()
    assert {"sip", "fast_vardkontakt"} <= set(sets)
    assert Rule("held_le_initiated", RuleKind.AT_MOST, left="held", right="initiated") in (
        SIP.rules
    )
    survey = sets["fast_vardkontakt"]
    assert survey.name_sv == "Punktmätning fast vårdkontakt"
    assert all(i.name_en and i.help_sv and i.help_en for i in SIP.indicators)


def test_a_set_with_a_rule_about_an_unknown_indicator_is_refused() -> None:
    raw = {
        "set": "x",
        "name_sv": "X",
        "indicators": [{"code": "a", "name_sv": "A"}],
        "rules": [{"code": "r", "kind": "at_most", "left": "a", "right": "b"}],
    }
    with pytest.raises(Exception, match="okänd"):
        indicator_sets.parse_set(raw)
