"""Peak memory and time of reading each attack file of issue 11 (XLSX, CSV and a Word
document) and plans of real and maximal size (target: any file under 10 MB read or refused
with under 300 MB of memory; a refusal after under a second of work).

Each file is read by `read_plan_file` in a fresh interpreter (after its imports, so the
figure is the reading alone); the child reports CPU and wall seconds of the call and its
peak resident memory (VmHWM, which includes the interpreter and the imports: the
baseline row shows how much that is). The attack files are built as in tests/attack.

Prints a table and writes benchmarks/results/spreadsheet_attacks.json. Takes about a minute.
`python -m benchmarks.spreadsheet_attacks`.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.report import print_table, write_results
from tests.attack.bombs import (
    MAIN,
    header_row,
    inline,
    shared_strings,
    sheet,
    sheet_start,
    write_word_bomb,
    write_xlsx,
)

NAME = "spreadsheet_attacks"
MEMORY_LIMIT_MB = 300
REFUSAL_LIMIT_S = 1.0

PROBE = """
import json, resource, sys, time
from pathlib import Path
from naravard_desktop import i18n
from naravard_desktop.errors import DomainError
from naravard_desktop.services.plan.plan_import import read_plan_file
import openpyxl.reader.excel  # imported before the clock starts, as in the app after a first read

i18n.set_language("sv")
result = {}
if sys.argv[1] != "-":
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        preview = read_plan_file(Path(sys.argv[1]))
        result["outcome"] = f"read: {len(preview.activities)} activities"
    except DomainError as error:
        result["outcome"] = "refused: " + str(error)
    except MemoryError:
        result["outcome"] = "MemoryError"
    result["cpu_s"] = time.process_time() - cpu
    result["wall_s"] = time.perf_counter() - wall
# This process's own peak (VmHWM): ru_maxrss keeps the parent's peak across exec, so a
# benchmark run after a large one would count that one's memory here.
status = Path("/proc/self/status").read_text().splitlines()
peak = [line.split()[1] for line in status if line.startswith("VmHWM:")]
own = int(peak[0]) if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
result["peak_mb"] = own / 1024
print(json.dumps(result))
"""

WORDS = [
    "samverkan",
    "vårdcentral",
    "kommun",
    "region",
    "hemtjänst",
    "äldreomsorg",
    "uppföljning",
    "rutin",
    "utskrivning",
    "läkemedel",
    "trygg",
    "hemgång",
    "barn",
    "unga",
    "psykisk",
    "hälsa",
    "fast",
    "vårdkontakt",
    "överenskommelse",
    "arbetsgrupp",
    "handlingsplan",
    "tidsplan",
    "ansvar",
    "aktivitet",
    "område",
    "mål",
    "mätning",
    "kontinuitet",
    "tillgänglighet",
    "delaktighet",
    "förebyggande",
    "insatser",
    "SIP",
    "möte",
]


def _plan_rows(count: int, rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = [
        ["Område", "Aktivitet", "Beskrivning", "Ansvar", "Tidsplan", "Status", "Framsteg"]
    ]
    for number in range(count):
        if number % 25 == 0:
            rows.append([f"{number // 25 + 1}. {' '.join(rng.choices(WORDS, k=4))}"])
        rows.append(
            [
                None,
                " ".join(rng.choices(WORDS, k=8)),
                " ".join(rng.choices(WORDS, k=30)),
                "Vårdcentralen och hemtjänsten",
                "Hösten 2025",
                "Pågår",
                number % 101,
            ]
        )
    return rows


def real_plan_xlsx(path: Path, rows: int = 300) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    for row in _plan_rows(rows, random.Random(1)):
        book.active.append(row)
    book.save(path)
    return path


def real_plan_csv(path: Path, rows: int = 300) -> Path:
    lines = [
        ";".join("" if v is None else str(v) for v in row)
        for row in _plan_rows(rows, random.Random(1))
    ]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    return path


def max_plan_xlsx(path: Path) -> Path:
    """At the limits: 19 000 activities with their areas, written as Excel writes (shared
    texts), every description different."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    target = book.create_sheet("Plan")
    for row in _plan_rows(19_000, random.Random(2)):
        target.append(row)
    book.save(path)
    return path


def max_texts_xlsx(path: Path) -> Path:
    """Shared texts just under the unpacked limit: 1 700 cells of 32 000 characters."""
    rng = random.Random(3)

    def texts() -> Iterator[str]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'
        for _ in range(1_700):
            text = " ".join(rng.choices(WORDS, k=3_200))[:32_000]
            yield f"<si><t>{text}</t></si>"
        yield "</sst>"

    rows = header_row() + "".join(
        f'<row r="{n + 2}">{inline(f"A{n + 2}", "1. Område")}'
        f'<c r="B{n + 2}" t="s"><v>{n}</v></c></row>'
        for n in range(1_700)
    )
    return write_xlsx(path, sheet(rows), shared=texts())


def attacks(folder: Path) -> list[tuple[str, Callable[[], Path]]]:
    def million_rows() -> Iterator[str]:
        yield sheet_start("A1:B1000000") + header_row()
        for _ in range(100):
            yield "<row><c><v>1</v></c></row>" * 10_000
        yield "</sheetData></worksheet>"

    def title_150_mb() -> Iterator[str]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}"><si><t>'
        for _ in range(150):
            yield "A" * 1_000_000
        yield "</t></si></sst>"

    def csv_million(path: Path) -> Path:
        path.write_bytes(b"Omr;Aktivitet\r\n" + b"1;a\r\n" * 1_000_000)
        return path

    def csv_field(path: Path) -> Path:
        path.write_bytes(b'Omr;Aktivitet\r\n1;"' + b"x" * 9_000_000 + b'"\r\n')
        return path

    laughs = (
        '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + f']><sst xmlns="{MAIN}"><si><t>&i;</t></si></sst>'
    )
    echo = (
        f'<row r="1">{inline("A1", "Område")}{inline("B1", "Aktivitet")}{inline("C1", "Status")}'
        f'</row><row r="2">{inline("A2", "1. Område")}</row>'
        + "".join(
            f'<row r="{n}"><c r="B{n}" t="s"><v>0</v></c><c r="C{n}" t="s"><v>1</v></c></row>'
            for n in range(3, 19_000)
        )
    )
    far = '<row r="2000"><c r="XFD2000"><v>1</v></c></row>'
    merged = '<mergeCells count="1"><mergeCell ref="A2:XFD199000"/></mergeCells>'
    return [
        ("baseline (imports only)", lambda: Path("-")),
        (
            "XLSX, one cell at XFD2000",
            lambda: write_xlsx(folder / "xfd.xlsx", sheet(header_row() + far)),
        ),
        (
            "XLSX, merged A2:XFD199000",
            lambda: write_xlsx(folder / "merged.xlsx", sheet(header_row(), merged)),
        ),
        ("XLSX, 1 000 000 rows", lambda: write_xlsx(folder / "rows.xlsx", million_rows())),
        (
            "XLSX, 150 MB title in shared texts",
            lambda: write_xlsx(folder / "title.xlsx", sheet(header_row()), shared=title_150_mb()),
        ),
        (
            "XLSX, styles of 1 000 000 elements",
            lambda: write_xlsx(
                folder / "styles.xlsx",
                sheet(header_row()),
                styles=[f'<styleSheet xmlns="{MAIN}">', "<xf/>" * 1_000_000, "</styleSheet>"],
            ),
        ),
        (
            "XLSX, XML entity expansion",
            lambda: write_xlsx(folder / "laughs.xlsx", sheet(header_row()), shared=laughs),
        ),
        (
            "XLSX, 19 000 rows whose status is one 30 000-character text",
            lambda: write_xlsx(
                folder / "echo.xlsx", sheet(echo), shared=shared_strings("Rutin", "x" * 30_000)
            ),
        ),
        ("Word, 8 000 000 paragraphs as <x:p/>", lambda: write_word_bomb(folder / "bomb.docx")),
        ("CSV, 1 000 000 rows", lambda: csv_million(folder / "rows.csv")),
        ("CSV, one 9 MB field", lambda: csv_field(folder / "field.csv")),
        ("real plan, XLSX, 300 activities", lambda: real_plan_xlsx(folder / "plan.xlsx")),
        ("real plan, CSV, 300 activities", lambda: real_plan_csv(folder / "plan.csv")),
        ("at the limits: 19 000 activities", lambda: max_plan_xlsx(folder / "max.xlsx")),
        ("at the limits: 54 MB of shared texts", lambda: max_texts_xlsx(folder / "texts.xlsx")),
    ]


def measure(path: Path, env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        return {"outcome": f"crashed: {done.stderr.strip().splitlines()[-1:]}", "peak_mb": -1}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str]) -> int:
    results: dict[str, Any] = {}
    table: list[tuple[str, str]] = []
    status = 0
    with tempfile.TemporaryDirectory(prefix="naravard-bench-attacks-") as name:
        folder = Path(name)
        env = {k: v for k, v in os.environ.items() if k != "NARAVARD_DATABASE"}
        env.update(NARAVARD_DATA_DIR=str(folder / "data"), PYTHONUTF8="1")
        for label, build in attacks(folder):
            path = build()
            size = path.stat().st_size if path.name != "-" else 0
            result = measure(path, env)
            result["file_bytes"] = size
            results[label] = result
            outcome = str(result.get("outcome", ""))
            refused = outcome.startswith("refused")
            within = 0 <= result["peak_mb"] < MEMORY_LIMIT_MB and (
                not refused or result["cpu_s"] < REFUSAL_LIMIT_S
            )
            if path.name != "-" and (not within or "Error" in outcome or "crashed" in outcome):
                status = 1
            timing = f"{result['cpu_s']:6.2f} s cpu" if "cpu_s" in result else " " * 12
            table.append(
                (
                    f"{label} ({size / 1024:,.0f} KB)" if size else label,
                    f"{result['peak_mb']:5.0f} MB {timing}  {outcome[:60]}",
                )
            )
    print_table(table, heading="read_plan_file on")
    write_results(NAME, results)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
