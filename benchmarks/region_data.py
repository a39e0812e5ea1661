"""A region's database for the benchmarks: 290 invented groups × 10 years, the same on every run.

Per group and year: a plan (5 areas × 6 activities, two follow-ups each), six meetings of eight
agenda items (the latest two of the last year, and now and then an older one, still awaiting
justering), four SIP quarters with a count per indicator, unit and target group (the "varav"
lines adding up, groups of every size, so that small counts occur). About 1.5 million rows,
written in one transaction with bulk inserts (COPY on a server), ids given here (sequences set
after, on a server).

The SQLite file is kept in benchmarks/cache/ under a name holding GENERATOR_VERSION and the
schema's revision, so a rerun opens it at once; change the version when the data changes.
`python -m benchmarks.region_data` makes (or finds) it and prints its path.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

from benchmarks.bulk_rows import Rows as _Rows
from benchmarks.bulk_rows import cached_file, insert_rows, year_plan
from benchmarks.bulk_rows import month_end as _month_end

GENERATOR_VERSION = 1
GROUPS = 290
YEARS = tuple(range(2017, 2027))
SEED = 290

_FIRST = [
    "Al",
    "Berg",
    "Björk",
    "Ek",
    "Gran",
    "Hassel",
    "Lind",
    "Rönn",
    "Sälg",
    "Ask",
    "Asp",
    "Bok",
    "Lönn",
    "Hägg",
    "Tall",
    "Vide",
    "Ängs",
    "Åker",
    "Ös",
    "Öre",
    "Älv",
    "Ål",
    "Sjö",
    "Mal",
    "Norr",
    "Sör",
    "Väst",
    "Öst",
    "Stor",
    "Lill",
]
_LAST = ["sjö", "vik", "berga", "ås", "dal", "näs", "by", "torp", "hult", "mo"]
_UNITS = ("Kommunen", "Regionen")
_TARGETS = ("Barn och unga", "Vuxna", "Äldre")
_ITEMS = (
    "Mötets öppnande",
    "Val av justerare",
    "Föregående protokoll",
    "Uppföljning av handlingsplanen",
    "SIP-uppföljning",
    "Fast vårdkontakt",
    "Information från huvudmännen",
    "Mötets avslutande",
)
_QUARTERS = ((1, 3), (4, 6), (7, 9), (10, 12))


def cached_sqlite() -> Path:
    """The generated SQLite file, made first when there is none for this version."""
    return cached_file("region", GENERATOR_VERSION, f"-{GROUPS}x{len(YEARS)}", write)


def write(db: Any, groups: int = GROUPS, seed: int = SEED) -> None:
    """Fill an empty, migrated database (SQLite file or server) with the region."""
    rows = _Rows()
    rng = random.Random(seed)
    names = [f"Samverkan {a}{b}" for a in _FIRST for b in _LAST]
    rng.shuffle(names)
    for number in range(groups):
        _group(rows, random.Random(seed * 1000 + number), names[number])
    insert_rows(db, rows)


def _group(rows: _Rows, rng: random.Random, name: str) -> None:
    from naravard_desktop.db.enums import CategoryKind, PeriodKind, Role

    size = rng.choice((0.2, 0.4, 0.7, 1.0, 1.5, 2.5))  # a small municipality or a large one
    group = rows.add(
        "groups",
        name=name,
        municipality=f"{name.split()[-1]}s kommun",
        region="Region Mittland",
        sip_period_kind=PeriodKind.QUARTER,
        suppress_below=5,
    )
    for n, role in enumerate((Role.CHAIR, Role.SECRETARY, *[Role.MEMBER] * 6)):
        person = rows.add("persons", group_id=group, name=f"Deltagare {n + 1}", organisation="")
        rows.add("memberships", person_id=person, role=role, active_from=dt.date(YEARS[0], 1, 1))
    for year in YEARS:
        _plan(rows, rng, group, year)
        _meetings(rows, rng, group, year)
    indicators = _indicators(rows, group)
    units = [
        rows.add("sip_categories", group_id=group, kind=CategoryKind.UNIT, name=u, position=p)
        for p, u in enumerate(_UNITS)
    ]
    targets = [
        rows.add(
            "sip_categories", group_id=group, kind=CategoryKind.TARGET_GROUP, name=t, position=p
        )
        for p, t in enumerate(_TARGETS)
    ]
    for year in YEARS:
        for first, last in _QUARTERS:
            period = rows.add(
                "sip_periods",
                group_id=group,
                kind=PeriodKind.QUARTER,
                starts_on=dt.date(year, first, 1),
                ends_on=_month_end(year, last),
                closed=year < YEARS[-1],
                note="",
            )
            for unit in units:
                for target in targets:
                    for code, value in _column(rng, size).items():
                        rows.add(
                            "sip_counts",
                            period_id=period,
                            indicator_id=indicators[code],
                            unit_id=unit,
                            target_group_id=target,
                            value=value,
                        )


def _plan(rows: _Rows, rng: random.Random, group: int, year: int) -> None:
    from naravard_desktop.db.enums import ActivityStatus

    plan = year_plan(rows, group, year)
    past = year < YEARS[-1]
    for a in range(5):
        area = rows.add(
            "areas", plan_id=plan, position=a, number=str(a + 1), title=f"Område {a + 1}"
        )
        for n in range(6):
            due = _month_end(year, rng.randint(1, 12))
            # not started, in progress, done, paused, cancelled: a past year's mostly closed
            weights = (1, 2, 88, 1, 8) if past else (35, 30, 30, 5, 0)
            status = rng.choices(list(ActivityStatus), weights)[0]
            activity = rows.add(
                "activities",
                area_id=area,
                position=n,
                title=f"Aktivitet {a + 1}.{n + 1}",
                responsible="Samordnaren",
                schedule_text=due.isoformat(),
                due_date=due,
                status=status,
                progress=100 if status is ActivityStatus.DONE else rng.randint(0, 90),
            )
            for month in (4, 10):
                rows.add(
                    "follow_ups",
                    activity_id=activity,
                    followed_up_on=dt.date(year, month, 15),
                    status=status,
                    progress=0,
                    note="Följdes upp på mötet.",
                )


def _meetings(rows: _Rows, rng: random.Random, group: int, year: int) -> None:
    from naravard_desktop.db.enums import ProtocolState

    for number, month in enumerate((2, 3, 5, 9, 10, 12)):
        recent = year == YEARS[-1] and number >= 4
        draft = recent or rng.random() < 0.02
        meeting = rows.add(
            "meetings",
            group_id=group,
            held_on=dt.date(year, month, rng.randint(1, 28)),
            place="Kommunhuset",
            state=ProtocolState.DRAFT if draft else ProtocolState.APPROVED,
        )
        for position, title in enumerate(_ITEMS):
            rows.add(
                "agenda_items",
                meeting_id=meeting,
                position=position,
                paragraph=number * len(_ITEMS) + position + 1,
                title=title,
                notes="Gruppen diskuterade läget." if position in (3, 4, 5) else "",
                decision="Gruppen beslutar att notera informationen." if position == 3 else "",
            )


def _indicators(rows: _Rows, group: int) -> dict[str, int]:
    from naravard_desktop.services.sip import indicator_sets

    found: dict[str, int] = {}
    shipped = indicator_sets.get_set(indicator_sets.SIP_SET)
    for position, item in enumerate(shipped.indicators):
        found[item.code] = rows.add(
            "indicators",
            group_id=group,
            indicator_set=shipped.code,
            code=item.code,
            parent_id=found[item.parent] if item.parent else None,
            position=position,
            name_sv=item.name_sv,
            name_en=item.name_en,
            help_sv=item.help_sv,
            help_en=item.help_en,
            hidden=False,
        )
    return found


def _column(rng: random.Random, size: float) -> dict[str, int]:
    """One unit and target group's counts of a quarter, the "varav" lines adding up."""

    def count(mean: float) -> int:
        return min(40, int(rng.expovariate(1 / (mean * size))))

    values = {
        "initiated_region": count(1.0),
        "initiated_municipality": count(1.0),
        "initiated_school": count(0.3),
        "initiated_person": count(0.3),
        "initiated_other": count(0.2),
        "consent_declined": count(0.2),
        "followed_up_on_time": count(0.8),
        "followed_up_late": count(0.3),
        "closed": count(0.5),
    }
    values["initiated"] = sum(v for k, v in values.items() if k.startswith("initiated_"))
    values["held"] = min(values["initiated"], count(2.0))
    values["established"] = min(values["held"], count(1.5))
    values["followed_up"] = values["followed_up_on_time"] + values["followed_up_late"]
    values["person_took_part"] = min(values["held"], count(1.5))
    values["relatives_took_part"] = min(values["held"], count(1.0))
    return values


if __name__ == "__main__":
    print(cached_sqlite())
    sys.exit(0)
