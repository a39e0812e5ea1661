"""The issue's targets, each measured against its anchor in the same run.

A benchmark calls `record(Target(...))` for every figure that has a target; the targets of all
runs so far are kept in results/latest.json (a run replaces the entries it measured and keeps
the others), and `print_summary()` prints them as one table at the end of `make bench`.

A figure on a shared machine moves with the other users' load, so a target that compares with
an anchor (a bare PySide6 window, LibreOffice) measures the anchor in the same run, interleaved
with our own runs, and states the ratio: that survives a busy machine better than milliseconds.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

LATEST = Path(__file__).resolve().parent / "results" / "latest.json"


@dataclass(frozen=True)
class Target:
    """One measured figure and its target.

    Without a baseline the target applies to `value` itself (a page opens in ≤ 150 ms). With a
    baseline it applies to the ratio: value ÷ baseline, or baseline ÷ value when
    `anchor_over_value` (how many times LibreOffice's time ours is). `at_least` turns the
    target into a floor."""

    name: str
    value: float
    unit: str
    target: float
    baseline: float | None = None
    anchor_over_value: bool = False
    at_least: bool = False
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None:
            return None
        if self.anchor_over_value:
            return self.baseline / self.value if self.value else float("inf")
        return self.value / self.baseline if self.baseline else float("inf")

    @property
    def ok(self) -> bool:
        compared = self.value if self.ratio is None else self.ratio
        return compared >= self.target if self.at_least else compared <= self.target

    def as_json(self) -> dict[str, Any]:
        found = asdict(self)
        del found["anchor_over_value"], found["at_least"]
        found.update(ratio=self.ratio, ok=self.ok, compare="≥" if self.at_least else "≤")
        return found


def record(*targets: Target) -> None:
    """Write these targets into results/latest.json, replacing earlier entries of their names."""
    kept = {entry["name"]: entry for entry in load()}
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    for target in targets:
        kept[target.name] = {**target.as_json(), "when": when}
    LATEST.parent.mkdir(parents=True, exist_ok=True)
    LATEST.write_text(json.dumps(list(kept.values()), indent=2) + "\n", encoding="utf-8")


def load() -> list[dict[str, Any]]:
    if not LATEST.exists():
        return []
    entries: list[dict[str, Any]] = json.loads(LATEST.read_text(encoding="utf-8"))
    return entries


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}" if abs(value) < 100 else f"{value:.0f}"


def print_summary(names: set[str] | None = None) -> int:
    """The table of targets (all, or those named); returns how many are missed."""
    entries = [e for e in load() if names is None or e["name"] in names]
    if not entries:
        return 0
    header = ("target", "value", "baseline", "ratio", "goal", "ok")
    rows = [
        (
            e["name"],
            f"{_number(e['value'])} {e['unit']}",
            "–" if e["baseline"] is None else f"{_number(e['baseline'])} {e['unit']}",
            _number(e["ratio"]),
            f"{e['compare']} {_number(e['target'])}",
            "yes" if e["ok"] else "NO",
        )
        for e in entries
    ]
    widths = [max(len(str(r[i])) for r in (header, *rows)) for i in range(len(header))]
    for row in (header, tuple("-" * w for w in widths), *rows):
        print("  ".join(f"{cell:<{w}}" for cell, w in zip(row, widths, strict=True)))
    missed = [e["name"] for e in entries if not e["ok"]]
    if missed:
        print(f"\ntargets missed: {', '.join(missed)} (see benchmarks/README.md)")
    print(f"\nwritten: {LATEST}")
    return len(missed)
