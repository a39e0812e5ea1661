"""What every benchmark does at the end: print a table and write results/<name>.json."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def print_table(rows: Sequence[tuple[str, str]], heading: str = "benchmark") -> None:
    width = max([len(heading), *(len(label) for label, _value in rows)])
    print(f"{heading:<{width}}  result")
    print(f"{'-' * width}  {'-' * 16}")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


def write_results(name: str, results: dict[str, Any]) -> Path:
    """results/<name>.json with the machine's facts, so runs can be compared."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    payload = {
        "name": name,
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "results": results,
    }
    out = RESULTS_DIR / f"{name}.json"
    out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {out}")
    return out
