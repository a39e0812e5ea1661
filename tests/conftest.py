"""Shared test set-up: offscreen Qt, a private data folder, a fresh database per test
(a SQLite file, or PostgreSQL with --database=postgresql: tests/db_backends.py)."""

from __future__ import annotations

import os
import sys

# Must be set before Qt is imported anywhere: without it (and without DISPLAY) Qt aborts.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from naravard_desktop import i18n
from tests.db_backends import (  # noqa: F401 (pytest finds hooks and fixtures by name here)
    cli_database,
    db,
    demo_group,
    module_database,
    module_demo,
    new_database,
    other,
    postgres_template,
    postgres_url,
    pytest_addoption,
    pytest_collection_modifyitems,
    pytest_configure,
    pytest_unconfigure,
)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep logs, settings and default databases of every test out of the real home."""
    data = tmp_path / "data"
    monkeypatch.setenv("NARAVARD_DATA_DIR", str(data))
    monkeypatch.delenv("NARAVARD_DATABASE", raising=False)
    return data


@pytest.fixture(autouse=True)
def _no_window_outlives_its_test() -> Iterator[None]:
    """Delete every window a test left, with its timers, once the test is over.

    pytest-qt closes the widgets a test registered and asks Qt to delete them later, but
    outside a running event loop that never happens: a closed meeting editor's autosave timer
    could then fire in a later test and write to that test's database (or fail on it once
    it was dropped, on the PostgreSQL run). Dialogs made without a parent are left the same way.
    """
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    for widget in app.topLevelWidgets():
        if widget.parent() is None:
            widget.deleteLater()  # not closed: a close could still save to the database
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _swedish() -> Iterator[None]:
    i18n.set_language("sv")
    yield
    i18n.set_language("sv")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.sqlite"
