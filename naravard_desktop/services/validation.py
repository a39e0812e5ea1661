"""Small shared checks that collect field errors, so a form can show all of them at once."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from naravard_desktop.errors import ValidationError
from naravard_desktop.i18n import _

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+()\-\s/]*$")


def clean_text(value: str) -> str:
    """Trim, normalise to NFC and drop control characters except line breaks and tabs."""
    value = unicodedata.normalize("NFC", value)
    value = "".join(c for c in value if c in "\n\t" or unicodedata.category(c) != "Cc")
    return value.strip()


def clean_line(value: str) -> str:
    """Like clean_text, for one-line fields: line breaks become spaces."""
    return " ".join(clean_text(value).split())


class FieldErrors:
    """Collects one message per field; `raise_if_any()` raises a ValidationError."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.fields.setdefault(field, message)

    def required(self, field: str, value: str, label: str) -> None:
        if not value:
            self.add(field, _("{field} must be filled in.").format(field=label))

    def max_length(self, field: str, value: str, limit: int, label: str) -> None:
        if len(value) > limit:
            self.add(
                field,
                _("{field} can be at most {limit} characters ({count} now).").format(
                    field=label, limit=limit, count=len(value)
                ),
            )

    def email(self, field: str, value: str) -> None:
        if value and not _EMAIL.match(value):
            self.add(field, _("The e-mail address should look like namn@kommun.se."))

    def phone(self, field: str, value: str) -> None:
        if value and not _PHONE.match(value):
            self.add(field, _("A phone number may only contain digits, spaces, + and -."))

    def period(self, field: str, starts: dt.date | None, ends: dt.date | None) -> None:
        if starts and ends and ends < starts:
            self.add(field, _("The end date comes before the start date."))

    def raise_if_any(self) -> None:
        if self.fields:
            raise ValidationError(self.fields)
