"""What a plan import reads and shows before anything is written: the header row and the
columns it names (services/plan/plan_columns.py), the areas and activities found, the rows it
left out and why, every problem by row and column, and the user's corrections
(ImportOptions). services/plan/plan_import.py re-exports all of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from naravard_desktop.i18n import _
from naravard_desktop.services.plan.plan_columns import COLUMNS
from naravard_desktop.services.plan.plan_layouts import cell_text, norm
from naravard_desktop.services.system.spreadsheets import CellValue, Sheet, cell_name, shown

if TYPE_CHECKING:
    from naravard_desktop.services.plan.read_models import ActivityInput, PlanInput, RevisionInput

_ALIASES = {alias: key for key, (label, aliases) in COLUMNS.items() for alias in aliases}
_ALIASES.update({label.lower(): key for key, (label, _a) in COLUMNS.items()})
HEADER_SEARCH_ROWS = 60


def header_columns(row: list[CellValue]) -> dict[str, int]:
    """Column key → column, for the headers of a row that it knows."""
    columns: dict[str, int] = {}
    for number, value in enumerate(row):
        key = _ALIASES.get(norm(value)) if isinstance(value, str) else None
        if key is not None and key not in columns:
            columns[key] = number
    return columns


def find_header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    """The first row with an Activity column, within the first rows (a title block above)."""
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        columns = header_columns(row)
        if "activity" in columns:
            return index, columns
    return None


def unknown_columns(header: list[CellValue], columns: dict[str, int], row: int) -> list[Problem]:
    """A note for each headed column the import does not know (it is left out)."""
    used = set(columns.values())
    return [
        Problem(
            row,
            number,
            _(
                "The column “{name}” is not known and is left out. Rename it if it should be "
                "imported."
            ).format(name=shown(cell_text(value))),
            blocking=False,
        )
        for number, value in enumerate(header)
        if value is not None and number not in used
    ]


@dataclass(frozen=True)
class Problem:
    row: int  # zero-based spreadsheet row
    column: int | None  # zero-based column, None for the whole row
    message: str
    blocking: bool = True
    sheet: str = ""  # set when not the sheet of activities ("Om planen"), or several sheets
    place: str = ""  # how a Word document's row is found: "tabell 2, rad 3"

    @property
    def where(self) -> str:
        if self.place:
            return self.place
        if self.column is None:
            place = _("row {row}").format(row=self.row + 1)
        else:
            place = cell_name(self.row, self.column)
        if self.sheet:
            return _("sheet “{sheet}”, {where}").format(sheet=self.sheet, where=place)
        return place

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ImportArea:
    number: str
    title: str
    description: str = ""
    parent: int | None = None  # index in ImportPreview.areas
    row: int = 0
    sheet: str = ""  # set when each sheet is an area

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass(frozen=True)
class ImportActivity:
    area: int  # index in ImportPreview.areas
    data: ActivityInput
    row: int
    sheet: str = ""


@dataclass(frozen=True)
class ImportOptions:
    """The user's corrections in the preview: which sheet (None: found by itself), rows
    read as activities or as headings ((sheet name, zero-based row)), and bullet lists
    split into one activity per line (None: when every line of the cell is a bullet)."""

    sheet: str | None = None
    as_activity: frozenset[tuple[str, int]] = frozenset()
    as_heading: frozenset[tuple[str, int]] = frozenset()
    split_bullets: bool | None = None


@dataclass
class ImportPreview:
    source: str
    sheet: str
    plan: PlanInput
    areas: list[ImportArea] = field(default_factory=list)
    activities: list[ImportActivity] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    revisions: list[RevisionInput] = field(default_factory=list)
    skipped: list[tuple[str, int, str]] = field(default_factory=list)  # sheet, row, reason
    found: list[tuple[str, int, str]] = field(default_factory=list)  # sheet, row, what it gave
    bullet_cells: int = 0  # activity cells holding a bullet list
    bullets_split: int = 0  # … of them read as one activity per line
    sheets: list[str] = field(default_factory=list)  # the sheets that hold a plan table
    options: ImportOptions = ImportOptions()
    tables: list[Sheet] = field(default_factory=list, repr=False)  # read again with options

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]

    @property
    def can_apply(self) -> bool:
        return not self.blocking and bool(self.areas or self.activities)

    def place(self, sheet: str, row: int) -> str:
        """ "tabell 2, rad 3" or "stycket ”GODKÄNT AV”" for a row of a Word document; ""
        for a spreadsheet, whose rows are named by number."""
        name = self.sheet_of(sheet)
        table = next((t for t in self.tables if t.name == name), None)
        places: tuple[str, ...] = getattr(table, "places", ())
        return places[row] if 0 <= row < len(places) else ""

    def sheet_of(self, where: str) -> str:
        """The sheet name a row belongs to ("" means the sheet of the preview)."""
        return where or self.sheet


@dataclass(frozen=True)
class IdentityProblem(Problem):
    """A text that looks like it holds a personal identity number (a note: the file can be
    imported with a reason)."""


@dataclass(frozen=True)
class TitleProblem(IdentityProblem):
    """About the plan's title, which has no row of its own."""

    @property
    def where(self) -> str:
        return _("Plan title")
