"""Importing a plan as groups keep it (XLSX, CSV or a Word document), with a preview first.

Headers may be Swedish or English in any order (Område, Aktivitet, Ansvar / Ansvar för
genomförande, Tidsplan / Tidplan, Uppföljning, Status …). The layouts real plans use are read
as a reader of the document would: a title and "Gäller från …, reviderad …" above the table
(services/plan/plan_layouts.py), heading rows as areas and numbered ones as sub-areas, the column
headers repeated under each heading, bullet lists in one cell (services/plan/plan_import_rows.py),
one area per sheet, and the tables of a Word document (services/plan/plan_import_docx.py).
`read_plan_file` writes nothing: it returns what would be created, the rows left out and
why, and every problem by row and column; `preview_again` reads the same tables with the
user's corrections; `apply_import` writes it all in one transaction or nothing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import insert

from naravard_desktop.db.enums import PlanState
from naravard_desktop.db.models import Activity, Area, PlanRevision
from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.plan.plan_import_model import (
    ImportActivity,
    ImportArea,
    ImportOptions,
    ImportPreview,
    Problem,
    find_header,
    header_columns,
)
from naravard_desktop.services.plan.plan_import_rows import ABOVE_TABLE, DEFAULT_AREA, RowReader
from naravard_desktop.services.plan.plan_layouts import TitleBlock, distinct
from naravard_desktop.services.plan.plans import (
    create_plan,
    get_plan,
    validate_plan,
    validate_revisions,
)
from naravard_desktop.services.plan.read_models import PlanInput, PlanSummary
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.privacy import check_free_text
from naravard_desktop.services.system.spreadsheets import Sheet, read_sheets

__all__ = [
    "DEFAULT_AREA",
    "ImportActivity",
    "ImportArea",
    "ImportOptions",
    "ImportPreview",
    "Problem",
    "apply_import",
    "header_columns",
    "preview_again",
    "read_plan_file",
]

META_SHEETS = ("om planen", "about the plan")
WORD_SUFFIXES = (".docx", ".docm")


# --- reading ------------------------------------------------------------------------------


def read_plan_file(path: Path, options: ImportOptions | None = None) -> ImportPreview:
    """What the file would become, and every problem; raises DomainError when the file
    cannot be read at all (not a spreadsheet or Word document, damaged, password-protected,
    beyond the reading limits, no activity column)."""
    if path.suffix.lower() in WORD_SUFFIXES:
        from naravard_desktop.services.plan.plan_import_docx import read_docx

        sheets = read_docx(path)
    else:
        sheets = read_sheets(path)
    meta = next((s for s in sheets if s.name.strip().lower() in META_SHEETS), None)
    tables = [s for s in sheets if s is not meta and find_header(s) is not None]
    if not tables:
        found = ", ".join(f"“{s.name}”" for s in sheets) or "–"
        raise DomainError(
            _(
                "{name} has no column headed Activity (or Aktivitet) in the sheets {sheets}. "
                "Name the columns, for example Area, Activity, Responsible, Schedule."
            ).format(name=path.name, sheets=found)
        )
    preview = ImportPreview(str(path), tables[0].name, PlanInput(title=_title_from(path)))
    preview.tables = tables + ([meta] if meta is not None else [])
    return preview_again(preview, options or ImportOptions())


def preview_again(previous: ImportPreview, options: ImportOptions) -> ImportPreview:
    """The tables read before, read again with the user's corrections (nothing is read
    from the disk)."""
    meta = next((s for s in previous.tables if s.name.strip().lower() in META_SHEETS), None)
    tables = [s for s in previous.tables if s is not meta]
    chosen = [s for s in tables if s.name == options.sheet] or tables
    per_sheet = options.sheet is None and len(tables) > 1 and _one_area_each(tables)
    if not per_sheet:
        chosen = chosen[:1]
    source = Path(previous.source)
    preview = ImportPreview(source=previous.source, sheet=chosen[0].name, plan=previous.plan)
    preview.tables, preview.options = previous.tables, options
    preview.sheets = [s.name for s in tables]
    about = TitleBlock()  # the sheet "Om planen" of our own exports says it best
    for index, row in enumerate(meta.rows if meta else []):
        about.read_row(index, row)
    block = TitleBlock()
    for number, sheet in enumerate(chosen):
        header = find_header(sheet)
        assert header is not None
        reader = RowReader(sheet, header, preview, options, sheet_area=per_sheet)
        above = reader.heading_above()
        if number == 0:
            prose: frozenset[int] = getattr(sheet, "prose", frozenset())
            for index in range(header[0]):
                if index not in above:
                    block.read_row(index, sheet.rows[index], may_title=index not in prose)
        if about.labelled or block.labelled:
            reader.split_default = False  # a file we wrote holds each activity as it was
            if source.suffix.lower() in (".xlsx", ".xlsm") and reader.area_column is not None:
                reader.indented = True  # … and its indents say where each area belongs
        for index in above:
            reader.heading(index, distinct(sheet.rows[index])[0])
        reader.read()
    preview.found = [("", r, what) for r, what in block.used.items()]
    preview.found += [(meta.name if meta else "", r, what) for r, what in about.used.items()]
    preview.skipped[:0] = [("", r, ABOVE_TABLE) for r in block.skipped]
    preview.plan = PlanInput(
        title=about.title or block.title or _title_from(source),
        valid_from=about.valid_from or block.valid_from,
        valid_to=about.valid_to or block.valid_to,
        state=about.state or block.state or PlanState.DRAFT,
    )
    preview.revisions = about.revisions or block.revisions
    if about.title:
        _check_plan(preview, about, meta.name if meta else "")
    else:
        _check_plan(preview, block, "")
    if not preview.areas and not preview.activities:
        preview.problems.append(
            Problem(
                find_header(chosen[0])[0],  # type: ignore[index]
                None,
                _(
                    "The sheet has no activities under its headers. Write the activities "
                    "in the rows under the heading row."
                ),
            )
        )
    from naravard_desktop.services.plan.plan_import_privacy import identity_problems

    preview.problems.extend(identity_problems(preview))
    return preview


def _one_area_each(tables: list[Sheet]) -> bool:
    """Several sheets, each one table without areas of its own: one area per sheet."""
    for sheet in tables:
        header = find_header(sheet)
        if header is None or "area" in header[1] or "number" in header[1]:
            return False
        probe = ImportPreview("", sheet.name, PlanInput(title="-"))
        reader = RowReader(sheet, header, probe, ImportOptions())
        reader.read(activities=False)  # the headings are what make areas here
        if any(area.title != _(DEFAULT_AREA) for area in probe.areas):
            return False
    return True


def _check_plan(preview: ImportPreview, block: TitleBlock, sheet: str) -> None:
    """The title and revision notes as the plan form would check them (length, control
    characters), named by the row that gave the title."""
    try:
        validate_plan(preview.plan)
        validate_revisions(preview.revisions)
    except ValidationError as error:
        row, column = block.title_row or 0, 1 if sheet else None
        for message in error.fields.values():
            preview.problems.append(Problem(row, column, message, sheet=sheet))


def _title_from(path: Path) -> str:
    return " ".join(path.stem.replace("_", " ").split()) or _("Imported plan")


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
    (PrivacyWarning) when any text it would store (plan title, revision notes, areas, every
    text of an activity) holds a personal identity number, unless `privacy_override` gives
    a reason."""
    from naravard_desktop.services.plan.plan_import_privacy import import_texts

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
    revisions = validate_revisions(preview.revisions)
    with db.session() as session:
        plan = create_plan(db, group_id, plan_input, privacy_override=privacy_override)
        for revision in sorted(revisions, key=lambda r: r.revised_on):
            session.add(
                PlanRevision(plan_id=plan.id, revised_on=revision.revised_on, note=revision.note)
            )
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
