"""Checks on follow-up counts: hard limits (whole numbers ≥ 0, not absurdly large) that stop a
save, and rules from the indicator set (followed up ≤ held ≤ initiated, parts add up to the
total) that only warn, because real data can be odd (a SIP initiated last period is held in
this one)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_number

MAX_COUNT = 100_000
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_INTEGER = re.compile(r"^[+]?\d+$")
_WHOLE_DECIMAL = re.compile(r"^[+]?(\d+)[.,]0+$")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


class CountError(DomainError):
    """A value that can never be saved: text, negative, decimal or absurdly large."""


class RuleKind(StrEnum):
    AT_MOST = "at_most"  # left ≤ right
    PARTS_SUM = "parts_sum"  # the "varav" breakdowns add up to the total


class Severity(StrEnum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Rule:
    code: str
    kind: RuleKind
    severity: Severity = Severity.WARNING
    left: str | None = None
    right: str | None = None
    total: str | None = None

    def indicator_codes(self) -> tuple[str, ...]:
        return tuple(c for c in (self.left, self.right, self.total) if c is not None)


@dataclass(frozen=True)
class RuleIssue:
    """A broken rule in one column of one period; `codes` are the cells to mark."""

    rule: str
    severity: Severity
    codes: tuple[str, ...]
    message: str


def parse_count(text: str) -> int | None:
    """A typed or pasted cell: None for empty; raises CountError with a Swedish sentence."""
    cleaned = _SPACES.sub("", text)
    if not cleaned or cleaned in {"-", "–"}:
        return None
    match = _WHOLE_DECIMAL.match(cleaned)
    if match:
        cleaned = match.group(1)
    if _INTEGER.match(cleaned):
        value = int(cleaned)
        if value > MAX_COUNT:
            raise CountError(
                _(
                    "{value} is too large to be a count here (at most {limit}). Check the number."
                ).format(value=format_number(value), limit=format_number(MAX_COUNT))
            )
        return value
    if _NUMBER.match(cleaned):
        if cleaned.startswith("-") and not re.search(r"[.,]\d*[1-9]", cleaned):
            raise CountError(
                _("A count cannot be negative ({text}). Type a whole number 0 or more.").format(
                    text=text.strip()
                )
            )
        raise CountError(_("{text} has decimals. Write a whole number.").format(text=text.strip()))
    raise CountError(
        _("“{text}” is not a number. Type a whole number 0 or more, or leave it empty.").format(
            text=text.strip()[:40]
        )
    )


def check_value(value: int) -> None:
    """The hard limits for a value that is already a number (an import, a CLI call)."""
    if value < 0:
        raise CountError(
            _("A count cannot be negative ({text}). Type a whole number 0 or more.").format(
                text=value
            )
        )
    if value > MAX_COUNT:
        raise CountError(
            _(
                "{value} is too large to be a count here (at most {limit}). Check the number."
            ).format(value=format_number(value), limit=format_number(MAX_COUNT))
        )


def check_column(
    rules: Sequence[Rule],
    values: Mapping[str, int],
    names: Mapping[str, str],
    parts: Mapping[str, Sequence[str]],
) -> list[RuleIssue]:
    """The rules broken by one column (one unit × target group) of a period.

    `values` holds the cells that were filled in, by indicator code; a rule about an empty
    cell is not checked. `names` gives each code's current name (the group may have renamed
    it), `parts` the codes of each total's breakdowns.
    """
    issues: list[RuleIssue] = []
    for rule in rules:
        if rule.kind is RuleKind.AT_MOST and rule.left and rule.right:
            left, right = values.get(rule.left), values.get(rule.right)
            if left is None or right is None or left <= right:
                continue
            if rule.left not in names or rule.right not in names:
                continue
            message = _(
                "{left} ({left_value}) is more than {right} ({right_value}). Check the counts."
            ).format(
                left=names[rule.left], left_value=left, right=names[rule.right], right_value=right
            )
            issues.append(RuleIssue(rule.code, rule.severity, (rule.left, rule.right), message))
        elif rule.kind is RuleKind.PARTS_SUM and rule.total:
            total = values.get(rule.total)
            codes = [c for c in parts.get(rule.total, ()) if c in names]
            filled = [values[c] for c in codes if c in values]
            if total is None or not filled or sum(filled) == total or rule.total not in names:
                continue
            message = _(
                "The parts of {total} add up to {sum}, but the total given is {total_value}. "
                "Check the counts."
            ).format(total=names[rule.total], sum=sum(filled), total_value=total)
            involved = (rule.total, *(c for c in codes if c in values))
            issues.append(RuleIssue(rule.code, rule.severity, involved, message))
    return issues
