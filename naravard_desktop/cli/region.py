"""`region [--year YYYY] [--json]`: every group the role may open, one line each (the window's
Region overview page): the current plan's done and all activities, overdue activities,
meetings held in the year, protocols awaiting justering, and the year's SIP totals with small
counts hidden ("..") as in the SIP exports."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, TextIO

from naravard_desktop.cli.core import (
    Commands,
    add_json_option,
    open_db,
    print_rows,
    whole_number,
)
from naravard_desktop.i18n import _

if TYPE_CHECKING:
    from naravard_desktop.services.group.read_models import RegionGroup, SipTotal


def register(commands: Commands) -> None:
    command = commands.add(
        "region",
        _("overview of every group you may open: plan, meetings, protocols and SIP totals"),
        cmd_region,
    )
    command.add_argument(
        "--year",
        type=whole_number,
        metavar=_("YEAR"),
        help=_("the year of the meetings and SIP totals (default: this year)"),
    )
    add_json_option(command)


def cmd_region(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.group.region import SIP_CODES, region_overview

    year = args.year if args.year is not None else dt.date.today().year
    with open_db(args) as db:
        data = region_overview(db, year)

    def as_object(row: RegionGroup) -> dict[str, object]:
        return {
            "id": row.id,
            "name": row.name,
            "year": year,
            "plan": {
                "id": row.plan_id,
                "title": row.plan_title,
                "activities": row.activities,
                "done": row.done,
                "statuses": {status.value: n for status, n in row.status_counts.items()},
            },
            "overdue_activities": row.overdue,
            "meetings_held": row.meetings_held,
            "protocols_awaiting_justering": row.awaiting_justering,
            "sip": {
                code: {"value": total.value, "hidden": total.hidden}
                for code, total in zip(SIP_CODES, row.sip, strict=True)
            },
            "sip_suppress_below": data.suppress_below,
        }

    return print_rows(data.groups, out, args.json, _line, as_object)


def _line(row: RegionGroup) -> str:
    plan = f"{row.done}/{row.activities}"
    figures = [plan, row.overdue, row.meetings_held, row.awaiting_justering]
    return "\t".join(str(v) for v in [row.id, row.name, *figures, *map(_sip_text, row.sip)])


def _sip_text(total: SipTotal) -> str:
    from naravard_desktop.services.sip.read_models import HIDDEN

    if total.hidden:
        return HIDDEN
    return "" if total.value is None else str(total.value)
