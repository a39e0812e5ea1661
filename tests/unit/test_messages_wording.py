"""Messages as a Swedish administrator writes them (issue 21), read from the catalogs.

- An error says what to do next: a Swedish message that reports a refusal or a problem ("kan
  inte", "finns inte", "måste", "okänd" …) ends with an instruction, a clause that starts with
  an imperative ("Välj en annan justerare.", "Läs in på nytt och försök igen.").
- A count printed beside a noun goes through ngettext: no "1 områden", "1 areas", "problem(s)".
- The English catalog has no Swedish words left (the English UI shows the source strings).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"


def _catalog(language: str) -> Catalog:
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


SWEDISH = _catalog("sv")
ENGLISH = _catalog("en")

# A message reports a problem when it says one of these (whole words, any case) outside
# parentheses (an aside such as "(en PDF kan inte läsas tillbaka)" explains, it is no error).
PROBLEM = re.compile(
    r"\b(kan inte|kunde inte|går inte|gick inte|finns inte|finns redan|får inte|misslyckades|"
    r"saknar|okänd|okänt|okända|är inte (?:ett|en)|är (?:inget|ingen)|för (?:stor|stort)|"
    r"ligger (?:före|efter)|överlappar|måste)\b",
    re.IGNORECASE,
)
# … and says what to do when a clause of its last sentence starts with one of these.
IMPERATIVES = {
    "använd", "ange", "anslut", "avsluta", "be", "byt", "dela", "exportera", "flytta", "fyll",
    "försök", "frigör", "gör", "importera", "installera", "justera", "klistra", "kontrollera",
    "kopiera", "korta", "lägg", "läs", "namnge", "påbörja", "rätta", "skapa", "skicka", "skriv",
    "spara", "starta", "stäng", "ta", "töm", "visa", "välj", "ändra", "öppna",
}  # fmt: skip
# "{field} måste fyllas i." says what to do in so many words; "Du kan …" offers the choices.
INSTRUCTION_PHRASES = ("måste fyllas i",)
OFFERS = ("du kan",)

# Messages that report something without being an error the user can act on, by English
# source, each with the reason. Keep this list short: a new message should say what to do.
NOT_ERRORS = {
    # a note of the SIP analysis: a fact about the data, not an error
    "{year} cannot be compared with {previous}: the two years have no counts for the same periods.",
    # the indicator set files shipped with the program (a developer's error, never a user's)
    "The indicator {code} names an unknown parent.",
    "The rule {rule} names an unknown indicator.",
    # the first part of a message whose second part says what to do ("Välj ett nummer …")
    "{number} cannot be used: a year has {count} period of this kind.",
}


def _strings(message: object) -> list[str]:
    string = message.string  # type: ignore[attr-defined]
    return [string] if isinstance(string, str) else list(string)


def _source(message: object) -> str:
    mid = message.id  # type: ignore[attr-defined]
    return mid if isinstance(mid, str) else mid[0]


def _is_argparse(message: object) -> bool:
    """Python's own argparse strings (usage errors of the command line), left as Python has
    them."""
    return "%(" in _source(message) or "%s" in _source(message) or "%r" in _source(message)


def _last_sentence(text: str) -> str:
    text = re.sub(r"\s*\([^()]*\)\s*(?=[.!]?$)", "", text.strip())  # "(högst 2 MB)."
    sentences = [c for c in re.split(r"(?<=[.!])\s+", text) if c.strip()]
    return sentences[-1] if sentences else ""


def says_what_to_do(text: str) -> bool:
    """Its last sentence has a clause that starts with an imperative ("… men högst 200 kan
    läsas in. Ta bort tomma rader och försök igen.", "Kontrollera sökvägen; inget skapades.")."""
    if any(phrase in text for phrase in INSTRUCTION_PHRASES):
        return True
    for clause in re.split(r"[;:,]\s+|\s+–\s+", _last_sentence(text)):
        words = re.findall(r"[\wåäöÅÄÖ]+", clause.lower())
        while words and words[0] in ("och", "eller", "sedan", "då", "så"):
            words = words[1:]
        if words and (words[0] in IMPERATIVES or " ".join(words[:2]) in OFFERS):
            return True
    return False


def _problems_without_instruction() -> list[str]:
    found = []
    for message in SWEDISH:
        if not message.id or _is_argparse(message) or _source(message) in NOT_ERRORS:
            continue
        for text in _strings(message):
            if "?" in text or not text.rstrip().endswith("."):
                continue  # a question, a label or title, or the start of a longer message
            if PROBLEM.search(re.sub(r"\([^()]*\)", "", text)) and not says_what_to_do(text):
                found.append(text)
    return found


def test_every_swedish_error_ends_with_what_to_do_next() -> None:
    assert _problems_without_instruction() == []


@pytest.mark.parametrize(
    "text,ok",
    [
        ("Ordföranden kan inte också vara justerare. Välj en annan justerare.", True),
        ("Ordföranden kan inte också vara justerare.", False),
        ("Filen finns inte. Kontrollera namnet och mappen.", True),
        ("Åtgärden finns inte längre. Läs in på nytt och försök igen.", True),
        ("Logotypen är för stor (högst 2 MB). Välj en mindre bild.", True),
        ("Namn måste fyllas i.", True),
        ("Inga avvikelser under perioden.", True),  # nothing wrong: not a problem message
    ],
)
def test_the_rule_tells_an_instruction_from_a_bare_statement(text: str, ok: bool) -> None:
    assert (not PROBLEM.search(text) or says_what_to_do(text)) is ok


# --- plurals -----------------------------------------------------------------------------

# In the English source: a placeholder followed by a plural noun ("{n} areas"), unless it is
# a bound ("at most {limit} rows": never 1). In either language: "(s)" / "(er)" after a noun.
COUNT_NOUN = re.compile(
    r"(?<!at most )(?<!more than )(?<!longer than )(?<!beyond the )(?<!beyond )\{\w+\} ([a-z]+s)\b"
)
GLUED_PLURAL = re.compile(r"\w\((?:s|er|ar|or)\)")
NOT_NOUNS = {
    "is", "was", "has", "does", "holds", "overlaps", "repeats", "names", "differs", "contains",
}  # fmt: skip


def _over_a_limit(source: str) -> bool:
    """A message about a count over a limit of the program ("holds {count} characters; a cell
    can hold at most {limit}"): the count is never 1."""
    return "at most {" in source or "more than {" in source


def test_a_count_beside_a_noun_goes_through_ngettext() -> None:
    found = []
    for message in SWEDISH:
        if not message.id or not isinstance(message.id, str) or _over_a_limit(message.id):
            continue
        if any(m.group(1) not in NOT_NOUNS for m in COUNT_NOUN.finditer(message.id)):
            found.append(message.id)
        found += [t for t in (message.id, *_strings(message)) if GLUED_PLURAL.search(t)]
    assert found == []


# --- the English catalog -----------------------------------------------------------------

# Swedish names that stay Swedish in English: examples of real Swedish organisations in
# placeholders, the reform's own name, and the Swedish column heading a plan file may use.
SWEDISH_NAMES_IN_ENGLISH = {
    "e.g. Bergsjö kommun",
    "e.g. Hälsocentralen Bergsjö",
    "e.g. Lokal samverkansgrupp Bergsjö",
    "For local collaboration groups in Good and close care (God och nära vård): the local "
    "plan, SIP follow-up, meetings and protocols, kept on your own computer.",
}
SWEDISH_WORDS = re.compile(r"[åäöÅÄÖ]|\b(samverkan|kommun|justering|ledamot|möte)\b", re.I)


def test_the_english_catalog_has_no_swedish_words() -> None:
    found = []
    for message in ENGLISH:
        if not message.id:
            continue
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        shown = [s for s in _strings(message) if s] or sources  # empty: the source is shown
        for text in shown:
            if text in SWEDISH_NAMES_IN_ENGLISH or "(or Aktivitet)" in text:
                continue
            if SWEDISH_WORDS.search(text):
                found.append(text)
    assert found == []
