"""Where a line of a document must not break, for the PDF and DOCX writers alike.

"§ 5", "kl. 13.00", "28 maj 2026" ("May 28, 2026") and "tfn 0640-134 12" are read as one
unit: a line that ends with "§" or "kl." and goes on with the number reads wrong, and a
phone number or a number grouped with spaces must stay whole, so the spaces in them become
non-breaking spaces (U+00A0, which the embedded DejaVu fonts draw and ReportLab does not
break at; text extraction gives an ordinary space). The dash of an ISO date range stays with
the first date ("2026-01-01 – 2026-03-31" may break only after the dash). Babel's narrow
no-break space in English times ("1:00 PM") becomes U+00A0, since ReportLab breaks at the
narrow one. ISO dates themselves need nothing in a PDF (ReportLab never breaks at a hyphen);
the DOCX writer gives them Word's non-breaking hyphen.
"""

from __future__ import annotations

import re
from functools import cache

from babel.dates import get_month_names

NBSP = "\u00a0"

_DIGIT = re.compile(r"\d")
_SECTION = re.compile(r"(§§?) (?=\d)")
_CLOCK = re.compile(r"(?<![^\s(])(kl\.|tfn|tel\.|phone) (?=\d)")
_DIGIT_GROUPS = re.compile(r"(?<=\d) (?=\d)")
_RANGE_DASH = re.compile(r"(\d{4}-\d{2}-\d{2}) (?=– )")


@cache
def _long_dates() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "28 maj 2026" (Swedish) and "May 28, 2026" (English), month names from Babel."""
    swedish = "|".join(get_month_names("wide", locale="sv").values())
    english = "|".join(get_month_names("wide", locale="en").values())
    return (
        re.compile(rf"\b(\d{{1,2}}) ({swedish}) (?=\d{{4}}\b)"),
        re.compile(rf"\b({english}) (\d{{1,2}}), (?=\d{{4}}\b)"),
    )


def keep_together(text: str) -> str:
    """`text` with non-breaking spaces where a line must not break (see the module)."""
    if not text:
        return text
    text = text.replace("\u202f", NBSP)
    if not _DIGIT.search(text):
        return text  # every rule below keeps a number with what stands beside it
    if "§" in text:
        text = _SECTION.sub(rf"\1{NBSP}", text)
    text = _CLOCK.sub(rf"\1{NBSP}", text)
    text = _DIGIT_GROUPS.sub(NBSP, text)
    if "– " in text:
        text = _RANGE_DASH.sub(rf"\1{NBSP}", text)
    swedish, english = _long_dates()
    text = swedish.sub(rf"\1{NBSP}\2{NBSP}", text)
    return english.sub(rf"\1{NBSP}\2,{NBSP}", text)
