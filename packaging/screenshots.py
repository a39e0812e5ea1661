"""Screenshots of every page of the demo window, in each appearance and language, to look at
before a release (issue 19: light, dark and high contrast, Swedish and English):

    .venv/bin/python packaging/screenshots.py [FOLDER]   (make screenshots: build/screenshots)

Each run is a process of its own (the language is read once per process); the demo is made
afresh in a temporary folder, dated as the demo's own tests date it. Files are named
<language>-<appearance>-<number>-<page>.png; the meeting editor is shot as `meeting`."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("sv", "en")
APPEARANCES = ("light", "dark", "high_contrast")
SIZE = (1366, 768)
DEMO_DAY = dt.date(2026, 11, 30)


def shoot(folder: Path, language: str, appearances: tuple[str, ...]) -> list[Path]:
    """Every page in `language`, in this process."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from naravard_desktop.documents.demo import create_demo
    from naravard_desktop.i18n import set_language
    from naravard_desktop.services.meetings.meetings import list_meetings
    from naravard_desktop.services.system.database import open_database
    from naravard_desktop.ui import theme
    from naravard_desktop.ui.main_window import MainWindow
    from naravard_desktop.ui.qt_locale import apply_qt_language
    from naravard_desktop.ui.settings import app_settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    set_language(language)
    apply_qt_language(app, language)
    db = open_database(str(Path(os.environ["NARAVARD_DATA_DIR"]) / "demo.sqlite"))
    group = create_demo(db, DEMO_DAY)
    saved: list[Path] = []
    for appearance in appearances:
        theme.apply_appearance(app, theme.Appearance(appearance))
        settings = app_settings()
        settings.setValue("window/page", 1)  # the overview is built as it is shot
        window = MainWindow(db, group, settings)
        window.resize(*SIZE)
        window.show()
        for number, key in enumerate(window.lazy_pages.keys, start=1):
            if window.sidebar.item(number - 1).isHidden():
                continue
            window.show_page(number - 1)  # builds it (a page that fails is left out)
            _wait_for_figures(window.stack.currentWidget())
            saved.append(_grab(window, folder / f"{language}-{appearance}-{number}-{key}.png"))
        meetings = list_meetings(db, group.id)
        if meetings and window.lazy_pages.built("meetings") is not None:
            window.show_page(window.stack.indexOf(window.meetings_page))
            window.meetings_page.open_meeting(meetings[0].id, None)
            saved.append(_grab(window, folder / f"{language}-{appearance}-meeting.png"))
        window.hand_over()
        window.deleteLater()
        app.processEvents()
    return saved


def _wait_for_figures(page: object, seconds: float = 60) -> None:
    """A page that reads its figures on a worker (the Årsuppföljning's SIP part) is shot
    once they are in."""
    import time

    from PySide6.QtWidgets import QApplication

    until = time.monotonic() + seconds
    while getattr(page, "reading", False) and time.monotonic() < until:
        QApplication.processEvents()
        time.sleep(0.02)


def _grab(window: object, path: Path) -> Path:
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(window, QWidget)
    for _round in range(3):  # layouts and lazily fetched rows settle
        QApplication.processEvents()
    window.grab().save(str(path))
    return path


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else ROOT / "build" / "screenshots").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    if len(argv) > 1:  # a child: one language, in a process of its own
        print("\n".join(str(p) for p in shoot(folder, argv[1], tuple(argv[2:]) or APPEARANCES)))
        return 0
    for language in LANGUAGES:
        with tempfile.TemporaryDirectory() as data:
            env = dict(os.environ, NARAVARD_DATA_DIR=data, QT_QPA_PLATFORM="offscreen")
            subprocess.run(
                [sys.executable, __file__, str(folder), language], env=env, cwd=ROOT, check=True
            )
    print(f"screenshots in {folder}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
