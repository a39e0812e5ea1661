"""How much of a spreadsheet we read, decided before reading it.

The limits fit real plans (a few hundred rows, about 20 columns) and the SIP layout (one row
per period, indicator, unit and target group: about 2 200 a year) with generous headroom,
and keep the work small: refusing any file under 10 MB takes well under a second, and
reading one at the limits stays far below 300 MB of memory (benchmarks/spreadsheet_attacks).
An XLSX file is held to them before openpyxl sees a byte (services/system/xlsx_checks.py).
"""

from __future__ import annotations

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_number

# --- the limits, in one place -------------------------------------------------------------
MAX_FILE_BYTES = 20 * 1024 * 1024  # the file on disk, XLSX or CSV
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # all XML parts of an XLSX together, unpacked
MAX_ROWS = 20_000  # rows per sheet (counted as they come, not as declared)
MAX_COLUMNS = 200  # column GR
MAX_CELLS = 200_000  # cells per sheet, empty ones written in the file included
MAX_MERGED_CELLS = 200_000  # the cells all merged ranges of a sheet cover together
MAX_CELL_TEXT = 32_767  # characters in one cell: what Excel itself allows
MAX_PART_ELEMENTS = 500_000  # XML elements in any one part (a cell is two: <c><v>)
MAX_PARTS = 2_000  # files inside one XLSX; Excel writes a dozen or two


def column_letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA" (how users see columns in Excel). Worked out here, not
    by openpyxl: importing it takes half a second, and the SIP page needs these limits."""
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def check_file_size(size: int, name: str) -> None:
    if size > MAX_FILE_BYTES:
        raise DomainError(
            _(
                "{name} is {size} MB; at most {limit} MB can be read. Split it into smaller files."
            ).format(
                name=name,
                size=format_number(-(-size // (1024 * 1024))),
                limit=format_number(MAX_FILE_BYTES // (1024 * 1024)),
            )
        )
