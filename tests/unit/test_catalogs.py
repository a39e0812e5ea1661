"""The Swedish catalog covers every source string, with the same placeholders and mnemonics."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")

SourceId = str | tuple[str, ...]


def _source_messages() -> dict[SourceId, str]:
    """Every translatable string in the package, as `make translations` extracts it."""
    found: dict[SourceId, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "naravard_desktop"), method_map=[("**.py", "python")]
    ):
        key = message if isinstance(message, str) else tuple(message)
        if key:
            found.setdefault(key, f"naravard_desktop/{filename}:{lineno}")
    return found


def _catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _key(message_id: str | tuple[str, ...]) -> SourceId:
    return message_id if isinstance(message_id, str) else tuple(message_id)


SOURCE = _source_messages()
SWEDISH = _catalog(TRANSLATIONS / "sv" / "LC_MESSAGES" / "messages.po", "sv")


def test_source_has_strings() -> None:
    assert len(SOURCE) > 100
    assert "Members" in SOURCE


def test_template_is_up_to_date() -> None:
    template = _catalog(TRANSLATIONS / "messages.pot")
    ids = {_key(m.id) for m in template if m.id}
    missing = [f"{where}: {key!r}" for key, where in SOURCE.items() if key not in ids]
    assert not missing, "run `make translations`:\n" + "\n".join(missing)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_source_string_is_in_the_catalog(language: str) -> None:
    catalog = _catalog(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", language)
    ids = {_key(m.id) for m in catalog if m.id}
    missing = [f"{where}: {key!r}" for key, where in SOURCE.items() if key not in ids]
    assert not missing, "run `make translations`:\n" + "\n".join(missing)


def test_every_source_string_has_a_swedish_translation() -> None:
    by_id = {_key(m.id): m for m in SWEDISH if m.id}
    untranslated = []
    for key, where in SOURCE.items():
        message = by_id.get(key)
        strings = (
            ()
            if message is None
            else (message.string,)
            if isinstance(message.string, str)
            else tuple(message.string)
        )
        if message is None or message.fuzzy or not strings or not all(strings):
            untranslated.append(f"{where}: {key!r}")
    assert not untranslated, "translate in translations/sv:\n" + "\n".join(untranslated)


def _pairs() -> list[tuple[str, str]]:
    pairs = []
    for message in SWEDISH:
        if not message.id:
            continue
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        targets = [message.string] if isinstance(message.string, str) else list(message.string)
        for target in targets:
            # Each plural form must carry the placeholders of the plural source.
            pairs.append((sources[-1] if len(targets) > 1 else sources[0], target))
    return pairs


def translation_problems(source: str, target: str) -> list[str]:
    problems = []
    if sorted(PLACEHOLDER.findall(target)) != sorted(PLACEHOLDER.findall(source)):
        problems.append("placeholders differ")
    if target.count("&") != source.count("&"):
        problems.append("keyboard mnemonic lost or doubled")
    if target.endswith("…") != source.endswith("…"):
        problems.append("ellipsis (a dialog follows) lost or added")
    return problems


@pytest.mark.parametrize("source,target", _pairs(), ids=lambda value: value[:40])
def test_placeholders_and_mnemonics_match(source: str, target: str) -> None:
    assert translation_problems(source, target) == []


def test_babel_finds_no_errors_in_the_swedish_catalog() -> None:
    problems = [(m.id, errors) for m, errors in SWEDISH.check() if errors]
    assert not problems


@pytest.mark.parametrize(
    "source,target,problem",
    [
        ("{name} was changed", "{nmae} har ändrats", "placeholders differ"),
        ("Delete {name}", "Ta bort", "placeholders differ"),
        ("&Save", "Spara", "keyboard mnemonic lost or doubled"),
        ("Choose &logo…", "Välj &logotyp", "ellipsis (a dialog follows) lost or added"),
    ],
)
def test_a_translators_slip_is_caught(source: str, target: str, problem: str) -> None:
    assert translation_problems(source, target) == [problem]
