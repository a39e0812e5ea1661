"""Importing a plan from XLSX or CSV as groups keep them, with a preview first.

Headers may be Swedish or English in any order (Område, Aktivitet, Ansvar / Ansvar för
genomförande, Tidsplan / Tidplan, Uppföljning, Status …). Area rows (an area and no activity)
may be mixed with activity rows; a sheet without an area column takes the heading line above
each header row as the area (as in Jämtland Härjedalen's Handlingsplan 2024). Merged cells
repeat their value (services/spreadsheets.py). `read_plan_file` writes nothing: it returns
what would be created and every problem by row and column; `apply_import` writes it all in
one transaction or nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import insert

from naravard_desktop.db.enums import ActivityStatus, PlanState, Principal
from naravard_desktop.db.models import Activity, Area
from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.i18n import N_, _, ngettext
from naravard_desktop.services.database import Database
from naravard_desktop.services.plan_items import (
    ActivityInput,
    AreaInput,
    validate_activity,
    validate_area,
)
from naravard_desktop.services.plan_labels import status_from_text
from naravard_desktop.services.plans import (
    PlanInput,
    PlanSummary,
    create_plan,
    get_plan,
    validate_plan,
)
from naravard_desktop.services.privacy import check_free_text
from naravard_desktop.services.schedule import derive_due_date
from naravard_desktop.services.spreadsheets import (
    CellValue,
    Sheet,
    cell_name,
    excel_serial_to_date,
    read_sheets,
)

# Column key → the English label (translated for export headers) and the headers accepted.
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "number": (N_("No."), ("nr", "nr.", "nummer", "no", "no.", "number", "#")),
    "area": (
        N_("Area"),
        ("område", "områden", "strategi", "utvecklingsområde", "insatsområde", "area", "strategy"),
    ),
    "activity": (N_("Activity"), ("aktivitet", "aktiviteter", "activity", "activities")),
    "description": (N_("Description"), ("beskrivning", "description", "kommentar", "comment")),
    "responsible": (
        N_("Responsible"),
        ("ansvar", "ansvar för genomförande", "ansvarig", "responsible", "responsibility"),
    ),
    "principal": (N_("Principal"), ("huvudman", "principal")),
    "schedule": (N_("Schedule"), ("tidsplan", "tidplan", "schedule", "när", "when")),
    "due": (N_("Due date"), ("slutdatum", "klart senast", "förfallodatum", "due date", "due")),
    "status": (N_("Status"), ("status", "läge")),
    "progress": (
        N_("Progress (%)"),
        (
            "genomfört",
            "genomfört (%)",
            "framsteg",  # the Swedish header of exports before the wording was fixed (issue 21)
            "framsteg (%)",
            "progress",
            "progress (%)",
            "andel klar",
            "klart (%)",
            "%",
        ),
    ),
    "follow_up": (
        N_("Follow-up"),
        ("uppföljning", "uppföljning/mått", "follow-up", "follow up", "followup"),
    ),
}
EXPORT_ORDER = (
    "number",
    "area",
    "activity",
    "description",
    "responsible",
    "principal",
    "schedule",
    "due",
    "status",
    "progress",
    "follow_up",
)
_ALIASES = {alias: key for key, (label, aliases) in COLUMNS.items() for alias in aliases}
_ALIASES.update({label.lower(): key for key, (label, _a) in COLUMNS.items()})

META_SHEETS = ("om planen", "about the plan")
META_KEYS = {
    "titel": "title",
    "title": "title",
    "giltig från": "valid_from",
    "valid from": "valid_from",
    "giltig till": "valid_to",
    "valid to": "valid_to",
    "läge": "state",
    "state": "state",
}
PRINCIPAL_WORDS = {
    "region": Principal.REGION,
    "kommun": Principal.MUNICIPALITY,
    "municipality": Principal.MUNICIPALITY,
    "gemensamt": Principal.JOINT,
    "gemensam": Principal.JOINT,
    "joint": Principal.JOINT,
    "annan": Principal.OTHER,
    "other": Principal.OTHER,
}
DEFAULT_AREA = N_("Activities")
# ActivityInput's fields → the column keys above, to name the cell of a problem.
_ACTIVITY_COLUMNS = {
    "title": "activity",
    "schedule_text": "schedule",
    "follow_up_method": "follow_up",
    "responsible_principal": "principal",
}
HEADER_SEARCH_ROWS = 30

_NUMBERED = re.compile(
    r"^\s*(\d{1,2}(?:\.\d{1,2})*(?:\s*[a-zåäö]\))?|\d{1,2}\s+[a-zåäö]\)?|[a-zåäö]\))[.:]?\s+(\S.*)$",
    re.I,
)
_SUB_NUMBER = re.compile(r"^(?:[a-zåäö]\)?|\d{1,2}(?:\.\d{1,2})+|\d{1,2}\s*[a-zåäö]\)?)$", re.I)


@dataclass(frozen=True)
class Problem:
    row: int  # zero-based spreadsheet row
    column: int | None  # zero-based column, None for the whole row
    message: str
    blocking: bool = True
    sheet: str = ""  # set when not the sheet of activities ("Om planen")

    @property
    def where(self) -> str:
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

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass(frozen=True)
class ImportActivity:
    area: int  # index in ImportPreview.areas
    data: ActivityInput
    row: int


@dataclass
class ImportPreview:
    source: str
    sheet: str
    plan: PlanInput
    areas: list[ImportArea] = field(default_factory=list)
    activities: list[ImportActivity] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]

    @property
    def can_apply(self) -> bool:
        return not self.blocking and bool(self.areas or self.activities)


# --- reading ------------------------------------------------------------------------------


def read_plan_file(path: Path) -> ImportPreview:
    """What the file would become, and every problem; raises DomainError when the file
    cannot be read at all (not a spreadsheet, damaged, password-protected, no activity
    column)."""
    sheets = read_sheets(path)
    meta = next((s for s in sheets if s.name.strip().lower() in META_SHEETS), None)
    for sheet in sheets:
        if sheet is meta:
            continue
        header = _find_header(sheet)
        if header is not None:
            plan = _meta(meta, _title_from(path))
            preview = ImportPreview(str(path), sheet.name, plan)
            _Reader(sheet, header, preview).read()
            _check_plan(preview, meta)
            if not preview.areas and not preview.activities:
                preview.problems.append(
                    Problem(
                        header[0],
                        None,
                        _(
                            "The sheet has no activities under its headers. Write the activities "
                            "in the rows under the heading row."
                        ),
                    )
                )
            from naravard_desktop.services.plan_import_privacy import identity_problems

            preview.problems.extend(identity_problems(preview))
            return preview
    found = ", ".join(f"“{s.name}”" for s in sheets) or "–"
    raise DomainError(
        _(
            "{name} has no column headed Activity (or Aktivitet) in the sheets {sheets}. "
            "Name the columns, for example Area, Activity, Responsible, Schedule."
        ).format(name=path.name, sheets=found)
    )


def _check_plan(preview: ImportPreview, meta: Sheet | None) -> None:
    """The title from "Om planen" as the plan form would check it (length, control
    characters), named by its cell."""
    try:
        validate_plan(preview.plan)
    except ValidationError as error:
        row = next(
            (
                number
                for number, cells in enumerate(meta.rows if meta else [])
                if cells and isinstance(cells[0], str) and META_KEYS.get(_norm(cells[0])) == "title"
            ),
            None,
        )
        for message in error.fields.values():
            if meta is not None and row is not None:
                preview.problems.append(Problem(row, 1, message, sheet=meta.name))
            else:
                preview.problems.append(Problem(0, None, message))


def _title_from(path: Path) -> str:
    return " ".join(path.stem.replace("_", " ").split()) or _("Imported plan")


def _find_header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        columns = _header_columns(row)
        if "activity" in columns:
            return index, columns
    return None


def _header_columns(row: list[CellValue]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for number, value in enumerate(row):
        key = _ALIASES.get(_norm(value)) if isinstance(value, str) else None
        if key is not None and key not in columns:
            columns[key] = number
    return columns


def _norm(text: str) -> str:
    return " ".join(text.replace("\n", " ").split()).lower().rstrip(":")


def _meta(sheet: Sheet | None, default_title: str) -> PlanInput:
    values: dict[str, CellValue] = {}
    for row in sheet.rows if sheet else []:
        if len(row) >= 2 and isinstance(row[0], str):
            key = META_KEYS.get(_norm(row[0]))
            if key:
                values[key] = row[1]
    title = values.get("title")
    state_text = _norm(str(values.get("state") or ""))
    return PlanInput(
        title=str(title).strip() if title else default_title,
        valid_from=_as_date(values.get("valid_from")),
        valid_to=_as_date(values.get("valid_to")),
        state=PlanState.ADOPTED if state_text in ("fastställd", "adopted") else PlanState.DRAFT,
    )


def _as_date(value: CellValue) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 < value < 2958466:
        return excel_serial_to_date(float(value))
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


class _Reader:
    """Walks the rows under the header and fills the preview."""

    def __init__(self, sheet: Sheet, header: tuple[int, dict[str, int]], out: ImportPreview):
        self.rows = sheet.rows
        self.formulas = sheet.formulas
        self.header_row, self.columns = header
        self.out = out
        self.current: int | None = None  # index of the area activities go to

    def read(self) -> None:
        self._unknown_columns(self.rows[self.header_row])
        if "area" not in self.columns:
            self._heading_area(self.header_row)
        for index in range(self.header_row + 1, len(self.rows)):
            row = self.rows[index]
            if not any(value is not None for value in row):
                continue
            if "activity" in _header_columns(row):  # a repeated header starts a new table
                if "area" not in self.columns:
                    self._heading_area(index)
                continue
            if "area" not in self.columns and self._is_heading(index):
                continue  # the title line of the next table, read with its header
            self._row(index, row)
        for area in self.out.areas:
            self._check_area(area)

    def _check_area(self, area: ImportArea) -> None:
        """As the area form checks it: a too long title or number, a control character."""
        try:
            validate_area(AreaInput(area.title, area.number, area.description))
        except ValidationError as error:
            for name, message in error.fields.items():
                key = {"title": "area"}.get(name, name)
                self._problem(area.row, key if key in self.columns else "area", message)

    def _unknown_columns(self, header: list[CellValue]) -> None:
        used = set(self.columns.values())
        for number, value in enumerate(header):
            if value is not None and number not in used:
                self.out.problems.append(
                    Problem(
                        self.header_row,
                        number,
                        _(
                            "The column “{name}” is not known and is left out. Rename it if it "
                            "should be imported."
                        ).format(name=_text(value)),
                        blocking=False,
                    )
                )

    def _is_heading(self, index: int) -> bool:
        """One filled cell, and the next filled row is a header row."""
        if sum(1 for v in self.rows[index] if v is not None) != 1:
            return False
        for following in self.rows[index + 1 :]:
            if any(v is not None for v in following):
                return "activity" in _header_columns(following)
        return False

    def _heading_area(self, header_index: int) -> None:
        for index in range(header_index - 1, -1, -1):
            filled = [v for v in self.rows[index] if v is not None]
            if len(filled) == 1 and "activity" not in _header_columns(self.rows[index]):
                self._add_area(_text(filled[0]), index)
                return
            if filled:
                return

    def _cell(self, row: list[CellValue], key: str) -> CellValue:
        column = self.columns.get(key)
        return row[column] if column is not None and column < len(row) else None

    def _text_cell(self, row: list[CellValue], key: str, index: int) -> str:
        value = self._cell(row, key)
        if (index, self.columns.get(key)) in self.formulas:
            self._problem(
                index,
                key,
                _("This is a formula, not a value. Save the file with the values Excel shows."),
            )
            return ""
        return _text(value, schedule=key == "schedule")

    def _row(self, index: int, row: list[CellValue]) -> None:
        area_text = self._text_cell(row, "area", index)
        number = self._text_cell(row, "number", index)
        title = self._text_cell(row, "activity", index)
        if not title:
            if area_text or number:
                area = self._add_area(area_text, index, number)
                area.description = self._text_cell(row, "description", index)
            else:
                self.out.problems.append(
                    Problem(
                        index,
                        self.columns["activity"],
                        _(
                            "The row has no activity and is left out. Fill in the activity if the "
                            "row should be imported."
                        ),
                        blocking=False,
                    )
                )
            return
        if area_text and (self.current is None or not self._same_area(area_text, number)):
            self._add_area(area_text, index, number)
        if self.current is None:
            self._add_area(_(DEFAULT_AREA), index)
        assert self.current is not None
        data = self._activity(index, row, title)
        if data is not None:
            self.out.activities.append(ImportActivity(self.current, data, index))

    def _same_area(self, text: str, number: str) -> bool:
        assert self.current is not None
        area = self.out.areas[self.current]
        return text in (area.title, area.label) and (not number or number == area.number)

    def _add_area(self, text: str, index: int, number: str = "") -> ImportArea:
        title = text
        if not number:
            match = _NUMBERED.match(text)
            if match:
                number, title = match.group(1).strip(), match.group(2).strip()
        area = ImportArea(number=number, title=title or number, row=index)
        if number and _SUB_NUMBER.match(number):
            area.parent = self._parent_for(number)
        self.out.areas.append(area)
        self.current = len(self.out.areas) - 1
        return area

    def _parent_for(self, number: str) -> int | None:
        top = [i for i, a in enumerate(self.out.areas) if a.parent is None]
        lead = re.match(r"^(\d{1,2})", number)
        if lead:
            for i in reversed(top):
                if self.out.areas[i].number.rstrip(".") == lead.group(1):
                    return i
        return top[-1] if top else None

    def _activity(self, index: int, row: list[CellValue], title: str) -> ActivityInput | None:
        before = len(self.out.blocking)
        schedule = self._text_cell(row, "schedule", index)
        status = self._status(index, row)
        progress = self._progress(index, row, status)
        due, overridden = self._due(index, row, schedule)
        data = ActivityInput(
            title=title,
            description=self._text_cell(row, "description", index),
            responsible=self._text_cell(row, "responsible", index),
            responsible_principal=self._principal(index, row),
            schedule_text=schedule,
            due_date=due,
            due_date_overridden=overridden,
            status=status,
            progress=progress,
            follow_up_method=self._text_cell(row, "follow_up", index),
        )
        try:
            cleaned = validate_activity(data)
        except ValidationError as error:
            for name, message in error.fields.items():
                key = _ACTIVITY_COLUMNS.get(name, name)
                self._problem(index, key if key in self.columns else "activity", message)
            return None
        return cleaned if len(self.out.blocking) == before else None

    def _status(self, index: int, row: list[CellValue]) -> ActivityStatus:
        text = self._text_cell(row, "status", index)
        if not text:
            return ActivityStatus.NOT_STARTED
        status = status_from_text(text)
        if status is None:
            self._problem(
                index,
                "status",
                _(
                    "“{value}” is not a status. Write Not started, In progress, Done, Paused or "
                    "Cancelled."
                ).format(value=text),
            )
            return ActivityStatus.NOT_STARTED
        return status

    def _progress(self, index: int, row: list[CellValue], status: ActivityStatus) -> int:
        value = self._cell(row, "progress")
        if value is None:
            return 100 if status is ActivityStatus.DONE else 0
        number: float | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int | float):
            # A cell formatted as per cent holds 0.5 for 50 %.
            number = value * 100 if isinstance(value, float) and 0 < value < 1 else value
        elif isinstance(value, str) and not value.startswith("="):
            text = value.replace("\u00a0", "").replace(" ", "").replace(",", ".")
            try:
                number = float(text.rstrip("%"))
            except ValueError:
                number = None
        if number is None or not 0 <= number <= 100:
            self._problem(
                index,
                "progress",
                _("“{value}” is not a progress from 0 to 100 %.").format(value=_text(value)),
            )
            return 0
        return round(number)

    def _due(self, index: int, row: list[CellValue], schedule: str) -> tuple[dt.date | None, bool]:
        value = self._cell(row, "due")
        if value is None:
            return None, False
        day = _as_date(value)
        if day is None:
            self._problem(
                index,
                "due",
                _("“{value}” is not a date. Write it as YYYY-MM-DD.").format(value=_text(value)),
            )
            return None, False
        return (day, True) if day != derive_due_date(schedule) else (None, False)

    def _principal(self, index: int, row: list[CellValue]) -> Principal | None:
        text = self._text_cell(row, "principal", index)
        if not text:
            return None
        principal = PRINCIPAL_WORDS.get(_norm(text))
        if principal is None:
            self._problem(
                index,
                "principal",
                _("“{value}” is not a principal. Write Region, Municipality or Joint.").format(
                    value=text
                ),
            )
        return principal

    def _problem(self, index: int, key: str, message: str) -> None:
        self.out.problems.append(Problem(index, self.columns.get(key), message))


def _text(value: CellValue, *, schedule: bool = False) -> str:
    """A cell as text: dates as YYYY-MM-DD, whole numbers without decimals; in a schedule a
    number that is an Excel day (a date typed without a date format) becomes that date."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if float(value).is_integer():
            whole = int(value)
            if schedule and 20000 <= whole <= 80000:
                return excel_serial_to_date(whole).isoformat()
            return str(whole)
        return str(value)
    return value.strip()


# --- writing ------------------------------------------------------------------------------


def apply_import(
    db: Database,
    group_id: int,
    preview: ImportPreview,
    title: str | None = None,
    *,
    privacy_override: str | None = None,
) -> PlanSummary:
    """Create the plan in one transaction; refuses while there are blocking problems, and
    (PrivacyWarning) when any text it would store (plan title, areas, every text of an
    activity) holds a personal identity number, unless `privacy_override` gives a reason."""
    from naravard_desktop.services.plan_import_privacy import import_texts

    if not preview.can_apply:
        raise DomainError(
            ngettext(
                "The file has {count} problem to correct before it can be imported. Correct "
                "the file and import it again.",
                "The file has {count} problems to correct before it can be imported. Correct "
                "the file and import it again.",
                len(preview.blocking),
            ).format(count=len(preview.blocking))
            if preview.blocking
            else _("There is nothing to import.")
        )
    texts, labels = import_texts(preview, title)
    check_free_text(texts, privacy_override, where=f"plan import {preview.source}", labels=labels)
    plan_input = replace(preview.plan, title=title) if title else preview.plan
    with db.session() as session:
        plan = create_plan(db, group_id, plan_input, privacy_override=privacy_override)
        area_ids: list[int] = []
        positions: dict[int | None, int] = {}
        for area in preview.areas:
            parent = area_ids[area.parent] if area.parent is not None else None
            row = Area(
                plan_id=plan.id,
                parent_id=parent,
                position=positions.get(parent, 0),
                number=area.number,  # checked by validate_area in the preview
                title=area.title,
                description=area.description,
            )
            positions[parent] = positions.get(parent, 0) + 1
            session.add(row)
            session.flush()
            area_ids.append(row.id)
        counters: dict[int, int] = {}
        batch: list[dict[str, object]] = []
        for item in preview.activities:
            area_id = area_ids[item.area]
            position = counters.get(area_id, 0)
            counters[area_id] = position + 1
            data = item.data
            batch.append(
                {
                    "area_id": area_id,
                    "position": position,
                    "title": data.title,
                    "description": data.description,
                    "responsible": data.responsible,
                    "responsible_principal": data.responsible_principal,
                    "schedule_text": data.schedule_text,
                    "due_date": data.effective_due_date(),
                    "due_date_overridden": data.due_date_overridden,
                    "status": data.status,
                    "progress": data.progress,
                    "follow_up_method": data.follow_up_method,
                    "version": 1,
                }
            )
        for start in range(0, len(batch), 5000):
            session.execute(insert(Activity), batch[start : start + 5000])
        session.flush()
        return get_plan(db, plan.id)
