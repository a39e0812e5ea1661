"""The bundled guides (resources/help): one for every page of the window in Swedish and
English, each with a title, links only to guides that exist, Swedish text that keeps to the
glossary, and found where the installed program and its bundle keep resources/."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from naravard_desktop import paths
from naravard_desktop.i18n import use_language
from naravard_desktop.ui.help.guides import GUIDE_LANGUAGES, INDEX, guide_path
from naravard_desktop.ui.window_pages import page_titles
from tests.unit.test_glossary import TERMS, violations

ROOT = Path(__file__).resolve().parents[2]
HELP = ROOT / "resources" / "help"


class Guide(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.links: list[str] = []
        self.text: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "title"
        self.links += [value for name, value in attrs if name == "href" and value]

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        else:
            self.text.append(data)


def read(path: Path) -> Guide:
    guide = Guide()
    guide.feed(path.read_text(encoding="utf-8"))
    return guide


def keys() -> list[str]:
    return [key for key, _title in page_titles()]


@pytest.mark.parametrize("language", GUIDE_LANGUAGES)
def test_every_page_has_a_guide_titled_as_its_sidebar_entry(language: str) -> None:
    """A page added to the window without a guide in both languages fails here."""
    with use_language(language):
        titles = dict(page_titles())
    for key, title in titles.items():
        path = HELP / language / f"{key}.html"
        assert path.is_file(), f"no {language} guide for the page {key}: write {path}"
        assert read(path).title == title, path
        assert guide_path(key, language) == paths.resource_path("help", language, path.name)
    assert (HELP / language / f"{INDEX}.html").is_file()


@pytest.mark.parametrize("language", GUIDE_LANGUAGES)
def test_the_index_lists_every_page_and_every_link_leads_to_a_guide(language: str) -> None:
    folder = HELP / language
    assert {p.stem for p in folder.glob("*.html")} == {*keys(), INDEX}
    index_links = set(read(folder / f"{INDEX}.html").links)
    assert index_links == {f"{key}.html" for key in keys()}
    for path in folder.glob("*.html"):
        guide = read(path)
        for link in guide.links:
            assert (folder / link).is_file(), f"{path.name} links to {link}, which is missing"
        if path.stem != INDEX:
            assert f"{INDEX}.html" in guide.links, f"{path.name} has no way back to the index"


PAGE_KEY_ROW = re.compile(r"<tr><td><b>Ctrl\+(\d)</b></td><td>([^<]*)</td></tr>")


@pytest.mark.parametrize("language", GUIDE_LANGUAGES)
def test_the_keys_named_for_the_pages_are_the_view_menus(language: str) -> None:
    """Ctrl+1 … Ctrl+9 follow the sidebar's order (ui/window_menus): a page moved or added
    fails here until its guides say its new key."""
    with use_language(language):
        titles = [title for _key, title in page_titles()]
    for key in keys():
        text = (HELP / language / f"{key}.html").read_text(encoding="utf-8")
        rows = PAGE_KEY_ROW.findall(text)
        assert rows, f"{language}/{key}.html names no Ctrl+number for its page"
        for number, title in rows:
            assert titles[int(number) - 1] == title, (key, number, title)


def test_the_swedish_guides_keep_to_the_glossary() -> None:
    texts = (
        (path.name, re.sub(r"\s+", " ", " ".join(read(path).text)))
        for path in sorted((HELP / "sv").glob("*.html"))
    )
    found = violations(iter(texts), TERMS)
    assert not found, "see translations/GLOSSARY.md:\n" + "\n".join(found)


def test_a_page_without_a_guide_in_the_language_gets_the_index() -> None:
    assert guide_path("no_such_page", "en") == HELP / "en" / "index.html"
    assert guide_path("plan", "de") == HELP / "sv" / "plan.html"  # no German guides


def test_the_guides_are_found_where_the_installed_program_keeps_its_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wheel and the PyInstaller bundle carry resources/ inside the package (setup.py,
    packaging/naravard-desktop.spec): the guides are looked up there first."""
    package = tmp_path / "naravard_desktop"
    shutil.copytree(HELP, package / "resources" / "help")
    monkeypatch.setattr(paths, "PACKAGE_DIR", package)
    assert guide_path("meetings", "sv") == package / "resources" / "help" / "sv" / "meetings.html"
    spec = (ROOT / "packaging" / "naravard-desktop.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "naravard_desktop/resources")' in spec
