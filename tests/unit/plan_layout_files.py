"""Plan files laid out as the source documents are (../shared/seeds 000, 002, 003), built from
their text for the import tests. The people named are invented (the seeds name real officials).

Each builder writes the file and the module holds the tree a reader of the document would
draw: (area label, [(activity, responsible, schedule)]) with sub-areas indented by two spaces.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

Row = list[object]

# --- seed 000: Jämtland Härjedalen, Handlingsplan 2024 ----------------------------------------

J_TITLE = (
    "Handlingsplan 2024 med fokus på dokumenterad överenskommelse, kontinuitet och fasta kontakter"
)
J_VALIDITY = (
    "Gäller från och med 2021-09-24, reviderad 2022-03-14, 2024-02-09 (Beslut i Fredagsgruppen)"
)
J_AREA_1 = "Fast vårdkontakt och fast läkarkontakt"
J_AREA_2 = "Dokumenterad överenskommelse / (fd. Patientkontrakt)"
J_HEADER = ["Aktivitet", "Ansvar för genomförande", "Tidsplan"]
IT = "Ansvarig för verksamhet och IT-stöd hos respektive huvudman"
# As Excel keeps them: a date typed in a cell is a date, a year is a number, Alt+Enter is a
# line break inside the cell.
J_ROWS_1: list[Row] = [
    [
        "Skapa gemensamma rutiner och tydliggöra uppdraget för fasta kontakter",
        "Fredagsgruppen\nPartsammansatt arbetsgrupp",
        dt.datetime(2024, 12, 31),
    ],
    ["Överenskommelse gällande fasta kontakter i samverkan", "Fredagsgruppen", "2024-12-31"],
    [
        "Implementering av överenskommelse gällande fasta kontakter i samverkan",
        "Fredagsgruppen",
        2025,
    ],
    [
        "Information till berörda individer om namngivna fasta kontakter",
        "Respektive verksamhet",
        "Löpande",
    ],
    [
        "Översyn av medarbetares tillgång till information om den fasta kontakter",
        IT,
        "2022-12-31 Delvis\nFast vårdkontakt finns 2024-12-31",
    ],
    [
        "Information till medborgarna om fasta kontakter\nGemensam för RJH och kommunerna.",
        "Fredagsgruppen",
        dt.datetime(2024, 12, 31),
    ],
    ["Uppföljning", "Fredagsgruppen", "November 2024 vid Fredagsgruppens möte"],
    ["Punktmätning av fasta kontakter", None, "Hösten 2022"],
]
J_ROWS_2: list[Row] = [
    ["Utbildningsinsatser för personal", "Fredagsgruppen", None],
    ["Informationsinsatser till medborgarna", "Fredagsgruppen", None],
    [
        "Ta fram gemensamma sökord för dokumenterad överenskommelse",
        "Fredagsgruppen",
        "2024-05-17 vid Fredagsgruppens möte",
    ],
    [
        "Identifiera planer som kan vara en del av dokumenterad överenskommelse",
        "Fredagsgruppen",
        dt.datetime(2021, 12, 31),
    ],
    [
        "Skapa digital tillgång till dokumenterad överenskommelse för individen",
        IT,
        "Beroende av nationellt utvecklingsarbete",
    ],
    [
        "Skapa digital tillgång till dokumenterad överenskommelse för medarbetarna",
        "Gemensamt arbete mellan ansvariga för verksamhet och IT-stöd inom respektive huvudmän",
        "2024-05-17 avstämning vid Fredagsgruppens möte",
    ],
    [
        "Ta fram förslag på utformning och struktur för träning av icke tekniska färdigheter "
        "t.ex. SIP.",
        "Fredagsgruppen",
        None,
    ],
    ['Uppföljning: "de 7 frågorna"', "Fredagsgruppen", "November 2024 vid Fredagsgruppens möte"],
]


def _as_text(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return "" if value is None else str(value)


def jamtland_tree() -> list[tuple[str, list[tuple[str, str, str]]]]:
    def acts(rows: list[Row]) -> list[tuple[str, str, str]]:
        return [(str(r[0]), _as_text(r[1]), _as_text(r[2])) for r in rows]

    return [(J_AREA_1, acts(J_ROWS_1)), (J_AREA_2, acts(J_ROWS_2))]


BOLD = Font(bold=True)
LARGE = Font(bold=True, size=16)
FILL = PatternFill("solid", fgColor="D9E2F3")


def jamtland_xlsx(path: Path) -> Path:
    """The plan as someone typed it into Excel: a large merged title, a subtitle, the
    validity line, then for each area a merged bold heading, the column headers again, the
    activities and an empty row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Handlingsplan 2024"
    sheet.append([J_TITLE])
    sheet.merge_cells("A1:C1")
    sheet["A1"].font = LARGE
    sheet.append(["FÖR REGION JÄMTLAND HÄRJEDALEN OCH LÄNETS KOMMUNER"])
    sheet.append(
        ["Reviderat av Karin Ek, för länets kommuner och Per Holm för Region Jämtland Härjedalen"]
    )
    sheet.append([J_VALIDITY])
    sheet.append([])
    for title, rows in ((J_AREA_1, J_ROWS_1), (J_AREA_2, J_ROWS_2)):
        sheet.append([title])
        row = sheet.max_row
        sheet.merge_cells(f"A{row}:C{row}")
        sheet[f"A{row}"].font = BOLD
        sheet[f"A{row}"].fill = FILL
        sheet.append(J_HEADER)
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
        for values in rows:
            sheet.append(values)
            if isinstance(values[2], dt.datetime):
                sheet.cell(sheet.max_row, 3).number_format = "yyyy-mm-dd"
        sheet.append([])
    for line in ("GODKÄNT AV", "Anna Lind", "GILTIGT FR O M", dt.datetime(2024, 3, 6)):
        sheet.append([line])
    book.save(path)
    return path


def jamtland_docx(path: Path) -> Path:
    """The same plan as a Word document: a title, prose, the validity paragraph, headings,
    and for each area a heading before its table."""
    import docx

    document = docx.Document()
    document.add_heading(J_TITLE, level=0)
    document.add_paragraph("FÖR REGION JÄMTLAND HÄRJEDALEN OCH LÄNETS KOMMUNER")
    document.add_paragraph("Dokumentet är framtaget av en arbetsgrupp bestående av:")
    document.add_paragraph("Karin Ek, social samordnare för länets kommuner")
    document.add_paragraph(J_VALIDITY)
    document.add_heading("Inledning", level=1)
    document.add_paragraph(
        "För att få en bild av pågående arbete inom omställningen till en God och nära vård "
        "inleds dokumentet med en bred beskrivning av överenskommelsen."
    )
    document.add_heading("Handlingsplan 2024", level=1)
    document.add_paragraph("I enlighet med överenskommelsen ska regionerna:")
    document.add_paragraph(
        "säkerställa att patienter får information om vem som är deras fasta läkarkontakt.",
        style="List Bullet",
    )
    for title, rows in ((J_AREA_1, J_ROWS_1), (J_AREA_2, J_ROWS_2)):
        document.add_heading(title, level=2)
        table = document.add_table(rows=1, cols=3)
        for cell, text in zip(table.rows[0].cells, J_HEADER, strict=True):
            cell.text = text
        for values in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                lines = _as_text(value).split("\n")
                cell.text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
    document.add_paragraph("GODKÄNT AV")
    document.add_paragraph("Anna Lind")
    document.add_paragraph("GILTIGT FR O M")
    document.add_paragraph("2024-03-06")
    document.save(str(path))
    return path


# --- seed 002: Vårdsamverkan Skåne, Aktivitets- och tidplan 2022–2025 ------------------------

S_TITLE = (
    "Aktivitets- och tidplan avseende god och nära vård inom ramen för Vårdsamverkan Skåne "
    "2022–2025"
)
S_HEADER = ["Aktivitet", "Tidplan", "Uppföljning", "Ansvar"]
CTB = "Vårdsamverkan Skåne, Central tjänstemannaberedning"


def _bullets(*lines: str) -> str:
    return "\n".join(f"- {line}" for line in lines)


S_1A = [
    "Genomföra gemensamma utbildningsinsatser för att öka SIP-kvaliteten inom ramen för "
    "arbetet inom Förvaltningsgruppen av regelverk för SVU och SIP.",
    "Förbättra möjligheten till uppföljning avseende hantering av SIP respektive SVU genom att "
    "ta fram underlag och variabler som är viktiga för att upptäcka avvikelser i förhållande "
    "till regelverk.",
    "Genomföra gemensamma utbildningsinsatser för att utveckla personcentreringen i "
    "verksamheterna.",
]
S_1A_SCHEDULE = _bullets(
    "Utbildningsinsatser genomförs fortlöpande fr o m hösten 2022",
    "De skånska uppföljningsmodulen ska vara framtagen och i drift vid utgången av 2025.",
)
S_1C = [
    "Ett förslag på nytt avtal för läkarmedverkan i kommunal hemsjukvård tas fram i samverkan.",
    "Fast läkarkontakt och fast vårdkontakt ska integreras i utvecklingen.",
    "Säkerställa läkarmedverkan på primärvårdsnivå för den kommunala hälso-och sjukvården "
    "avseende sjukvårdande insatser.",
]
S_1C_SCHEDULE = _bullets(
    "Förslag till nytt ramavtal för läkarstöd ska vara framtaget Q2 2022.",
    "Förankring och förberedelser inför implementering Q3 2022.",
    "Nytt ramavtal börjar gälla 2023-01-01.",
)
S_2A = [
    'Inom ramen för Vårdsamverkan Skåne etableras en samverkanstruktur för "Hälsa"',
    "Ta fram en aktivitets- och tidplan för hälsoarbetet, med särskilt fokus på barn och unga",
    "Implementera strukturerade riskbedömningar och uppföljningar avseende fallprevention",
]
S_2A_SCHEDULE = _bullets(
    'Regional samverkansgrupp "Hälsa" finns etablerad 2022-06-01',
    'Aktivitets- och tidplan "Hälsa" framtagen och beslutad 2022-12-31',
)
S_3B = (
    "Ett uppdrag tas fram för att utreda förutsättningarna att bilda en plattform för "
    "kompetenssamverkan."
)
S_4 = [
    "Säkerställa genomförande av de aktiviteter som är planerade för de sex respektive "
    "utvecklingsområdena i handlingsplanen.",
    "Årligen ta fram och uppdatera samt följa upp handlingsplan och budget.",
]
S_6 = (
    "För att möta behovet av en mera gemensam utveckling har det inrättats tre samverkansgrupper;\n"
    "- Regional samverkansgrupp Rehabilitering\n"
    "Översyn av hanteringen av intyg\n"
    "- Regional samverkansgrupp Habilitering\n"
    "Revidering av Överenskommelsen om habilitering i Skåne.\n"
    "- Regional samverkansgrupp Hjälpmedel"
)


def skane_rows() -> list[Row]:
    """Heading rows "1. …" and "a) …" with only their first cell filled, each followed by
    one row whose cells hold bullet lists."""
    return [
        ["DATUM"],
        [dt.datetime(2022, 2, 22)],
        [S_TITLE],
        [],
        S_HEADER,
        ["1. Personcentrerat arbets-och förhållningssätt"],
        ["a) Patientkontrakt och Samordnad individuell plan, SIP"],
        [
            _bullets(*S_1A),
            S_1A_SCHEDULE,
            _bullets("Genomförda utbildningar följs upp", "Personens delaktighet följs upp"),
            CTB,
        ],
        [
            "c) Etablera en jämlik läkarmedverkan på primärvårdsnivå för den kommunala "
            "hälso-och sjukvården"
        ],
        [_bullets(*S_1C), S_1C_SCHEDULE, "Uppföljning av nytt ramavtal Q4 2023", CTB],
        ["2. Förebyggande och hälsofrämjande insatser"],
        ["a) Förebyggande och hälsofrämjande insatser"],
        [_bullets(*S_2A), S_2A_SCHEDULE, None, "- " + CTB],
        ["3. Kompetenssamverkan"],
        ["b) Kompetensplattform"],
        ["- " + S_3B, "- Förslag till uppdrag klart 2022-09-01", None, CTB],
        ["4. Gemensamma digitala lösningar"],
        [_bullets(*S_4), "- Handlingsplanen ska gå till beslut under Q1 2022", None, "SGD"],
        ["6. Rehabilitering"],
        [S_6, "Samtliga grupper ska etableras och vara igång 2022-06-01", None, CTB],
    ]


def skane_tree() -> list[tuple[str, list[tuple[str, str, str]]]]:
    def each(titles: list[str], responsible: str, schedule: str) -> list[tuple[str, str, str]]:
        return [(title, responsible, schedule) for title in titles]

    return [
        ("1 Personcentrerat arbets-och förhållningssätt", []),
        (
            "  a) Patientkontrakt och Samordnad individuell plan, SIP",
            each(S_1A, CTB, S_1A_SCHEDULE),
        ),
        (
            "  c) Etablera en jämlik läkarmedverkan på primärvårdsnivå för den kommunala "
            "hälso-och sjukvården",
            each(S_1C, CTB, S_1C_SCHEDULE),
        ),
        ("2 Förebyggande och hälsofrämjande insatser", []),
        ("  a) Förebyggande och hälsofrämjande insatser", each(S_2A, "- " + CTB, S_2A_SCHEDULE)),
        ("3 Kompetenssamverkan", []),
        ("  b) Kompetensplattform", [(S_3B, CTB, "- Förslag till uppdrag klart 2022-09-01")]),
        (
            "4 Gemensamma digitala lösningar",
            each(S_4, "SGD", "- Handlingsplanen ska gå till beslut under Q1 2022"),
        ),
        (
            "6 Rehabilitering",
            [(S_6, CTB, "Samtliga grupper ska etableras och vara igång 2022-06-01")],
        ),
    ]


def skane_xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Aktivitets- och tidplan"
    for row in skane_rows():
        sheet.append(row)
    book.save(path)
    return path


def skane_csv(path: Path) -> Path:
    """As Swedish Excel saves it: semicolons, Windows-1252, quoted cells with line breaks."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in skane_rows():
        cells = [_as_text(value) for value in row]
        writer.writerow(cells + [""] * (4 - len(cells)))
    path.write_bytes(buffer.getvalue().replace("–", "-").encode("cp1252"))
    return path


# --- seed 003: Jämtland Härjedalen, Gemensam plan för primärvårdsnivå --------------------------

P_TITLE = "Tillsammans för god hälsa hela livet – Gemensam plan för primärvårdsnivå"
P_STRATEGIES: list[tuple[str, list[str]]] = [
    (
        "Ökad delaktighet",
        [
            "Implementera personcentrerat förhållningssätt och arbetssätt.",
            "Öka invånarnas möjligheter till medskapande och inflytande i våra verksamheter.",
            "Utveckla arbetssätt och metodstöd SIP.",
        ],
    ),
    (
        "Ökad kontinuitet",
        [
            "Utveckla och implementera rutiner, arbetssätt och uppföljning av fasta kontakter.",
            "Utveckla arbetssätt för teamsamverkan inom samt mellan verksamheter.",
        ],
    ),
    (
        "Ökad tillgänglighet",
        [
            "Utveckla arbetssätt för konsultation mellan alla professioner, vårdgivare och "
            "vårdnivåer."
        ],
    ),
    (
        "Hälsofrämjande fokus",
        ["Säkerställa att lokala samverkansnätverk för barn och unga finns i alla kommuner."],
    ),
]


def primary_care_sheets(path: Path) -> Path:
    """One sheet per strategy (the sheet's name is the strategy), each one table."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for strategy, activities in P_STRATEGIES:
        sheet = book.create_sheet(strategy)
        sheet.append(["Aktivitet", "Ansvar", "Tidsplan"])
        for activity in activities:
            sheet.append([activity, "Lokal samverkansarena", "Löpande"])
    book.save(path)
    return path


def primary_care_merged(path: Path) -> Path:
    """One table: the title above, the strategy in a first column merged down over its
    activities, as Excel users lay it out."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([P_TITLE])
    sheet.append([])
    sheet.append(["Strategi", "Prioriterade aktiviteter", "Ansvar"])
    for strategy, activities in P_STRATEGIES:
        first = sheet.max_row + 1
        for activity in activities:
            sheet.append([strategy if sheet.max_row + 1 == first else None, activity, "Regionen"])
        if len(activities) > 1:
            sheet.merge_cells(f"A{first}:A{sheet.max_row}")
    book.save(path)
    return path


def jamtland_docx_headings_in_tables(path: Path) -> Path:
    """As the seed's text shows the tables: the area heading is the table's first row, merged
    across its three columns, above the column headers; a page break inside the second table
    leaves it in two tables, the second without headers."""
    import docx

    document = docx.Document()
    document.add_paragraph(J_TITLE, style="Title")
    document.add_paragraph(J_VALIDITY)
    for title, rows in ((J_AREA_1, J_ROWS_1), (J_AREA_2, J_ROWS_2[:5]), (None, J_ROWS_2[5:])):
        table = document.add_table(rows=0, cols=3)
        if title is not None:
            first = table.add_row().cells
            first[0].merge(first[2]).text = title
            for cell, text in zip(table.add_row().cells, J_HEADER, strict=True):
                cell.text = text
        for values in rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = _as_text(value)
        document.add_paragraph("")
    document.save(str(path))
    return path


def _write_csv(path: Path, rows: list[Row], width: int) -> Path:
    """As Swedish Excel saves a sheet: semicolons, Windows-1252, every row as wide as the
    table, cells with line breaks quoted."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        cells = [_as_text(value) for value in row]
        writer.writerow(cells + [""] * (width - len(cells)))
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


def jamtland_csv(path: Path) -> Path:
    rows: list[Row] = [[J_TITLE], [J_VALIDITY], []]
    for title, activities in ((J_AREA_1, J_ROWS_1), (J_AREA_2, J_ROWS_2)):
        rows += [[title], J_HEADER, *activities, []]
    rows += [["GODKÄNT AV"], ["Anna Lind"], ["GILTIGT FR O M"], ["2024-03-06"]]
    return _write_csv(path, rows, 3)


def primary_care_csv(path: Path) -> Path:
    rows: list[Row] = [[P_TITLE.replace("–", "-")], [], ["Strategi", "Aktivitet", "Ansvar"]]
    for strategy, activities in P_STRATEGIES:
        for number, activity in enumerate(activities):
            rows.append([strategy if number == 0 else None, activity, "Regionen"])
    return _write_csv(path, rows, 3)


def primary_care_docx(path: Path) -> Path:
    """Seed 003 as it is written: no table; under each strategy's heading, subheadings with
    prose and a bulleted list of prioritised activities."""
    import docx

    document = docx.Document()
    document.add_paragraph(P_TITLE, style="Title")
    document.add_paragraph(
        "Gemensam plan för primärvårdsnivå är ett strategiskt dokument som anger en gemensam "
        "riktning för samverkan mellan regionen och länets åtta kommuner."
    )
    document.add_heading("Syfte och målgrupper", level=1)
    document.add_paragraph("Den gemensamma planen omfattar alla i samhället oavsett ålder.")
    for strategy, activities in P_STRATEGIES:
        document.add_heading(strategy, level=1)
        document.add_heading("Medskapande och inflytande", level=2)
        document.add_paragraph("Dialog med invånarna är avgörande för att utveckla verksamheterna.")
        document.add_heading("Prioriterade aktiviteter", level=2)
        for activity in activities:
            document.add_paragraph(activity, style="List Bullet")
    document.save(str(path))
    return path


def skane_docx(path: Path) -> Path:
    """Seed 002 in Word: numbered headings (Word's own numbering, so no number in the text),
    "Heading 1" areas and "Heading 2" sub-areas, each sub-area's table holding bulleted
    lists (Word's list paragraphs) in its cells."""
    import docx

    document = docx.Document()
    document.add_paragraph(S_TITLE, style="Title")
    sections: list[tuple[int, str, list[str] | None, str]] = [
        (1, "Personcentrerat arbets-och förhållningssätt", None, ""),
        (2, "Patientkontrakt och Samordnad individuell plan, SIP", S_1A, S_1A_SCHEDULE),
        (2, "Etablera en jämlik läkarmedverkan på primärvårdsnivå", S_1C, S_1C_SCHEDULE),
        (1, "Förebyggande och hälsofrämjande insatser", None, ""),
        (2, "Förebyggande och hälsofrämjande insatser", S_2A, S_2A_SCHEDULE),
        (
            1,
            "Gemensamma digitala lösningar",
            S_4,
            "- Handlingsplanen ska gå till beslut under Q1 2022",
        ),
    ]
    for level, heading, activities, schedule in sections:
        document.add_heading(heading, level=level)
        if activities is None:
            continue
        document.add_paragraph("Aktivitets- och tidplanen revideras årligen.")
        table = document.add_table(rows=2, cols=4)
        for cell, text in zip(table.rows[0].cells, S_HEADER, strict=True):
            cell.text = text
        cells = table.rows[1].cells
        for cell, lines in (
            (cells[0], activities),
            (cells[1], [line[2:] for line in schedule.split("\n")]),
        ):
            cell.text = ""
            first = cell.paragraphs[0]
            first.text, first.style = lines[0], document.styles["List Bullet"]
            for line in lines[1:]:
                cell.add_paragraph(line, style="List Bullet")
        cells[3].text = CTB
    document.save(str(path))
    return path


def skane_docx_tree() -> list[tuple[str, list[tuple[str, str, str]]]]:
    def bullets(text: str) -> str:
        return "\n".join("• " + line[2:] for line in text.split("\n"))

    def each(titles: list[str], schedule: str) -> list[tuple[str, str, str]]:
        return [(title, CTB, bullets(schedule)) for title in titles]

    return [
        ("Personcentrerat arbets-och förhållningssätt", []),
        ("  Patientkontrakt och Samordnad individuell plan, SIP", each(S_1A, S_1A_SCHEDULE)),
        ("  Etablera en jämlik läkarmedverkan på primärvårdsnivå", each(S_1C, S_1C_SCHEDULE)),
        ("Förebyggande och hälsofrämjande insatser", []),
        ("  Förebyggande och hälsofrämjande insatser", each(S_2A, S_2A_SCHEDULE)),
        (
            "Gemensamma digitala lösningar",
            each(S_4, "- Handlingsplanen ska gå till beslut under Q1 2022"),
        ),
    ]
