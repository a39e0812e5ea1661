"""The window meeting a server database older than itself leaves it alone and says who must
upgrade it (issue 16, point 2); only with PostgreSQL (`make test-postgresql`)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from naravard_desktop.ui.startup import open_database_or_ask
from tests.server_databases import Server, revision, server_fixture  # noqa: F401 (fixture)


def test_the_window_does_not_upgrade_a_server_database(
    qapp: QApplication, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = server.database_at("0003")
    shown: list[str] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box.text())
        quit_button = next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole
        )
        quit_button.click()
        return box.result()

    monkeypatch.setattr(QMessageBox, "exec", answer)

    assert open_database_or_ask(url) is None

    assert len(shown) == 1
    assert "äldre än programmet" in shown[0]
    assert "naravard-desktop migrate" in shown[0]
    assert revision(url) == "0003"
