"""Indicator sets shipped as data (resources/indicators/*.json): SIP follow-up, a point
survey of fixed care contacts … Each group gets its own copy, so it can rename and hide
indicators; the rules stay with the shipped set and refer to indicators by code."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from naravard_desktop.errors import DomainError, NotFoundError
from naravard_desktop.i18n import _, current_language
from naravard_desktop.paths import resource_path
from naravard_desktop.services.sip.sip_rules import Rule, RuleKind, Severity

SIP_SET = "sip"


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    name_sv: str
    name_en: str
    help_sv: str
    help_en: str
    parent: str | None = None
    # Earlier Swedish names ("SIP initierade" before "Initierade SIP"): files exported under
    # them must still import.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class IndicatorSet:
    code: str
    name_sv: str
    name_en: str
    description_sv: str
    description_en: str
    units: tuple[str, ...]
    target_groups: tuple[str, ...]
    indicators: tuple[IndicatorDef, ...]
    rules: tuple[Rule, ...]

    @property
    def name(self) -> str:
        return self.name_sv if current_language() == "sv" else self.name_en


def _text(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key, "")
    return value if isinstance(value, str) else ""


def parse_set(raw: dict[str, Any]) -> IndicatorSet:
    """Checks the references between indicators and rules, so a broken file fails loudly."""
    indicators = tuple(
        IndicatorDef(
            code=str(item["code"]),
            name_sv=str(item["name_sv"]),
            name_en=_text(item, "name_en") or str(item["name_sv"]),
            help_sv=_text(item, "help_sv"),
            help_en=_text(item, "help_en"),
            parent=item.get("parent"),
            aliases=tuple(str(alias) for alias in item.get("aliases_sv", ())),
        )
        for item in raw["indicators"]
    )
    codes = {item.code for item in indicators}
    if len(codes) != len(indicators):
        raise DomainError(_("The indicator set {name} repeats a code.").format(name=raw["set"]))
    rules = []
    for item in raw.get("rules", []):
        rule = Rule(
            code=str(item["code"]),
            kind=RuleKind(item["kind"]),
            severity=Severity(item.get("severity", "warning")),
            left=item.get("left"),
            right=item.get("right"),
            total=item.get("total"),
        )
        if not set(rule.indicator_codes()) <= codes:
            raise DomainError(
                _("The rule {rule} names an unknown indicator.").format(rule=rule.code)
            )
        rules.append(rule)
    for item in indicators:
        if item.parent is not None and item.parent not in codes:
            raise DomainError(
                _("The indicator {code} names an unknown parent.").format(code=item.code)
            )
    return IndicatorSet(
        code=str(raw["set"]),
        name_sv=str(raw["name_sv"]),
        name_en=_text(raw, "name_en") or str(raw["name_sv"]),
        description_sv=_text(raw, "description_sv"),
        description_en=_text(raw, "description_en"),
        units=tuple(raw.get("units", ())),
        target_groups=tuple(raw.get("target_groups", ())),
        indicators=indicators,
        rules=tuple(rules),
    )


@cache
def available_sets() -> dict[str, IndicatorSet]:
    folder = resource_path("indicators")
    found: dict[str, IndicatorSet] = {}
    for path in sorted(folder.glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            parsed = parse_set(json.load(handle))
        found[parsed.code] = parsed
    return found


def get_set(code: str) -> IndicatorSet:
    try:
        return available_sets()[code]
    except KeyError:
        raise NotFoundError(
            _("There is no indicator set called {code}.").format(code=code)
        ) from None


def shipped_names(set_code: str, code: str) -> tuple[str, ...]:
    """Every name the shipped set has given the indicator (now and earlier, both languages),
    so that a file written before a rename, or by a group that kept an old name, still
    finds it; an indicator the group made up itself has none."""
    found = available_sets().get(set_code)
    for item in found.indicators if found else ():
        if item.code == code:
            return (item.name_sv, item.name_en, *item.aliases)
    return ()


def rules_for(code: str) -> tuple[Rule, ...]:
    """The shipped rules of a set; a set the group made up itself has none."""
    found = available_sets().get(code)
    return found.rules if found else ()
