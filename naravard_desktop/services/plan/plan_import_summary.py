"""What the import understood, in words for the preview and `import plan`: the title,
validity and revisions found (and the row that said so), the areas with their counts, and
the rows left out, consecutive rows with one reason together ("rad 16–17: tom rad")."""

from __future__ import annotations

from naravard_desktop.i18n import _, format_iso_date, ngettext
from naravard_desktop.services.plan.plan_import_model import ImportPreview
from naravard_desktop.services.plan.plan_import_rows import SKIP_REASONS


def _rows(first: int, last: int) -> str:
    if first == last:
        return _("row {row}").format(row=first + 1)
    return _("rows {first}–{last}").format(first=first + 1, last=last + 1)


def _place(sheet: str, rows: str) -> str:
    if sheet:
        return _("sheet “{sheet}”, {where}").format(sheet=sheet, where=rows)
    return rows


def skipped_groups(preview: ImportPreview) -> list[tuple[str, str, int]]:
    """(where, why, first row) for each run of consecutive rows left out for one reason."""
    groups: list[tuple[str, int, int, str]] = []  # sheet, first, last, reason
    for sheet, row, reason in sorted(preview.skipped, key=lambda s: (s[0], s[1])):
        last = groups[-1] if groups else None
        if last and (last[0], last[2], last[3]) == (sheet, row - 1, reason):
            groups[-1] = (sheet, last[1], row, reason)
            continue
        groups.append((sheet, row, row, reason))
    return [
        (_where(preview, s, first, last), _(SKIP_REASONS[reason]), first)
        for s, first, last, reason in groups
    ]


def _where(preview: ImportPreview, sheet: str, first: int, last: int) -> str:
    start, end = preview.place(sheet, first), preview.place(sheet, last)
    if start:  # a Word document
        return start if first == last else f"{start} – {end}"
    return _place(sheet, _rows(first, last))


def source_line(preview: ImportPreview) -> str:
    """ "Bladet ”Plan”: 5 områden och 17 aktiviteter.", or all sheets, or the Word document."""
    areas = ngettext("{count} area", "{count} areas", len(preview.areas)).format(
        count=len(preview.areas)
    )
    activities = ngettext("{count} activity", "{count} activities", len(preview.activities)).format(
        count=len(preview.activities)
    )
    if preview.source.lower().endswith((".docx", ".docm")):
        return _("The document: {areas} and {activities}.").format(
            areas=areas, activities=activities
        )
    if any(area.sheet for area in preview.areas):
        return ngettext(
            "{count} sheet, one area each: {areas} and {activities}.",
            "{count} sheets, one area each: {areas} and {activities}.",
            len(preview.sheets),
        ).format(count=len(preview.sheets), areas=areas, activities=activities)
    return _("Sheet “{sheet}”: {areas} and {activities}.").format(
        sheet=preview.sheet, areas=areas, activities=activities
    )


def plan_lines(preview: ImportPreview) -> list[str]:
    """ "Titel: … (rad 1)", "Gäller från 2021-09-24", "Reviderad 2022-03-14, 2024-02-09
    (Beslut i Fredagsgruppen)": what the plan itself will hold."""
    rows = {what: (sheet, row) for sheet, row, what in preview.found}
    plan = preview.plan
    lines = []
    if "title" in rows and preview.place(*rows["title"]):
        lines.append(_("Title: {title} (the document's first heading)").format(title=plan.title))
    elif "title" in rows:
        sheet, row = rows["title"]
        lines.append(
            _("Title: {title} ({where})").format(
                title=plan.title, where=_where(preview, sheet, row, row)
            )
        )
    else:
        lines.append(_("Title: {title} (the file's name)").format(title=plan.title))
    if plan.valid_from or plan.valid_to:
        lines.append(
            _("Valid: {start} – {end}").format(
                start=format_iso_date(plan.valid_from) or "…",
                end=format_iso_date(plan.valid_to) or "…",
            )
        )
    if preview.revisions:
        revisions = ", ".join(
            format_iso_date(r.revised_on) + (f" ({r.note})" if r.note else "")
            for r in preview.revisions
        )
        lines.append(_("Revised: {revisions}").format(revisions=revisions))
    return lines


def area_lines(preview: ImportPreview) -> list[tuple[int, str]]:
    """(depth, "1 Personcentrerat … (2 sub-areas, 0 activities)") per area, in order."""
    counts = [0] * len(preview.areas)
    for activity in preview.activities:
        counts[activity.area] += 1
    children = [0] * len(preview.areas)
    depth = [0] * len(preview.areas)
    for index, area in enumerate(preview.areas):
        if area.parent is not None:
            children[area.parent] += 1
            depth[index] = depth[area.parent] + 1
    lines = []
    for index, area in enumerate(preview.areas):
        activities = ngettext("{count} activity", "{count} activities", counts[index]).format(
            count=counts[index]
        )
        if children[index]:
            subs = ngettext("{count} sub-area", "{count} sub-areas", children[index]).format(
                count=children[index]
            )
            activities = f"{subs}, {activities}"
        lines.append(
            (
                depth[index],
                _("{area} ({activities})").format(area=area.label, activities=activities),
            )
        )
    return lines
