"""Plan commands: `plans list`, `import plan FILE` (dry run unless --apply) and
`export plan --plan ID --out FILE.pdf|.xlsx`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from naravard_desktop.cli.core import (
    EXIT_OK,
    EXIT_PROBLEM,
    Commands,
    add_file_argument,
    add_group_option,
    add_list_options,
    add_out_option,
    open_db,
    out_file_help,
    print_rows,
    whole_number,
)
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_iso_date, format_iso_range, ngettext

if TYPE_CHECKING:
    from naravard_desktop.services.plan.plan_import_model import ImportOptions, ImportPreview
    from naravard_desktop.services.plan.read_models import PlanSummary


def register(commands: Commands) -> None:
    listing = commands.add_to_group(
        "plans", "list", _("list the plans with their areas and activities"), cmd_plans_list
    )
    add_list_options(listing)

    reading = commands.add_to_group(
        "import",
        "plan",
        _("read a plan from XLSX, CSV or a Word document (dry run unless --apply)"),
        cmd_import,
    )
    add_file_argument(reading, _("the file to read"))
    reading.add_argument(
        "--sheet", metavar=_("NAME"), help=_("read only this sheet (default: found by itself)")
    )
    reading.add_argument(
        "--bullets",
        choices=("split", "keep"),
        help=_(
            "a cell holding a list: one activity per line (split) or one activity (keep); "
            "default: split when every line starts with a bullet"
        ),
    )
    for option, help_text in (
        ("--as-activity", _("read this row as an activity, not a heading (may be repeated)")),
        (
            "--as-heading",
            _("read this row as a heading (an area), not an activity (may be repeated)"),
        ),
    ):
        reading.add_argument(
            option, type=whole_number, action="append", default=[], metavar=_("ROW"), help=help_text
        )
    add_group_option(reading)
    reading.add_argument(
        "--title", metavar=_("TITLE"), help=_("the plan's title (default: from the file)")
    )
    reading.add_argument("--apply", action="store_true", help=_("create the plan"))
    reading.add_argument(
        "--privacy-reason",
        metavar=_("TEXT"),
        help=_("import text that looks like personal identity numbers anyway, for this reason"),
    )

    writing = commands.add_to_group("export", "plan", _("write a plan as PDF or XLSX"), cmd_export)
    writing.add_argument(
        "--plan",
        type=whole_number,
        required=True,
        metavar="ID",
        help=_("the plan's id (see plans list)"),
    )
    add_out_option(writing, out_file_help())


def cmd_plans_list(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.group.groups import list_groups, resolve_group
    from naravard_desktop.services.plan.plans import list_plans

    with open_db(args) as db:
        group_id = resolve_group(db, args.group).id if args.group or list_groups(db) else None
        rows = list_plans(db, group_id) if group_id is not None else []
    return print_rows(rows, out, args.json, _plan_line, _plan_object)


def _plan_line(p: PlanSummary) -> str:
    from naravard_desktop.services.plan.plan_labels import plan_state_label

    areas = ngettext("{count} area", "{count} areas", p.areas).format(count=p.areas)
    activities = ngettext("{count} activity", "{count} activities", p.activities).format(
        count=p.activities
    )
    period = format_iso_range(p.valid_from, p.valid_to)
    return f"{p.id}\t{p.title}\t{plan_state_label(p.state)}\t{period}\t{areas}, {activities}"


def _plan_object(p: PlanSummary) -> dict[str, object]:
    return {
        "id": p.id,
        "title": p.title,
        "areas": p.areas,
        "activities": p.activities,
        "group_id": p.group_id,
        "state": p.state.value,
        "valid_from": format_iso_date(p.valid_from) or None,
        "valid_to": format_iso_date(p.valid_to) or None,
    }


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.group.groups import resolve_group
    from naravard_desktop.services.plan.plan_import import (
        apply_import,
        preview_again,
        read_plan_file,
    )
    from naravard_desktop.services.plan.plan_import_model import IdentityProblem, TitleProblem
    from naravard_desktop.services.plan.plan_import_privacy import title_problems
    from naravard_desktop.services.plan.plan_import_summary import (
        area_lines,
        plan_lines,
        skipped_groups,
    )
    from naravard_desktop.services.system.privacy import PrivacyWarning

    preview = read_plan_file(args.file)
    if args.sheet or args.bullets or args.as_activity or args.as_heading:
        preview = preview_again(preview, _options(preview, args))
    title = args.title or preview.plan.title
    if args.title:  # the title given replaces the file's: it is the one checked
        preview.problems[:] = [p for p in preview.problems if not isinstance(p, TitleProblem)]
        preview.problems.extend(title_problems(args.title))
    word = args.file.suffix.lower() in (".docx", ".docm")
    print(
        (
            _("The document: plan “{title}” with {areas} and {activities}.")
            if word
            else _("Sheet “{sheet}”: plan “{title}” with {areas} and {activities}.")
        ).format(
            sheet=preview.sheet,
            title=title,
            areas=ngettext("{count} area", "{count} areas", len(preview.areas)).format(
                count=len(preview.areas)
            ),
            activities=ngettext(
                "{count} activity", "{count} activities", len(preview.activities)
            ).format(count=len(preview.activities)),
        ),
        file=out,
    )
    for line in plan_lines(preview):
        print("  " + line, file=out)
    for depth, line in area_lines(preview):
        print("  " * (depth + 1) + line, file=out)
    if preview.bullet_cells:
        print(
            _("Lists in one cell: {split} of {count} read as one activity per line.").format(
                split=preview.bullets_split, count=preview.bullet_cells
            ),
            file=out,
        )
    for where, why, _row in skipped_groups(preview):
        print(_("Left out: {where}: {why}").format(where=where, why=why), file=out)
    for problem in preview.problems:
        kind = _("Error") if problem.blocking else _("Note")
        print(f"{kind}: {problem}", file=out)
    if not preview.can_apply:
        print(_("Nothing was imported: correct the file and try again."), file=out)
        return EXIT_PROBLEM
    if not args.apply:
        print(_("Dry run: nothing was written. Add --apply to create the plan."), file=out)
        numbers = sum(isinstance(p, IdentityProblem) for p in preview.problems)
        if numbers and not args.privacy_reason:
            # --apply would be refused: the dry run says so (and fails) now.
            print(
                ngettext(
                    "{count} text seems to contain personal identity numbers (see the notes "
                    "above): correct the file, or add --privacy-reason with the reason to "
                    "import it anyway.",
                    "{count} texts seem to contain personal identity numbers (see the notes "
                    "above): correct the file, or add --privacy-reason with the reason to "
                    "import it anyway.",
                    numbers,
                ).format(count=numbers),
                file=out,
            )
            return EXIT_PROBLEM
        return EXIT_OK
    with open_db(args) as db:
        group = resolve_group(db, args.group)
        try:
            plan = apply_import(db, group.id, preview, title, privacy_override=args.privacy_reason)
        except PrivacyWarning as warning:
            raise DomainError(
                warning.message + " " + _("To import anyway, add --privacy-reason with the reason.")
            ) from warning
    print(
        _("Plan {id} “{title}” created in group {group}.").format(
            id=plan.id, title=plan.title, group=group.name
        ),
        file=out,
    )
    return EXIT_OK


def _options(preview: ImportPreview, args: argparse.Namespace) -> ImportOptions:
    """The corrections given on the command line (rows as the user sees them, from 1)."""
    from naravard_desktop.services.plan.plan_import_model import ImportOptions

    sheet = args.sheet or preview.sheet
    if args.sheet and args.sheet not in preview.sheets:
        raise DomainError(
            _("There is no sheet “{sheet}” with a plan in the file; there is {sheets}.").format(
                sheet=args.sheet, sheets=", ".join(f"“{s}”" for s in preview.sheets)
            )
        )
    return ImportOptions(
        sheet=args.sheet,
        as_activity=frozenset((sheet, row - 1) for row in args.as_activity),
        as_heading=frozenset((sheet, row - 1) for row in args.as_heading),
        split_bullets={"split": True, "keep": False}.get(args.bullets or ""),
    )


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.documents.files import write_atomically
    from naravard_desktop.documents.plan_files import plan_file_bytes

    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".xlsx", ".csv"):
        raise DomainError(
            _("Choose a file name ending in .pdf, .xlsx or .csv, not “{name}”.").format(
                name=args.out.name
            )
        )
    with open_db(args) as db:
        data = plan_file_bytes(db, args.plan, suffix)
    target = write_atomically(args.out, data)
    print(_("Plan written to {path}").format(path=target), file=out)
    return EXIT_OK
