"""Invented SIP counts for the demo group: a small municipality's scale (most cells between 0
and 10), the three whole years before today's and this year so far, growing slowly."""

from __future__ import annotations

import datetime as dt
import random

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.sip import sip_counts, sip_periods, sip_setup
from naravard_desktop.services.sip.sip_counts import CellKey
from naravard_desktop.services.system.database import Database

# How often each target group gets a SIP, per unit and quarter (before growth).
_BASE = {"Barn och unga": 4.0, "Vuxna": 3.0, "Äldre": 5.0}
# Who initiates, by target group: region, municipality, school, the person, other
_INITIATORS = {
    "Barn och unga": (0.25, 0.3, 0.35, 0.05, 0.05),
    "Vuxna": (0.45, 0.4, 0.0, 0.1, 0.05),
    "Äldre": (0.5, 0.4, 0.0, 0.05, 0.05),
}
_PARTS = (
    "initiated_region",
    "initiated_municipality",
    "initiated_school",
    "initiated_person",
    "initiated_other",
)


def _split(rng: random.Random, total: int, shares: tuple[float, ...]) -> list[int]:
    counts = [0] * len(shares)
    for _ in range(total):
        counts[rng.choices(range(len(shares)), weights=shares)[0]] += 1
    return counts


def _column(rng: random.Random, target: str, growth: float) -> dict[str, int]:
    mean = _BASE.get(target, 3.0) * growth
    initiated = max(0, round(rng.gauss(mean, mean / 3)))
    declined = sum(1 for _ in range(initiated) if rng.random() < 0.1)
    held = sum(1 for _ in range(initiated - declined) if rng.random() < 0.9)
    established = sum(1 for _ in range(held) if rng.random() < 0.85)
    followed = sum(1 for _ in range(held) if rng.random() < 0.7)
    late = sum(1 for _ in range(followed) if rng.random() < 0.3)
    values = {
        "initiated": initiated,
        "consent_declined": declined,
        "held": held,
        "established": established,
        "followed_up": followed,
        "followed_up_on_time": followed - late,
        "followed_up_late": late,
        "closed": sum(1 for _ in range(held) if rng.random() < 0.4),
        "person_took_part": sum(1 for _ in range(held) if rng.random() < 0.75),
        "relatives_took_part": sum(1 for _ in range(held) if rng.random() < 0.5),
    }
    values.update(
        zip(_PARTS, _split(rng, initiated, _INITIATORS.get(target, (1,) * 5)), strict=False)
    )
    return values


def add_demo_sip(db: Database, group: GroupData, today: dt.date) -> None:
    rng = random.Random(f"sip-demo-{group.name}")
    setup = sip_setup.get_setup(db, group.id)
    ids = {i.code: i.id for i in setup.indicators}
    for year in range(today.year - 3, today.year + 1):
        growth = 1.0 + 0.12 * (year - today.year + 3)
        for number in range(1, 5):
            starts, ends = sip_periods.bounds(setup.period_kind, year, number)
            if starts > today:
                break
            period = sip_periods.create_period(db, group.id, year, number)
            values: dict[CellKey, int | None] = {}
            for unit, target in setup.columns():
                share = 0.6 if unit.name == "Kommunen" else 0.4
                column = _column(rng, target.name, growth * share * 1.6)
                for code, value in column.items():
                    values[(ids[code], unit.id, target.id)] = value
            saved = sip_counts.save_counts(db, period.id, values, period.version)
            if ends < dt.date(today.year, 1, 1):
                sip_periods.set_closed(db, period.id, True, saved.version)
