"""Issue 18, point 3: a start paints the window's frame before SQLAlchemy, the pages' modules
and the document writers are imported, then opens the database and shows the page. Watched
in a fresh interpreter started as the program is (`python -m naravard_desktop`), since what
one test imported stays imported for the next."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from naravard_desktop.__main__ import _window_arguments
from tests.attack.db_files import GROUP, make_database

# Printed at the frame's first paint, and once the overview page is built.
PROBE = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from naravard_desktop.ui import first_paint

HEAVY = ("sqlalchemy", "alembic", "babel", "openpyxl", "reportlab", "pikepdf",
         "naravard_desktop.db", "naravard_desktop.services.group",
         "naravard_desktop.documents", "naravard_desktop.ui.overview",
         "naravard_desktop.ui.plan", "naravard_desktop.ui.meetings", "naravard_desktop.ui.sip",
         "naravard_desktop.ui.icons", "PySide6.QtSvg")
then_paint = first_paint.after_first_paint

def loaded():
    return sorted(h for h in HEAVY if any(m == h or m.startswith(h + ".") for m in sys.modules))

class Watch(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.seen = None
        window.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.seen is None:
            self.seen = loaded()
            QTimer.singleShot(0, self.after)
        return False

    def after(self):
        page = self.window.lazy_pages.built("overview")
        if page is None:
            QTimer.singleShot(10, self.after)
            return
        print(json.dumps({"at_paint": self.seen, "title": self.window.windowTitle(),
                          "then": loaded()}), flush=True)
        self.window.close()

def after_first_paint(widget, then):
    then_paint(widget, then)
    Watch(widget)

first_paint.after_first_paint = after_first_paint
from naravard_desktop.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_frame_is_painted_before_the_database_and_the_pages_are_imported(
    tmp_path: Path,
) -> None:
    database = make_database(tmp_path / "samverkan.sqlite")
    env = {k: v for k, v in os.environ.items() if k != "NARAVARD_DATABASE"}
    env.update(NARAVARD_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--database", str(database)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["at_paint"] == []
    assert seen["title"].startswith(GROUP)  # then the database, its group and the page
    assert {"sqlalchemy", "naravard_desktop.db", "naravard_desktop.ui.overview"} <= set(
        seen["then"]
    )
    # Pages not shown are not imported (the overview borrows the plan page's tree model).
    assert not {"naravard_desktop.ui.meetings", "naravard_desktop.ui.sip"} & set(seen["then"])


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([], (None, None, None)),
        (["--database", "a.sqlite", "--group", "3"], ("a.sqlite", None, 3)),
        (
            ["--lang=en", "--portable", "--database=postgresql://x/y"],
            ("postgresql://x/y", "en", None),
        ),
    ],
)
def test_a_start_of_the_window_is_read_without_the_commands_parser(
    words: list[str], expected: tuple[str | None, str | None, int | None]
) -> None:
    found = _window_arguments(words)
    assert isinstance(found, argparse.Namespace)
    assert (found.database, found.lang, found.window_group) == expected


@pytest.mark.parametrize(
    "words",
    [
        ["groups", "list"],  # a command
        ["--help"],
        ["--version"],
        ["--group", "tre"],  # explained by the parser in Swedish
        ["--lang", "de"],
        ["--database"],
        ["--database", "--lang", "sv"],
        ["--portable=ja"],
        ["--group", "1", "--group", "2"],
        ["--databse", "a.sqlite"],
    ],
)
def test_anything_else_goes_to_the_parser(words: list[str]) -> None:
    assert _window_arguments(words) is None
