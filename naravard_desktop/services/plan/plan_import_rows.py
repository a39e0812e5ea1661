"""What each row of a plan's table is: a heading (an area or sub-area), an activity (one per
bullet line when the cell holds a list), the column headers again, or nothing.

A heading is a row with one text: in its first cell only, or across a merged range (which
repeats its value in every cell). When a sheet marks its headings (merged, bold, filled or
larger) an unmarked one-cell row is an activity with only its title. The number at the start
of a heading places it in the tree (services/plan/plan_layouts.parse_number); the indent of an
area cell (our own exports) does so exactly. The user's corrections from the preview (row N
as an activity / as a heading, bullets split or not) come in as ImportOptions. The cells of
an activity row are read by services/plan/plan_import_cells.py.
"""

from __future__ import annotations

from dataclasses import replace

from naravard_desktop.errors import ValidationError
from naravard_desktop.i18n import N_, _
from naravard_desktop.services.plan.plan_import_cells import RowCells
from naravard_desktop.services.plan.plan_import_model import (
    ImportActivity,
    ImportArea,
    ImportOptions,
    ImportPreview,
    Problem,
    header_columns,
    unknown_columns,
)
from naravard_desktop.services.plan.plan_items import validate_area
from naravard_desktop.services.plan.plan_layouts import (
    APPROVAL_LABELS,
    Numbering,
    bullet_lines,
    distinct,
    norm,
    parse_number,
    split_number,
    strip_bullet,
)
from naravard_desktop.services.plan.read_models import AreaInput
from naravard_desktop.services.system.spreadsheets import CellValue, Sheet

# Why a row was left out, as the preview lists it.
# Why a row is left out: the key is stored in the preview, the text shown in the user's language.
EMPTY_ROW, HEADERS_AGAIN, SIGNATURE, TEXT_PARAGRAPH, ABOVE_TABLE = (
    "empty",
    "headers",
    "approval",  # "GODKÄNT AV" / a name, "GILTIGT FR O M" / a date
    "paragraph",  # a Word paragraph
    "above",
)
SKIP_REASONS = {
    EMPTY_ROW: N_("empty row"),
    HEADERS_AGAIN: N_("column headers again"),
    SIGNATURE: N_("approval block"),
    TEXT_PARAGRAPH: N_("text, neither an area nor an activity"),
    ABOVE_TABLE: N_("text above the table"),
}

DEFAULT_AREA = N_("Activities")


class RowReader:
    """Walks the rows under the header of one sheet and fills the preview."""

    def __init__(
        self,
        sheet: Sheet,
        header: tuple[int, dict[str, int]],
        out: ImportPreview,
        options: ImportOptions,
        *,
        sheet_area: bool = False,
    ) -> None:
        self.sheet = sheet
        self.rows = sheet.rows
        self.header_row, self.columns = header
        self.out = out
        self.options = options
        self.current: int | None = None  # index of the area activities go to
        self.current_text = ""  # the area cell that made the current area
        self.signature_value = -1  # the row under an approval label
        self.split_default: bool | None = None  # None: split cells that are all bullets
        self.base: int | None = None  # the area of the whole sheet (one area per sheet)
        self.last_top: int | None = None
        self.tops: dict[str, int] = {}  # number of a top area → its index
        self.depths: dict[int, int] = {}  # area index → indent depth
        self.where = sheet.name if sheet_area else ""
        self.cells = RowCells(sheet, self.columns, out, self.where)
        self.area_column = self.columns.get("area")
        self.indented = self.area_column is not None and any(
            column == self.area_column for _row, column in sheet.indents
        )
        self.marks = self._marked_rows()
        self.prose: frozenset[int] = getattr(sheet, "prose", frozenset())
        # A Word document's heading levels: a deeper heading is a sub-area.
        self.levels: dict[int, int] = getattr(sheet, "levels", {})
        self.top_level: int | None = None
        if sheet_area:
            self.base = self._add_area(sheet.name, self.header_row, None)
            self.last_top = None

    def is_header(self, row: list[CellValue]) -> bool:
        return "activity" in header_columns(row)

    # --- the walk ---------------------------------------------------------------------------

    def read(self, activities: bool = True) -> None:
        """Every row under the header into the preview; without `activities` only the areas
        (what a probe of the sheet's layout needs: an activity row never changes how a
        later row is read)."""
        last = max(
            (i for i, row in enumerate(self.rows) if any(v is not None for v in row)), default=0
        )
        self._unknown_columns(self.rows[self.header_row])
        for index in range(self.header_row + 1, last + 1):
            row = self.rows[index]
            if not any(value is not None for value in row):
                self._skip(index, EMPTY_ROW)
            elif index in self.prose and not self._overridden(index):
                self._skip(index, TEXT_PARAGRAPH)
            elif self.is_header(row):
                self._skip(index, HEADERS_AGAIN)
            elif self._signature(index, texts := distinct(row)):  # the row's texts, once
                self._skip(index, SIGNATURE)
            elif (heading := self._heading_text(index, row, texts)) is not None:
                self.heading(index, heading)
            elif activities:
                self._row(index, row)
        for area in self.out.areas:
            self._check_area(area)

    def _unknown_columns(self, header: list[CellValue]) -> None:
        for problem in unknown_columns(header, self.columns, self.header_row):
            self.out.problems.append(
                replace(problem, sheet=self.where, place=self.cells.place(self.header_row))
            )

    def heading_above(self) -> list[int]:
        """The heading line right above the first header (no empty row between), when the
        sheet has no area column: the first area, as in Handlingsplan 2024. In a Word
        document, the headings of higher levels right above it too ("Heading 1" then
        "Heading 2" then the table), top first."""
        if "area" in self.columns or self.base is not None or self.header_row == 0:
            return []
        if getattr(self.sheet, "lists", False):
            return []  # the areas follow the header made for the lists
        found: list[int] = []
        index = self.header_row - 1
        while index >= 0 and index in self.prose and self.levels:
            index -= 1  # Word: text between the heading and its table
        while index >= 0 and index not in self.prose:  # a Word paragraph of text: no heading
            texts = distinct(self.rows[index])
            if len(texts) != 1 or self.is_header(self.rows[index]):
                break
            level = self.levels.get(index)
            if found and (level is None or level >= self.levels.get(found[-1], 0) or level == 0):
                break
            found.append(index)
            if level is None:
                break
            index -= 1
        return found[::-1]

    def _signature(self, index: int, texts: list[str]) -> bool:
        """An approval block under the table: a label of its own and the line under it."""
        if self._overridden(index):
            return False
        if len(texts) == 1 and norm(texts[0]) in APPROVAL_LABELS:
            self.signature_value = index + 1
            return True
        return index == self.signature_value and len(texts) == 1

    def _skip(self, index: int, reason: str) -> None:
        self.out.skipped.append((self.where, index, reason))

    def _overridden(self, index: int) -> bool:
        key = (self.sheet.name, index)
        return key in self.options.as_heading or key in self.options.as_activity

    def _marked_rows(self) -> frozenset[int]:
        """Rows marked as headings by merging or style, when the sheet marks some (and not
        nearly all of its rows, as a sheet formatted bold throughout does)."""
        merged = {
            top for top, left, bottom, right in self.sheet.merged if right > left and top == bottom
        }
        self.merged_rows = frozenset(merged)
        body = [i for i in range(self.header_row + 1, len(self.rows)) if any(self.rows[i])]
        emphasis = {i for i in self.sheet.emphasis if i > self.header_row}
        if body and len(emphasis) > 0.6 * len(body):
            emphasis = set()
        return frozenset((merged | emphasis) - {self.header_row})

    def _heading_text(self, index: int, row: list[CellValue], texts: list[str]) -> str | None:
        key = (self.sheet.name, index)
        if key in self.options.as_activity:
            return None
        if key in self.options.as_heading:
            return texts[0] if texts else None
        filled = [column for column, value in enumerate(row) if value is not None]
        if len(texts) != 1:
            return None
        if len(filled) >= 2:  # one text across a merged range is a heading; a CSV has none
            return texts[0] if index in self.merged_rows else None
        if self.area_column is not None:
            return None  # area rows have their own column
        first = min(self.columns.values())
        if filled[0] > max(first, self.columns["activity"]):
            return None  # only a later column: an activity without its title
        if self.marks and index not in self.marks and split_number(texts[0])[0] is None:
            return None  # the sheet marks its headings, and this row is not marked
        return texts[0]

    def heading(self, index: int, text: str) -> None:
        numbering, title = split_number(text)
        level = self.levels.get(index)
        if self.top_level is None:  # the highest level of the headings from here on
            later = [lv for row, lv in self.levels.items() if row >= index and lv > 0]
            self.top_level = min(later, default=0)
        deeper = level is not None and level > self.top_level
        if numbering is None and deeper and self.last_top is not None:
            numbering = Numbering("", None, True)  # a Word "Heading 2" under a "Heading 1"
        self._add_area(title or text, index, numbering)

    # --- areas ------------------------------------------------------------------------------

    def _add_area(
        self, title: str, index: int, numbering: Numbering | None, number: str | None = None
    ) -> int:
        area = ImportArea(
            number=number if number is not None else (numbering.number if numbering else ""),
            title=title or (number or ""),
            row=index,
            sheet=self.where,
        )
        area.parent = self._parent(index, numbering)
        self.out.areas.append(area)
        position = len(self.out.areas) - 1
        if area.parent == self.base and self.base != position:
            self.last_top = position
            if numbering is not None and not numbering.sub:
                self.tops[numbering.number] = position
        self.current = position
        return position

    def _parent(self, index: int, numbering: Numbering | None) -> int | None:
        if self.indented and self.area_column is not None:
            depth = self.sheet.indents.get((index, self.area_column), 0)
            self.depths[len(self.out.areas)] = depth
            for earlier in range(len(self.out.areas) - 1, -1, -1):
                if self.depths.get(earlier, -1) < depth:
                    return earlier
            return self.base
        if numbering is None or not numbering.sub:
            return self.base
        if numbering.lead is None:
            return self.last_top if self.last_top is not None else self.base
        parent = self.tops.get(numbering.lead)
        if parent is None:  # "1 a)" with no heading "1": the area is made for it
            parent = self._add_area(
                _("Area {number}").format(number=numbering.lead),
                index,
                Numbering(numbering.lead),
            )
        return parent

    def _check_area(self, area: ImportArea) -> None:
        """As the area form checks it: a too long title or number, a control character."""
        if area.sheet != self.where:
            return
        try:
            validate_area(AreaInput(area.title, area.number, area.description))
        except ValidationError as error:
            for name, message in error.fields.items():
                key = {"title": "area"}.get(name, name)
                self.cells.problem(area.row, key if key in self.columns else "area", message)

    # --- activity rows ----------------------------------------------------------------------

    def _row(self, index: int, row: list[CellValue]) -> None:
        area_text = self.cells.text(row, "area", index)
        number = self.cells.text(row, "number", index)
        title = self.cells.text(row, "activity", index)
        if not title:
            if area_text or number:
                self._area_row(index, area_text, number)
                self.out.areas[-1].description = self.cells.text(row, "description", index)
            else:
                self.out.problems.append(self._note(index))
            return
        if area_text and (self.current is None or not self._same_area(area_text, number)):
            self._area_row(index, area_text, number)
        if self.current is None:
            self._add_area(_(DEFAULT_AREA), index, None)
        assert self.current is not None
        split = self.options.split_bullets
        if split is None:
            split = self.split_default
        items, all_bullets = bullet_lines(title)
        if items:
            self.out.bullet_cells += 1
            if split if split is not None else all_bullets:
                self.out.bullets_split += 1
                for item in items:
                    self._activity(index, row, item)
                return
        elif split is not False:
            title = strip_bullet(title)  # a list of one
        self._activity(index, row, title)

    def _area_row(self, index: int, text: str, number: str) -> None:
        self.current_text = text
        if number:
            self._add_area(text or number, index, parse_number(number), number)
        else:
            numbering, title = split_number(text)
            self._add_area(title or text, index, numbering)

    def _note(self, index: int) -> Problem:
        return Problem(
            index,
            self.columns["activity"],
            _(
                "The row has no activity and is left out. Fill in the activity if the row "
                "should be imported."
            ),
            blocking=False,
            sheet=self.where,
            place=self.cells.place(index),
        )

    def _same_area(self, text: str, number: str) -> bool:
        assert self.current is not None
        area = self.out.areas[self.current]
        same = text in (self.current_text, area.title, area.label)
        return same and (not number or number == area.number)

    def _activity(self, index: int, row: list[CellValue], title: str) -> None:
        cleaned = self.cells.activity(index, row, title)
        if cleaned is not None:
            assert self.current is not None
            self.out.activities.append(ImportActivity(self.current, cleaned, index, self.where))
