"""The app opens no network connection: the demo, the check, every export and the GUI
start-up run under a Python audit hook that records every socket call, and none happens
(nor is Qt's network module loaded)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.db_backends import demo_file

WATCH = textwrap.dedent(
    """
    import atexit, json, os, sys

    WATCHED = ("socket.", "http.client.", "urllib.", "ftplib.", "smtplib.", "ssl.")
    seen = []

    def hook(event, args):
        if event.startswith(WATCHED) and event != "socket.gethostname":
            seen.append([event, repr(args)[:300]])

    sys.addaudithook(hook)

    def report():
        with open(os.environ["NET_REPORT"], "w", encoding="utf-8") as handle:
            json.dump({"events": seen, "qtnetwork": "PySide6.QtNetwork" in sys.modules}, handle)

    atexit.register(report)
    """
)

CLI = WATCH + textwrap.dedent(
    """
    from naravard_desktop.__main__ import main

    db, out = sys.argv[1], sys.argv[2]
    steps = [
        ["demo"],
        ["check"],
        ["meetings", "list", "--json"],
        ["export", "plan", "--plan", "1", "--out", out + "/plan.pdf"],
        ["export", "plan", "--plan", "1", "--out", out + "/plan.xlsx"],
        ["export", "protocol", "--meeting", "1", "--out", out + "/protokoll.pdf"],
        ["export", "protocol", "--meeting", "1", "--out", out + "/protokoll.docx"],
        ["export", "kallelse", "--meeting", "1", "--out", out + "/kallelse.pdf"],
        ["export", "sip", "--year", "2025", "--out", out + "/sip.xlsx"],
        ["backup", "--out", out + "/kopia.sqlite"],
    ]
    for step in steps:
        code = main(["--database", db, *step])
        if code != 0:
            raise SystemExit(f"{step} failed with {code}")
    """
)

GUI = WATCH + textwrap.dedent(
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    shown = []

    def look():
        windows = [w for w in app.topLevelWidgets() if w.isVisible()]
        shown.extend(type(w).__name__ for w in windows)
        app.quit()

    QTimer.singleShot(3000, look)
    from naravard_desktop.__main__ import main

    code = main(["--database", sys.argv[1]])
    print("shown:", ",".join(shown), flush=True)
    sys.exit(code)
    """
)


def _run(script: str, tmp_path: Path, *args: str) -> dict[str, object]:
    report = tmp_path / "net.json"
    env = dict(os.environ, NET_REPORT=str(report), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    data: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
    data["stdout"] = result.stdout
    return data


@pytest.mark.slow
def test_demo_check_and_every_export_open_no_connection(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    out.mkdir()
    data = _run(CLI, tmp_path, str(tmp_path / "demo.sqlite"), str(out))
    assert data["events"] == []
    assert data["qtnetwork"] is False
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(
        [
            "kallelse.pdf",
            "kopia.sqlite",
            "plan.pdf",
            "plan.xlsx",
            "protokoll.docx",
            "protokoll.pdf",
            "sip.xlsx",
        ]
    )


@pytest.mark.slow
def test_the_window_starts_without_opening_a_connection(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    path = tmp_path / "demo.sqlite"
    demo_file(request, path)
    data = _run(GUI, tmp_path, str(path))
    assert "MainWindow" in str(data["stdout"])  # the window really was up
    assert data["events"] == []
    assert data["qtnetwork"] is False
