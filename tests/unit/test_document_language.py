"""No English in a Swedish document, and no translatable string the extractor cannot see.

Every document kind the app writes (protocol PDF and DOCX, draft and approved, kallelse, plan
PDF/XLSX/CSV, SIP PDF/XLSX/CSV) is rendered from the demo data in both languages. A Swedish one
fails when it contains a source string that has a Swedish translation: an English phrase that
slipped past the catalog (the protocol once printed "(done)"). A second test reads the source
and fails when `_()`/`ngettext()` is called in a way the extractor does not pick up (inside an
f-string, or on a value that was never marked with `N_()`), since such text is never translated.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.db.models import Meeting
from naravard_desktop.documents.meeting_files import kallelse_bytes, protocol_bytes
from naravard_desktop.documents.plan_files import plan_file_bytes
from naravard_desktop.documents.sip_files import sip_file_bytes
from naravard_desktop.i18n import use_language
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings.meetings import list_meetings
from naravard_desktop.services.plan.plans import list_plans
from naravard_desktop.services.sip.sip_periods import list_periods
from naravard_desktop.services.system.database import Database

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "naravard_desktop"
SWEDISH_PO = ROOT / "translations" / "sv" / "LC_MESSAGES" / "messages.po"
TODAY = dt.date(2026, 11, 30)
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
WORD = re.compile(r"[A-Za-z]{3,}")

# Source strings whose English text is also ordinary Swedish, or a name, in a document.
SAME_IN_SWEDISH = frozenset({"SIP", "Region", "region", "Plan", "Status", "Total"})


# --- what the documents say -------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _docx_text(data: bytes) -> str:
    """Every text node of the document, headers and footers included."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")]
        xml = " ".join(archive.read(n).decode("utf-8") for n in parts)
    return " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def _xlsx_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data))
    cells = [
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    return "\n".join([*book.sheetnames, *cells])


def _csv_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return "\n".join(" ".join(row) for row in csv.reader(io.StringIO(text), delimiter=";"))
    raise AssertionError("the CSV is neither UTF-8 nor cp1252")


def _text(suffix: str, data: bytes) -> str:
    reader = {".pdf": _pdf_text, ".docx": _docx_text, ".xlsx": _xlsx_text, ".csv": _csv_text}
    return " ".join(reader[suffix](data).split())


def _documents(db: Database, group: GroupData, language: str) -> Iterator[tuple[str, str]]:
    """(what, text) of one of every document kind and state of the demo, in `language`."""
    with db.session() as session:  # the demo's meetings are Swedish; their documents follow
        for row in session.scalars(select(Meeting)):
            row.language = language
    meetings = list_meetings(db, group.id)
    approved = [m for m in meetings if m.state is ProtocolState.APPROVED]
    drafts = [m for m in meetings if m.state is not ProtocolState.APPROVED]
    assert approved and drafts, "the demo should have approved and draft protocols"
    with use_language(language):
        for meeting in meetings:
            what = f"meeting {meeting.held_on}"
            yield f"kallelse .pdf, {what}", _text(".pdf", kallelse_bytes(db, meeting.id))
            state = "approved" if meeting.state is ProtocolState.APPROVED else "draft"
            for suffix in (".pdf", ".docx"):
                if suffix == ".docx" and state == "approved" and language != "sv":
                    # Made from the data as approved, so refused once its language changed
                    # after approval (issue 15); the Swedish run writes it.
                    continue
                data = protocol_bytes(db, meeting.id, suffix)
                yield f"protocol {suffix} {state}, {what}", _text(suffix, data)
        for plan in list_plans(db, group.id):
            for suffix in (".pdf", ".xlsx", ".csv"):
                data = plan_file_bytes(db, plan.id, suffix, TODAY)
                yield f"plan {suffix}, {plan.title}", _text(suffix, data)
        years = sorted({p.starts_on.year for p in list_periods(db, group.id)})
        for year in years[-2:]:
            for suffix in (".pdf", ".xlsx", ".csv"):
                for limit in (None, 5):
                    data = sip_file_bytes(
                        db, group.id, year, suffix, suppress_below=limit, today=TODAY
                    )
                    yield f"SIP {suffix} {year}, suppression {limit}", _text(suffix, data)


def _english_sources() -> list[tuple[str, list[str]]]:
    """(English source, its Swedish forms) for the catalog, plus every string the code passes
    to `_()` that the catalog lacks: never extracted, so never translated."""
    with SWEDISH_PO.open("rb") as handle:
        catalog = read_po(handle, locale="sv")
    pairs: list[tuple[str, list[str]]] = []
    known: set[str] = set()
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        pairs += [(source, strings) for source in ids]
        known.update(ids)
    for tree in _trees().values():
        for node in ast.walk(tree):
            literal = _translated_literal(node)
            pairs += [(text, []) for text in literal or () if text not in known]
    return pairs


def _english_patterns() -> list[tuple[str, str, re.Pattern[str]]]:
    """A pattern for each source string that Swedish translates differently; placeholders
    match any text. Strings without a real English word (numbers, "§ {n}") are left out.
    With each, its longest literal part: text without it cannot match (a quick test first)."""
    patterns = []
    for source, strings in _english_sources():
        if source in strings or source in SAME_IN_SWEDISH or "&" in source:
            continue
        literal = PLACEHOLDER.sub(" ", source)
        if not WORD.search(literal):
            continue
        # A placeholder at either end matches anything: only the text between counts.
        parts = [" ".join(p.split()) for p in PLACEHOLDER.split(source)]
        while parts and not parts[0].strip():
            parts.pop(0)
        while parts and not parts[-1].strip():
            parts.pop()
        body = r"\s*.{1,120}?\s*".join(re.escape(p.strip()) for p in parts)
        literal = max((p.strip() for p in parts), key=len)
        patterns.append((source, literal, re.compile(rf"(?<!\w){body}(?!\w)")))
    return patterns


@pytest.mark.demo(TODAY)
def test_swedish_documents_contain_no_english_source_string(
    db: Database, demo_group: GroupData
) -> None:
    patterns = _english_patterns()
    slipped = []
    for what, text in _documents(db, demo_group, "sv"):
        assert len(text) > 40, f"{what} came out empty"
        for source, literal, pattern in patterns:
            found = literal in text and pattern.search(text)
            if found:
                slipped.append(f"{what}: {source!r} in …{found.group(0)[:80]}…")
    assert not slipped, "English text in Swedish documents:\n" + "\n".join(slipped)


@pytest.mark.demo(TODAY)
def test_english_documents_are_written(db: Database, demo_group: GroupData) -> None:
    """The same documents in English: every kind renders, with English headings."""
    texts = dict(_documents(db, demo_group, "en"))
    # An approved protocol's PDF is the one stored at approval, in the language it had then.
    rendered = {w: t for w, t in texts.items() if "protocol .pdf approved" not in w}
    pdfs = [t for w, t in rendered.items() if ".pdf" in w]
    assert any(w.startswith("protocol .pdf draft") for w in rendered)
    assert len(pdfs) > 8 and all("Page 1 of" in t and "Sida " not in t for t in pdfs)
    for what, text in rendered.items():
        if what.startswith(("protocol", "kallelse")):
            assert "Meeting" in text, what


# --- what the extractor sees --------------------------------------------------------------------

TRANSLATORS = {"_": 1, "N_": 1, "ngettext": 2, "pgettext": 2}


def _trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text("utf-8")) for path in sorted(PACKAGE.rglob("*.py"))}


def _translated_literal(node: ast.AST) -> list[str] | None:
    """The string literals of a call to `_()`, `ngettext()` …, or None."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in TRANSLATORS
    ):
        return _literal_arguments(node)
    return None


def _extracted() -> set[str]:
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")]
    ):
        found.update([message] if isinstance(message, str) else [m for m in message if m])
    return found


def _literal_arguments(call: ast.Call) -> list[str] | None:
    count = TRANSLATORS[call.func.id]  # type: ignore[attr-defined]
    args = call.args[:count]
    if len(args) == count and all(
        isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args
    ):
        values = [a.value for a in args]  # type: ignore[attr-defined]
        return values[1:] if call.func.id == "pgettext" else values  # type: ignore[attr-defined]
    return None


def _marked_constants(trees: dict[Path, ast.Module]) -> set[str]:
    """Module-level names whose value holds strings marked with N_() (label tables)."""
    names: set[str] = set()
    for tree in trees.values():
        for node in tree.body:
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign) and node.value is not None
                else []
            )
            value = getattr(node, "value", None)
            marked = value is not None and any(
                isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "N_"
                for n in ast.walk(value)
            )
            if marked:
                names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _roots(node: ast.AST) -> list[str]:
    """The names a value comes from: TABLE[x], TABLE.get(x, y), module.TABLE, A + B."""
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.Attribute):
        return [node.attr]
    if isinstance(node, ast.Subscript):
        return _roots(node.value)
    if isinstance(node, ast.BinOp):
        return _roots(node.left) + _roots(node.right)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
    ):
        return _roots(node.func.value)
    return ["<" + ast.unparse(node) + ">"]


def _loop_sources(tree: ast.Module) -> dict[int, dict[str, ast.expr]]:
    """For each loop or comprehension, the names it binds and what they iterate over, keyed
    by the id of every node inside it."""
    scopes: dict[int, dict[str, ast.expr]] = {}
    loops: list[tuple[ast.AST, list[tuple[ast.expr, ast.expr]]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.For | ast.AsyncFor):
            loops.append((node, [(node.target, node.iter)]))
        elif isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            loops.append((node, [(g.target, g.iter) for g in node.generators]))
    for loop, pairs in loops:
        bound: dict[str, ast.expr] = {}
        for target, iterable in pairs:
            if isinstance(iterable, ast.Call) and getattr(iterable.func, "id", "") == "enumerate":
                iterable = iterable.args[0]
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    bound[name.id] = iterable
        for inner in ast.walk(loop):
            scopes.setdefault(id(inner), {}).update(bound)
    return scopes


def test_every_translated_string_is_seen_by_the_extractor() -> None:
    trees = _trees()
    extracted = _extracted()
    marked = _marked_constants(trees)
    problems = []
    for path, tree in trees.items():
        where_file = path.relative_to(ROOT)
        loops = _loop_sources(tree)
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in TRANSLATORS
            ):
                continue
            where = f"{where_file}:{node.lineno}: {ast.unparse(node)[:70]}"
            literal = _literal_arguments(node)
            if literal is not None:
                unseen = [text for text in literal if text not in extracted]
                if unseen:
                    problems.append(f"{where} (not extracted: inside an f-string?)")
                continue
            if node.func.id != "_" or len(node.args) != 1:
                problems.append(f"{where} (only string literals can be extracted)")
                continue
            argument = node.args[0]
            roots = _roots(argument)
            bound = loops.get(id(node), {})
            sources = [s for r in roots for s in (_roots(bound[r]) if r in bound else [r])]
            if not sources or any(source not in marked for source in sources):
                problems.append(f"{where} (its value is not marked with N_())")
    assert not problems, "translations the extractor cannot see:\n" + "\n".join(problems)


def test_the_extractor_check_catches_an_f_string(tmp_path: Path) -> None:
    """The check above is not blind: `_()` inside an f-string is what babel misses."""
    source = "from naravard_desktop.i18n import _\nx = f\"{_('done')}\"\n"
    (tmp_path / "sample.py").write_text(source, "utf-8")
    found = [m for _f, _l, m, _c, _x in extract_from_dir(str(tmp_path))]
    assert "done" not in found
    literal = _literal_arguments(
        next(
            n
            for n in ast.walk(ast.parse(source))
            if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "_"
        )
    )
    assert literal == ["done"]


@pytest.mark.parametrize("source", ["_(name)", "_(f'{x}')", "_('a' + b)"])
def test_unmarked_values_are_reported(source: str) -> None:
    call = ast.parse(source).body[0].value  # type: ignore[attr-defined]
    assert _literal_arguments(call) is None
    assert not set(_roots(call.args[0])) <= _marked_constants({Path("x"): ast.parse("A = 1")})
