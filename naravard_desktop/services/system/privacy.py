"""Privacy guard: free text that looks like it holds a Swedish personal identity number.

Protocols, decisions and plans are about how care is organised, never about one patient. A
personnummer (or samordningsnummer: day of birth + 60) typed into a note by mistake would end
up in a public protocol, so services refuse such text with `PrivacyWarning` unless the caller
gives a reason to keep it (`privacy_override`). The reason is written to the app log together
with where the text was saved (never the number itself): the schema has no column for it.

What counts as a number, and how it is found in text written in any way, is in
services/system/identity_numbers.py.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.system.identity_numbers import (
    IdentityNumber,
    find_identity_numbers,
    luhn_check_digit,
)
from naravard_desktop.services.system.validation import clean_line

__all__ = [
    "REASON_LIMIT",
    "IdentityNumber",
    "PrivacyWarning",
    "check_free_text",
    "find_identity_numbers",
    "luhn_check_digit",
    "new_identity_numbers",
]

log = logging.getLogger(__name__)

REASON_LIMIT = 500


class PrivacyWarning(DomainError):
    """Text that looks like it holds personal identity numbers; `matches` maps each field
    name to what was found there, `labels` what the user calls each field ("Ansvarig (rad
    4)"). Save again with a reason (`privacy_override`) to keep it."""

    def __init__(
        self,
        message: str,
        matches: Mapping[str, list[IdentityNumber]],
        labels: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.matches = {name: list(found) for name, found in matches.items()}
        self.labels = {name: (labels or {}).get(name, name) for name in self.matches}


def new_identity_numbers(text: str, previous: str = "") -> list[IdentityNumber]:
    """Numbers in `text` that `previous` (what was saved before) did not already hold: a
    number kept once with a reason is not asked about again at every autosave."""
    known = {number.digits for number in find_identity_numbers(previous)} if previous else set()
    return [number for number in find_identity_numbers(text) if number.digits not in known]


def check_free_text(
    texts: Mapping[str, str],
    override: str | None,
    *,
    where: str,
    labels: Mapping[str, str],
    previous: Mapping[str, str] | None = None,
) -> None:
    """Raise PrivacyWarning when a text (field name → text) holds an identity number that
    the field's previous text did not, unless `override` is a non-empty reason; then log the
    override (where, which fields, how many numbers, the reason; never the numbers)."""
    earlier = previous or {}
    matches = {
        name: found
        for name, text in texts.items()
        if (found := new_identity_numbers(text, earlier.get(name, "")))
    }
    if not matches:
        return
    reason = clean_line(override or "")[:REASON_LIMIT]
    if reason:
        log.warning(
            "privacy override: %s, field(s) %s, %d identity number(s) kept; reason: %s",
            where,
            ", ".join(sorted(matches)),
            sum(len(found) for found in matches.values()),
            reason,
        )
        return
    raise PrivacyWarning(_describe(matches, labels), matches, labels)


def _describe(matches: Mapping[str, list[IdentityNumber]], labels: Mapping[str, str]) -> str:
    parts = []
    for name, found in matches.items():
        shown = ", ".join(number.masked for number in found[:3])
        parts.append(
            ngettext(
                "{field} seems to contain {count} personal identity number ({numbers}).",
                "{field} seems to contain {count} personal identity numbers ({numbers}).",
                len(found),
            ).format(field=labels.get(name, name), count=len(found), numbers=shown)
        )
    parts.append(
        _(
            "Protocols and plans must not hold data about individuals. Remove the number, "
            "or give a reason to save the text anyway."
        )
    )
    return " ".join(parts)
