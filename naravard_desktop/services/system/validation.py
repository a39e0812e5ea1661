"""Small shared checks that collect field errors, so a form can show all of them at once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

from naravard_desktop.errors import ValidationError
from naravard_desktop.i18n import _, format_number

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    _Input = TypeVar("_Input", bound=DataclassInstance)

# Length limits by kind of field, chosen to fit every output: an Excel cell holds 32 767
# characters, a title must fit a PDF heading and a spreadsheet column, a text a few pages.
LINE_LIMIT = 300  # one-line fields: titles, names, places
SHORT_TEXT_LIMIT = 2_000  # short texts that may break lines: an activity, who is responsible
TEXT_LIMIT = 10_000  # multi-line texts: descriptions, follow-up, notes

# Unicode's control characters (category Cc) but tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_DROPPED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # clean_text keeps tab and line feed
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+()\-\s/]*$")


def control_character(value: str) -> str | None:
    """The first control character (BEL, ESC, NUL …) in `value` other than tab and line
    breaks: invisible on screen and in print, and impossible to write to an Excel file."""
    match = _CONTROL.search(value)
    return match.group() if match else None


def clean_text(value: str) -> str:
    """Trim, normalise to NFC and drop control characters except line breaks and tabs
    (validation refuses them first with FieldErrors.visible; this is the safety net)."""
    value = unicodedata.normalize("NFC", value)
    value = _DROPPED.sub("", value)
    return value.strip()


def clean_line(value: str) -> str:
    """Like clean_text, for one-line fields: line breaks become spaces."""
    return " ".join(clean_text(value).split())


def cleaned_fields(
    data: _Input, lines: Iterable[str] = (), texts: Iterable[str] = (), **values: Any
) -> _Input:
    """`data` (an input) with the one-line fields named in `lines` through clean_line, those
    in `texts` through clean_text, and `values` given here in place of what they name."""
    changes = {name: clean_line(getattr(data, name)) for name in lines}
    changes.update({name: clean_text(getattr(data, name)) for name in texts})
    return dataclasses.replace(data, **changes, **values)


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
                    field=label, limit=format_number(limit), count=format_number(len(value))
                ),
            )

    def visible(self, field: str, value: str, label: str) -> None:
        """Refuses a control character other than tab and line breaks (check the text as
        typed, before clean_text drops them)."""
        char = control_character(value)
        if char is not None:
            self.add(
                field,
                _(
                    "{field} contains an invisible control character ({code}), perhaps pasted "
                    "with the text. Remove it or type the text again."
                ).format(field=label, code=f"U+{ord(char):04X}"),
            )

    def text(self, field: str, raw: str, cleaned: str, limit: int, label: str) -> None:
        """`visible` on the text as typed and `max_length` on the cleaned text."""
        self.visible(field, raw, label)
        self.max_length(field, cleaned, limit, label)

    def email(self, field: str, value: str) -> None:
        if value and not _EMAIL.match(value):
            self.add(field, _("The e-mail address should look like name@example.com."))

    def phone(self, field: str, value: str) -> None:
        if value and not _PHONE.match(value):
            self.add(field, _("A phone number may only contain digits, spaces, + and -."))

    def period(self, field: str, starts: dt.date | None, ends: dt.date | None) -> None:
        if starts and ends and ends < starts:
            self.add(field, _("The end date comes before the start date. Check the dates."))

    def choice(self, field: str, value: object, choices: type[Enum], message: str) -> None:
        """Refuses a value that is none of `choices` (a form offers only those; a file or a
        script may give anything)."""
        try:
            choices(value)
        except ValueError:
            self.add(field, message)

    def raise_if_any(self) -> None:
        if self.fields:
            raise ValidationError(self.fields)
