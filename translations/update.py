"""Extract strings, update the catalogs and add Swedish translations, under a lock.

    python translations/update.py                 # extract + update, list what is untranslated
    python translations/update.py new.json        # … and fill in translations from new.json

new.json maps an English source string to its Swedish text; a plural entry is keyed by the
singular and maps to a list of forms: {"{n} member": ["{n} ledamot", "{n} ledamöter"]}; a
string with a context (pgettext) is keyed as "context\u0004source", as gettext stores it.
An entry in new.json overwrites the Swedish text already there (that is how wording is fixed).
The lock lets several people (or sessions) in one checkout update the catalogs safely.
"""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
POT = HERE / "messages.pot"
LANGUAGES = ("sv", "en")


def _po(language: str) -> Path:
    return HERE / language / "LC_MESSAGES" / "messages.po"


def _pybabel(*args: str) -> None:
    tool = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(tool), *args], cwd=ROOT, check=True, capture_output=True)


def update(new: dict[str, str | list[str]]) -> list[str]:
    _pybabel(
        "extract",
        "-F",
        str(HERE / "babel.cfg"),
        "--no-location",
        "--sort-output",
        "--project=naravard-desktop",
        "--copyright-holder=naravard-desktop developers",
        "-o",
        str(POT),
        ".",
    )
    _pybabel("update", "-N", "-i", str(POT), "-d", str(HERE), "-D", "messages")
    untranslated: list[str] = []
    for language in LANGUAGES:
        path = _po(language)
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        for message in catalog:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            if message.context:
                key = f"{message.context}\x04{key}"
            if language == "sv" and key in new:
                value = new[key]
                message.string = value if isinstance(value, str) else tuple(value)
                message.flags.discard("fuzzy")
            strings = [message.string] if isinstance(message.string, str) else message.string
            if language == "sv" and (not all(strings) or message.fuzzy):
                untranslated.append(key)
        catalog.obsolete.clear()
        with path.open("wb") as handle:
            write_po(handle, catalog, omit_header=False, ignore_obsolete=True)
    return untranslated


def main(argv: list[str]) -> int:
    new = json.loads(Path(argv[0]).read_text(encoding="utf-8")) if argv else {}
    with (HERE / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        untranslated = update(new)
    for key in untranslated:
        print(f"untranslated: {key!r}")
    return 1 if untranslated else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
