"""GUI test set-up: data from the real services, and dialogs that answer instead of blocking.

Modal dialogs opened with `exec()` are handed to handlers a test queues on `dialogs`; the
static QMessageBox and QFileDialog entry points are replaced by `boxes`, which records each
call and answers from a queue. Anything a test did not expect fails it instead of hanging.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
)
from pytestqt.qtbot import QtBot

from naravard_desktop import i18n
from naravard_desktop.db.enums import Principal, Role
from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.read_models import (
    GroupData,
    GroupInput,
    MemberInput,
    MemberRow,
)
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui import questions
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.members.page import MembersPage
from naravard_desktop.ui.qt_locale import qt_locale
from naravard_desktop.ui.settings import app_settings

Button = QMessageBox.StandardButton


# --- typing ------------------------------------------------------------------------------


class User:
    """Types and focuses like a user, with the keyboard."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot

    def type(self, widget: QWidget, text: str) -> None:
        """ASCII through qtbot.keyClicks, other characters one key event each
        (qtbot.keyClicks aborts the interpreter on non-ASCII text, see TECH-NOTES.md)."""
        run = ""
        for char in text:
            if char.isascii():
                run += char
                continue
            if run:
                self.qtbot.keyClicks(widget, run)
                run = ""
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget,
                Qt.Key.Key_unknown,
                char,
                Qt.KeyboardModifier.NoModifier,
            )
        if run:
            self.qtbot.keyClicks(widget, run)

    def retype(self, widget: QWidget, text: str) -> None:
        """Select all, erase, type."""
        widget.setFocus()
        QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(widget, Qt.Key.Key_Backspace)
        self.type(widget, text)

    def press(
        self,
        widget: QWidget,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        QTest.keyClick(widget, key, modifier)

    def activate(self, widget: QWidget) -> None:
        """Show the window and make it the active one, so that its shortcuts respond."""
        widget.show()
        self.qtbot.waitExposed(widget)
        widget.activateWindow()
        widget.raise_()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window())


@pytest.fixture
def user(qtbot: QtBot) -> User:
    return User(qtbot)


# --- dialogs -----------------------------------------------------------------------------


class Dialogs:
    """Answers modal dialogs: each one that opens is passed to the next queued handler.

    A handler may type, click and look; a dialog still open when it returns is closed. A
    dialog nobody expected is closed too and reported, as is a handler that raised, so a
    failing test ends instead of waiting forever for a click.
    """

    def __init__(self) -> None:
        self._handlers: deque[Callable[[Any], None]] = deque()
        self._busy = False
        self.errors: list[BaseException] = []
        self.unexpected: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def expect(self, handler: Callable[[Any], None]) -> None:
        self._handlers.append(handler)

    def _poll(self) -> None:
        if self._busy:
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            return
        if isinstance(dialog, QProgressDialog):  # a busy dialog closes itself when done
            return
        self._busy = True
        try:
            if self._handlers:
                self._handlers.popleft()(dialog)
            else:
                self.unexpected.append(f"{type(dialog).__name__}: {dialog.windowTitle()}")
        except BaseException as error:  # reported by check(); the dialog must still close
            self.errors.append(error)
        finally:
            if dialog.isVisible():
                if isinstance(dialog, QDialog):
                    dialog.reject()
                else:
                    dialog.close()
            self._busy = False

    def wait(self, qtbot: QtBot, timeout: int = 10000) -> None:
        """Until every expected dialog has opened and closed (one opened after background
        work, for example)."""
        qtbot.waitUntil(lambda: not self._handlers and not self._busy, timeout=timeout)

    def check(self) -> None:
        """Raise what went wrong inside a handler; fail on a dialog nobody expected or on an
        expected one that never opened."""
        if self.errors:
            error, self.errors = self.errors[0], []
            raise error
        unexpected, self.unexpected = self.unexpected, []
        assert not unexpected, f"unexpected dialogs: {unexpected}"
        pending = len(self._handlers)
        self._handlers.clear()
        assert not pending, f"{pending} expected dialog(s) never opened"

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def dialogs(qapp: QApplication) -> Iterator[Dialogs]:
    runner = Dialogs()
    yield runner
    runner.stop()
    runner.check()


@dataclass
class BoxCall:
    kind: str
    title: str
    text: str
    buttons: tuple[str, ...] = ()


REAL_QUESTION = questions.run


class Boxes:
    """Stands in for QMessageBox's and QFileDialog's static functions."""

    def __init__(self) -> None:
        self.calls: list[BoxCall] = []
        self.answers: deque[Any] = deque()

    def answer(self, *answers: Any) -> None:
        """Queue replies: a StandardButton for question(), a path (str) for a file dialog.
        For a question from ui/questions.confirm, Yes chooses its verb ("Ta bort") and
        No or Cancel chooses Avbryt."""
        self.answers.extend(answers)

    def show_real_questions(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Let ui/questions show its real message box (answer it with `dialogs`)."""
        monkeypatch.setattr(questions, "run", REAL_QUESTION)

    def take(self, kind: str) -> BoxCall:
        """The one call of this kind so far, removed from the record."""
        found = [c for c in self.calls if c.kind == kind]
        assert len(found) == 1, f"expected one {kind} box, got {self.calls}"
        self.calls.remove(found[0])
        return found[0]

    def _record(self, kind: str, title: str, text: str, buttons: tuple[str, ...] = ()) -> None:
        self.calls.append(BoxCall(kind, title, text, buttons))

    def _reply(self, kind: str, title: str) -> Any:
        if not self.answers:
            raise AssertionError(f"unexpected {kind} dialog: {title!r}")
        return self.answers.popleft()

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def note(kind: str) -> Callable[..., Button]:
            def show(_parent: object, title: str, text: str, *_args: object) -> Button:
                self._record(kind, title, text)
                return Button.Ok

            return show

        def question(_parent: object, title: str, text: str, *_args: object) -> Button:
            self._record("question", title, text)
            answer: Button = self._reply("question", title)
            return answer

        def confirm(box: QMessageBox) -> QAbstractButton | None:
            buttons = tuple(b.text() for b in box.buttons())
            self._record("question", box.windowTitle(), box.text(), buttons)
            answer = self._reply("question", box.windowTitle())
            cancel = box.escapeButton()
            if answer == Button.Yes:
                return next(b for b in box.buttons() if b is not cancel)
            assert answer in (Button.No, Button.Cancel), f"answer {answer} to a confirm question"
            return cancel

        def file_dialog(kind: str) -> Callable[..., tuple[str, str]]:
            def choose(_parent: object, title: str = "", *_args: object) -> tuple[str, str]:
                self._record(kind, title, "")
                return str(self._reply(kind, title)), ""

            return choose

        for kind in ("warning", "critical", "information"):
            monkeypatch.setattr(QMessageBox, kind, staticmethod(note(kind)))
        monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
        monkeypatch.setattr(questions, "run", confirm)
        for kind in ("getOpenFileName", "getSaveFileName"):
            monkeypatch.setattr(QFileDialog, kind, staticmethod(file_dialog(kind)))


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[Boxes]:
    """Every test runs with message boxes and file dialogs that cannot block; a box the test
    did not take() fails it."""
    recorder = Boxes()
    recorder.install(monkeypatch)
    yield recorder
    assert not recorder.calls, f"message boxes nobody checked: {recorder.calls}"


# --- data --------------------------------------------------------------------------------

ANNA = MemberInput(
    name="Anna Berg",
    organisation="Bergsjö kommun, vård och omsorg",
    principal=Principal.MUNICIPALITY,
    role=Role.CHAIR,
    email="anna.berg@bergsjo.example",
    phone="0640-123 45",
    active_from=dt.date(2023, 1, 1),
)
ERIK = MemberInput(
    name="erik Lund",
    organisation="Hälsocentralen Bergsjö",
    principal=Principal.REGION,
    role=Role.VICE_CHAIR,
    email="Erik.Lund@RegionMittland.example",
    active_from=dt.date(2022, 3, 1),
)
ASA = MemberInput(
    name="Åsa Öberg",
    organisation="Anhörigföreningen i Bergsjö",
    principal=Principal.OTHER,
    role=Role.COOPTED,
    email="asa.oberg@anhoriga.example",
    active_from=dt.date(2024, 2, 1),
)
ARLA = MemberInput(
    name="Ärla Nord",
    organisation="Bergsjö kommun, kansliet",
    principal=Principal.MUNICIPALITY,
    role=Role.SECRETARY,
    email="arla.nord@bergsjo.example",
    active_from=dt.date(2021, 9, 1),
)
GUSTAV_ENDED = MemberInput(
    name="Gustav Myr",
    organisation="Region Mittland, ambulanssjukvården",
    principal=Principal.REGION,
    role=Role.MEMBER,
    active_from=dt.date(2020, 1, 1),
    active_to=dt.date(2023, 6, 30),
)


@pytest.fixture
def group(db: Database) -> GroupData:
    return groups.create_group(
        db,
        GroupInput(
            name="Samverkan Bergsjö", municipality="Bergsjö kommun", region="Region Mittland"
        ),
    )


@pytest.fixture
def add_member(db: Database, group: GroupData) -> Callable[[MemberInput], MemberRow]:
    def add(data: MemberInput) -> MemberRow:
        return members.add_member(db, group.id, data)

    return add


@pytest.fixture
def roster(add_member: Callable[[MemberInput], MemberRow]) -> dict[str, MemberRow]:
    """Four current members (names with Å and Ä, one in lower case) and one who has left."""
    added = [add_member(data) for data in (ANNA, ERIK, ASA, ARLA, GUSTAV_ENDED)]
    return {row.name: row for row in added}


@pytest.fixture
def settings() -> QSettings:
    return app_settings()


@pytest.fixture
def page(qtbot: QtBot, db: Database, group: GroupData) -> MembersPage:
    """A members page on its own, with its own undo stack (kept alive by the page)."""
    widget = MembersPage(db, group.id, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1000, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def window(qtbot: QtBot, db: Database, group: GroupData, settings: QSettings) -> MainWindow:
    main = MainWindow(db, group, settings)
    qtbot.addWidget(main)
    return main


@pytest.fixture(params=["sv", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The test runs in Swedish and in English, set as the app sets it at start: gettext and
    Babel, and Qt's default locale (dates, first day of week)."""
    code: str = request.param
    before = QLocale()
    i18n.set_language(code)
    QLocale.setDefault(qt_locale(code))
    yield code
    QLocale.setDefault(before)
    i18n.set_language("sv")
