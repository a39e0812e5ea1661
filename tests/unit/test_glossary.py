"""The glossary (translations/GLOSSARY.md) holds: no Swedish catalog entry and no Swedish text
in resources/ uses a term the glossary lists under "Undvik" (avoid)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "translations" / "GLOSSARY.md"
SWEDISH_PO = ROOT / "translations" / "sv" / "LC_MESSAGES" / "messages.po"
RESOURCES = ROOT / "resources"

# (English source, avoided term) → why the term is right there.
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("&Edit", "redigera"): "the Edit menu is called Redigera in every Swedish Windows program",
    ("WHAT", "Vad"): "the command line's placeholder for a subcommand (export VAD …), not a column",
    ("30_skane.json › description › sv", "tidplan"): "the title of Skåne's own document",
}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# Keys of resource files that hold English, codes or old names kept for reading old files.
NOT_SWEDISH = {
    "en",
    "key",
    "code",
    "set",
    "parent",
    "kind",
    "left",
    "right",
    "total",
    "severity",
    "order",
    "number",
    "aliases_sv",
}


@dataclass(frozen=True)
class Avoided:
    term: str
    whole_label: bool  # ”Vad”: only a label that is nothing but the term

    def found_in(self, text: str) -> bool:
        # Placeholders are code ({revision} is no word); the mnemonic does not split a word.
        plain = PLACEHOLDER.sub("{}", text.replace("&", ""))
        if self.whole_label:
            return plain.strip().rstrip(":…").strip().casefold() == self.term.casefold()
        pattern = r"(?<!\w)" + re.escape(PLACEHOLDER.sub("{}", self.term)) + r"(?!\w)"
        return re.search(pattern, plain, re.IGNORECASE) is not None


def parse_glossary(text: str) -> dict[str, list[Avoided]]:
    """Swedish term → the terms to avoid, from the table's first and last columns."""
    rows: dict[str, list[Avoided]] = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("Svenska", "") or set(cells[0]) <= {"-"}:
            continue
        avoided = []
        for term in (t.strip() for t in cells[3].split(",")):
            if term and term != "–":
                quoted = term.startswith("”") and term.endswith("”")
                avoided.append(Avoided(term.strip("”"), quoted))
        rows[cells[0]] = avoided
    return rows


def swedish_catalog(path: Path) -> Iterator[tuple[str, str]]:
    """(English source, Swedish text) for every form of every entry."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="sv")
    for message in catalog:
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        strings = [message.string] if isinstance(message.string, str) else message.string
        for string in strings:
            if string:
                yield source, string


def swedish_resources(folder: Path) -> Iterator[tuple[str, str]]:
    """(file › key, Swedish text) for every Swedish string in the JSON resources."""

    def walk(value: Any, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key not in NOT_SWEDISH and not key.endswith("_en"):
                    yield from walk(inner, f"{where} › {key}")
        elif isinstance(value, list):
            for inner in value:
                yield from walk(inner, where)
        elif isinstance(value, str):
            yield where, value

    for path in sorted(folder.rglob("*.json")):
        yield from walk(json.loads(path.read_text(encoding="utf-8")), path.name)


def violations(texts: Iterator[tuple[str, str]], glossary: dict[str, list[Avoided]]) -> list[str]:
    found = []
    for where, text in texts:
        for preferred, avoided in glossary.items():
            for term in avoided:
                if term.found_in(text) and (where, term.term) not in EXCEPTIONS:
                    found.append(f"{where!r} → {text!r}: ”{term.term}”, write {preferred}")
    return found


TERMS = parse_glossary(GLOSSARY.read_text(encoding="utf-8"))


def test_the_glossary_decides_the_terms_of_issue_21() -> None:
    for term in (
        "ärende",
        "ändra",
        "klart senast",
        "ansvarig",
        "version",
        "revidering",
        "förkasta",
        "justeringsdatum",
        "ledamot",
        "ersättare",
        "adjungerad",
        "övriga",
        "kvarstående åtgärd",
        "genomfört (%)",
        "periodtyp",
    ):
        assert any(row.startswith(term) for row in TERMS), term
    assert all(TERMS[row] for row in TERMS if row.startswith(("ärende", "klart", "förkasta")))


def test_no_swedish_catalog_entry_uses_an_avoided_term() -> None:
    found = violations(swedish_catalog(SWEDISH_PO), TERMS)
    assert not found, "see translations/GLOSSARY.md:\n" + "\n".join(found)


def test_no_swedish_resource_text_uses_an_avoided_term() -> None:
    found = violations(swedish_resources(RESOURCES), TERMS)
    assert not found, "see translations/GLOSSARY.md:\n" + "\n".join(found)


def test_the_resources_are_read() -> None:
    texts = list(swedish_resources(RESOURCES))
    assert ("sip.json › indicators › name_sv", "Initierade SIP") in texts
    assert not any(where.endswith(("name_en", "aliases_sv")) for where, _text in texts)


@pytest.mark.parametrize(
    "text,term",
    [
        ("Ny &punkt", "punkt"),  # the mnemonic does not hide a word
        ("Punkten har ändrats", "punkt"),  # nor does a capital …
        ("Rättelse, revision {revision}", "revision"),
        ("klart {date}", "klart senast"),
        ("V&ad", "åtgärd"),  # a label that is nothing but the avoided word
        ("Framsteg (%)", "genomfört (%)"),
    ],
)
def test_a_slip_is_caught(text: str, term: str) -> None:
    assert violations(iter([("source", text)]), TERMS)


@pytest.mark.parametrize(
    "text",
    [
        "Punktmätning fast vårdkontakt",  # a word that only begins like an avoided one
        "Skriv vad du vill söka efter.",  # ”Vad” is avoided as a label only
        "Klart senast {date}",
        "Anteckning om revideringen",
    ],
)
def test_right_wording_passes(text: str) -> None:
    assert violations(iter([("source", text)]), TERMS) == []
