"""A database server lost under an action: its Swedish message with Försök igen, which runs
the action again; the window never shows the server's password."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.groups import list_groups
from naravard_desktop.services.group.read_models import GroupData, GroupInput
from naravard_desktop.services.system.database import Database, open_database
from naravard_desktop.services.system.database_errors import (
    ConnectionLostError,
    connection_lost_text,
)
from naravard_desktop.services.system.drafts import DraftStore
from naravard_desktop.ui import questions
from naravard_desktop.ui.actions import make_action
from naravard_desktop.ui.errors import install_exception_hook
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.meetings.autosave import SaveState, TextAutosaver
from naravard_desktop.ui.members.page import MembersPage
from tests.postgres_cluster import Cluster
from tests.server_restarts import own_server, start, stop
from tests.ui.conftest import ASA, Boxes, User

__all__ = ["own_server"]  # a fixture of tests/server_restarts, used below

Button = QMessageBox.StandardButton
SERVER = "postgresql+psycopg://sekreterare:***@region.example/naravard"


class FlakyServer:
    """An action's service call that finds the server gone the first `lost` times."""

    def __init__(self, lost: int) -> None:
        self.lost = lost
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1
        if self.calls <= self.lost:
            raise ConnectionLostError(connection_lost_text(SERVER))


def test_try_again_runs_the_action_again(qtbot: QtBot, boxes: Boxes) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    service = FlakyServer(lost=1)
    action = make_action(widget, "&Spara", service, name="save")
    boxes.answer(Button.Yes)  # the question's own button: Försök igen
    action.trigger()
    assert service.calls == 2
    box = boxes.take("question")
    assert box.title == "Anslutningen bröts"
    assert "Anslutningen till databasservern" in box.text
    assert "sekreterare:***@region.example" in box.text
    assert box.buttons == ("&Försök igen", "Avbryt")


def test_cancel_leaves_the_action_undone(qtbot: QtBot, boxes: Boxes) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    service = FlakyServer(lost=5)
    action = make_action(widget, "&Spara", service, name="save")
    boxes.answer(Button.Yes, Button.No)
    action.trigger()
    assert service.calls == 2
    assert len([c for c in boxes.calls if c.kind == "question"]) == 2
    boxes.calls.clear()


def test_a_lost_server_outside_an_action_is_its_message_not_an_unexpected_error(
    monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_exception_hook()
    error = ConnectionLostError(connection_lost_text(SERVER))
    sys.excepthook(type(error), error, None)
    box = boxes.take("critical")
    assert box.title == "Anslutningen bröts"
    assert box.text == error.message


def test_the_window_names_the_server_without_its_password(
    qtbot: QtBot, db: Database, group: GroupData, settings: QSettings
) -> None:
    if db.path is not None:
        pytest.skip("needs a PostgreSQL server: pytest --database=postgresql")
    url = db.engine.url.set(password="Hemligt-L0sen").render_as_string(hide_password=False)
    server = open_database(url)
    try:
        window = MainWindow(server, group, settings)
        qtbot.addWidget(window)
        label = window.findChild(QLabel, "database_label")
        assert label is not None
        assert ":***@" in label.text()
        for shown in (label.text(), window.windowTitle(), window.statusBar().currentMessage()):
            assert "Hemligt-L0sen" not in shown
    finally:
        server.dispose()


class StoredDraft:
    """The notes' draft in the real draft store, as the meeting editor keeps it."""

    def __init__(self, store: DraftStore) -> None:
        self.store = store

    def keep(self, text: str) -> None:
        self.store.save("item", 1, "notes", text, base_version=1)

    def drop(self) -> None:
        self.store.clear("item", 1, "notes")


def test_typed_text_and_its_draft_outlive_a_lost_server(
    qtbot: QtBot, own_server: tuple[Cluster, Database], boxes: Boxes
) -> None:
    cluster, server = own_server
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    store = DraftStore(server.url)
    saved: list[str] = []

    def save(text: str) -> None:
        list_groups(server)  # the round trip to the server an autosave makes
        saved.append(text)

    saver = TextAutosaver(editor, save, StoredDraft(store), delay_ms=60_000)
    failures: list[object] = []
    saver.failed.connect(failures.append)
    editor.setPlainText("Beslut om gemensam rutin")
    stop(cluster)
    assert saver.flush() is False
    assert saver.state == SaveState.FAILED
    assert isinstance(failures[0], ConnectionLostError)
    assert editor.toPlainText() == "Beslut om gemensam rutin"
    draft = store.get("item", 1, "notes")
    assert draft is not None and draft.text == "Beslut om gemensam rutin"
    start(cluster)
    assert saver.flush() is True
    assert saved == ["Beslut om gemensam rutin"]
    assert store.get("item", 1, "notes") is None


def test_deleting_a_member_while_the_server_is_down_is_done_on_try_again(
    qtbot: QtBot, own_server: tuple[Cluster, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    cluster, server = own_server
    bergsjo = groups.create_group(
        server, GroupInput(name="Samverkan Bergsjö", municipality="Bergsjö kommun")
    )
    members.add_member(server, bergsjo.id, ASA)
    page = MembersPage(server, bergsjo.id, QUndoStack())
    qtbot.addWidget(page)
    page.table.selectRow(0)
    asked: list[str] = []

    def answer(box: QMessageBox) -> QAbstractButton | None:
        """Delete on the question; Försök igen once the server is back up."""
        asked.append(box.text())
        if box.objectName() == "connection_lost":
            start(cluster)
        return next(b for b in box.buttons() if b is not box.escapeButton())

    monkeypatch.setattr(questions, "run", answer)
    stop(cluster)
    page.delete_action.trigger()
    assert [text.split()[0] for text in asked] == ["Ta", "Anslutningen", "Ta"]
    assert members.list_members(server, bergsjo.id) == []
    assert page.undo_stack.count() == 1


def test_the_plan_panel_keeps_typed_text_while_the_server_is_down_and_saves_it_after(
    qtbot: QtBot, own_server: tuple[Cluster, Database], user: User
) -> None:
    from naravard_desktop.services.plan import plan_items, plans
    from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput, PlanInput
    from naravard_desktop.ui.plan.page import PlanPage
    from naravard_desktop.ui.plan.panel_saving import plan_drafts
    from tests.ui.test_plan_save_model import click_row, stored

    cluster, server = own_server
    group = groups.create_group(server, GroupInput(name="Samverkan Bergsjö"))
    plan = plans.create_plan(server, group.id, PlanInput("Lokal plan 2025–2027"))
    area = plan_items.add_area(server, plan.id, AreaInput("Ökad kontinuitet", "2"))
    plan_items.add_activity(server, area.id, ActivityInput(title="Punktmätning"))
    page = PlanPage(server, group.id, QUndoStack())
    qtbot.addWidget(page)
    page.resize(1300, 700)
    user.activate(page)
    click_row(qtbot, page, "Punktmätning")
    form = page.panel.activity_form
    form.description.setFocus()
    user.type(form.description, "Mäts varje höst.")
    stop(cluster)
    assert form.flush() is False  # no exception escapes to the window
    assert form.state == SaveState.FAILED and form.pending
    assert form.connection_lost is not None
    assert form.problems()[0] == form.connection_lost.message  # said when leaving the row
    assert form.description.toPlainText() == "Mäts varje höst."
    draft = plan_drafts(str(server.url)).get(form.record, form.row.id, "description")
    assert draft is not None and draft.text == "Mäts varje höst."
    start(cluster)
    assert form.flush() is True
    assert form.connection_lost is None
    assert stored(server, plan.id, "Punktmätning").description == "Mäts varje höst."
