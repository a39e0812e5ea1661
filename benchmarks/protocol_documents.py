"""Time to write a meeting's documents, on an invented 20-item meeting (names invented):

- protocol_pdf (ReportLab layout + PDF/A-2b conversion and validation), median of 10,
  and the ReportLab part alone;
- kallelse_pdf and protocol_docx, median of 10;
- a protocol whose one note holds 200 000 characters, median of 3.

Prints a table and writes benchmarks/results/protocol_documents.json. Takes about 15 s.

    python -m benchmarks.protocol_documents               # measure
    python -m benchmarks.protocol_documents --write DIR   # also write the sample documents
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import Any

from benchmarks.report import print_table, write_results

NAME = "protocol_documents"
RUNS = 10
LONG_RUNS = 3

TITLES = (
    "Mötets öppnande",
    "Val av justerare",
    "Fastställande av dagordning",
    "Föregående protokoll",
    "Fast vårdkontakt: lägesrapport",
    "Samordnad individuell plan (SIP): statistik första tertialen",
    "Utskrivning från slutenvården",
    "Äldre med omfattande behov",
    "Psykisk hälsa: barn och unga",
    "Hemsjukvård: gränsdragning",
    "Läkemedelsgenomgångar i särskilt boende",
    "Information från regionen",
    "Information från kommunen",
    "Information från primärvården",
    "Lokal plan: uppföljning av aktiviteter",
    "Budget och resurser",
    "Kommunikation och dialog med invånare",
    "Övriga frågor",
    "Nästa möte",
    "Mötets avslutande",
)
NOTE = (
    "Arbetsgruppen redovisar läget. Rutinen för fast vårdkontakt är införd på två av tre "
    "hälsocentraler och hemtjänsten deltar i samordningsmötena. Gruppen diskuterar hur "
    "uppföljningen ska göras under hösten och vilka mått som ska redovisas.\n\n"
    "Frågor från ledamöterna gällde bemanning under sommaren och hur anhöriga informeras."
)


def sample_meeting(items: int = 20, note: str = NOTE) -> Any:
    """An invented ordinary meeting with `items` agenda items, attendance and actions."""
    from naravard_desktop.db.enums import AttendanceStatus, MeetingKind, Principal, Role
    from naravard_desktop.services.meetings.protocol_model import (
        ActionLine,
        AttendeeLine,
        ItemLine,
        ProtocolData,
    )

    present = AttendanceStatus.PRESENT
    attendees = (
        AttendeeLine("Anna Berg", present, Role.CHAIR, Principal.MUNICIPALITY),
        AttendeeLine("Erik Lund", present, Role.MEMBER, Principal.REGION),
        AttendeeLine("Maja Strand", present, Role.VICE_CHAIR, Principal.REGION),
        AttendeeLine("Olof Dahl", present, Role.MEMBER, Principal.MUNICIPALITY),
        AttendeeLine(
            "Sara Holm",
            AttendanceStatus.SUBSTITUTE,
            Role.SUBSTITUTE,
            Principal.REGION,
            substitute_for="Per Ek",
        ),
        AttendeeLine("Lisa Nord", present, Role.SECRETARY, Principal.MUNICIPALITY),
        AttendeeLine(
            "Jonas Ås",
            AttendanceStatus.COOPTED,
            Role.COOPTED,
            Principal.MUNICIPALITY,
            from_paragraph=14,
            to_paragraph=15,
        ),
        AttendeeLine("Karin Vik", AttendanceStatus.GUEST, organisation="Bergsjö hälsocentral"),
        AttendeeLine("Per Ek", AttendanceStatus.ABSENT, Role.MEMBER, Principal.REGION),
    )
    start = dt.datetime(2024, 5, 17, 13, 0)
    lines = []
    for index in range(items):
        title = TITLES[index % len(TITLES)]
        lines.append(
            ItemLine(
                paragraph=12 + index,
                title=title,
                presenter="Erik Lund" if index % 3 == 1 else "",
                planned_minutes=10,
                planned_start=(start + dt.timedelta(minutes=10 * index)).time(),
                notes=note if index % 2 == 0 else "",
                decision=f"Gruppen beslutar att lägga informationen om {title.lower()} "
                "till handlingarna.",
                attachments=("Lägesrapport",) if index % 4 == 0 else (),
                actions=(
                    ActionLine("Ta fram förslag till rutin", "Sara Holm", dt.date(2024, 6, 30)),
                    ActionLine("Återkoppla till arbetsgruppen", "Anna Berg"),
                ),
                carried_actions=(
                    ActionLine(
                        "Sammanställa SIP-statistik",
                        "Erik Lund",
                        dt.date(2024, 5, 31),
                        from_meeting_on=dt.date(2024, 4, 12),
                        from_paragraph=7,
                    ),
                )
                if index == 3
                else (),
            )
        )
    return ProtocolData(
        language="sv",
        group_name="Lokal samverkansgrupp Bergsjö",
        principals_line="Region Mittland och Bergsjö kommun",
        logo=None,
        meeting_id=1,
        meeting_number="2024:3",
        kind=MeetingKind.ORDINARY,
        held_on=dt.date(2024, 5, 17),
        starts_at=dt.time(13, 0),
        ends_at=dt.time(16, 30),
        place="Kommunhuset, sal Ljusnan, och via Teams",
        chair="Anna Berg",
        secretary="Lisa Nord",
        adjusters=("Erik Lund",),
        attendees=attendees,
        items=tuple(lines),
    )


def timed(runs: int, action: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def summary(times: list[float]) -> dict[str, Any]:
    return {
        "runs": len(times),
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
    }


def write_samples(folder: Path) -> None:
    from naravard_desktop.documents.kallelse_pdf import kallelse_pdf
    from naravard_desktop.documents.protocol_docx import protocol_docx
    from naravard_desktop.documents.protocol_pdf import protocol_pdf

    data = sample_meeting()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "protokoll.pdf").write_bytes(protocol_pdf(data))
    (folder / "protocol-en.pdf").write_bytes(protocol_pdf(replace(data, language="en")))
    (folder / "kallelse.pdf").write_bytes(kallelse_pdf(data))
    (folder / "protokoll.docx").write_bytes(protocol_docx(data))
    print(f"sample documents written to {folder}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.protocol_documents")
    parser.add_argument("--write", type=Path, help="also write sample documents here")
    args = parser.parse_args(argv)

    from pypdf import PdfReader

    from naravard_desktop.documents import pdf as pdf_module
    from naravard_desktop.documents.kallelse_pdf import kallelse_pdf
    from naravard_desktop.documents.protocol_docx import protocol_docx
    from naravard_desktop.documents.protocol_pdf import protocol_pdf

    data = sample_meeting()
    pdf = protocol_pdf(data)  # warm-up: fonts registered, catalogs and modules loaded
    pages = len(PdfReader(BytesIO(pdf)).pages)
    total = timed(RUNS, lambda: protocol_pdf(data))
    # Layout alone: every PDF is made archival in documents/pdf.to_pdfa (via build_pdfa).
    original = pdf_module.to_pdfa
    pdf_module.to_pdfa = lambda pdf, _info: pdf  # type: ignore[assignment]
    try:
        layout = timed(RUNS, lambda: protocol_pdf(data))
    finally:
        pdf_module.to_pdfa = original
    kallelse = timed(RUNS, lambda: kallelse_pdf(data))
    protocol_docx(data)
    docx_times = timed(RUNS, lambda: protocol_docx(data))
    sentence = "Gruppen diskuterar samverkan kring äldre med omfattande behov. "
    long_note = (sentence * (200_000 // len(sentence) + 1))[:200_000]
    long_data = sample_meeting(items=3, note=long_note)
    long_pages = len(PdfReader(BytesIO(protocol_pdf(long_data))).pages)
    long_times = timed(LONG_RUNS, lambda: protocol_pdf(long_data))

    results: dict[str, Any] = {
        "protocol_pdf_20_items": {**summary(total), "pages": pages},
        "protocol_layout_only_20_items": summary(layout),
        "kallelse_pdf_20_items": summary(kallelse),
        "protocol_docx_20_items": summary(docx_times),
        "protocol_pdf_200000_char_note": {**summary(long_times), "pages": long_pages},
    }
    rows = [
        (
            f"protocol_pdf, 20 items, {pages} pages, PDF/A-2b (median of {RUNS})",
            results["protocol_pdf_20_items"]["median_s"],
        ),
        ("  of which ReportLab layout", results["protocol_layout_only_20_items"]["median_s"]),
        (
            f"kallelse_pdf, 20 items (median of {RUNS})",
            results["kallelse_pdf_20_items"]["median_s"],
        ),
        (
            f"protocol_docx, 20 items (median of {RUNS})",
            results["protocol_docx_20_items"]["median_s"],
        ),
        (
            f"protocol_pdf, one 200 000-character note, {long_pages} pages (median of {LONG_RUNS})",
            results["protocol_pdf_200000_char_note"]["median_s"],
        ),
    ]
    print_table([(label, f"{seconds * 1000:7.0f} ms") for label, seconds in rows])
    write_results(NAME, results)
    if args.write:
        write_samples(args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
