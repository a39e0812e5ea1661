"""The side panel beside the plan's tree: the form of the selected area (area_form.py) or
activity (activity_form.py), each saved as it is typed (panel_saving.py), or a hint when
nothing is selected."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QToolButton, QVBoxLayout, QWidget

from naravard_desktop.i18n import _
from naravard_desktop.services.plan.read_models import ActivityRow, AreaRow, FollowUpRow
from naravard_desktop.services.system.drafts import DraftStore
from naravard_desktop.ui.plan.activity_form import ActivityForm
from naravard_desktop.ui.plan.area_form import AreaForm
from naravard_desktop.ui.plan.model import Column
from naravard_desktop.ui.plan.panel_saving import TextField, set_text
from naravard_desktop.ui.privacy import PrivacyBar, select_first_number


class SidePanel(QStackedWidget):
    """Nothing selected, an area, or an activity."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plan_side_panel")
        self.empty = QLabel(_("Select an area or an activity to see and change it here."))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.area_form = AreaForm()
        self.activity_form = ActivityForm()
        stack_bar(self.activity_form.privacy)
        for widget in (self.empty, self.area_form, self.activity_form):
            self.addWidget(widget)
        self.setMinimumWidth(300)

    def forms(self) -> tuple[AreaForm, ActivityForm]:
        return self.area_form, self.activity_form

    def set_up(self, drafts: DraftStore, read_only: bool, replaying: Callable[[], bool]) -> None:
        """Typed text kept in `drafts`; nothing saved while `replaying()` (an undo or redo
        step runs); only read on a database opened read-only."""
        for form in self.forms():
            form.drafts = drafts
            form.replaying = replaying
            form.set_read_only(read_only)

    def shown_form(self) -> AreaForm | ActivityForm | None:
        current = self.currentWidget()
        return current if isinstance(current, AreaForm | ActivityForm) else None

    def flush(self) -> bool:
        """Save what is typed; False while something is held back (it stays in the form)."""
        form = self.shown_form()
        return form is None or form.flush()

    def leave(self) -> bool:
        """Before the row changes: save, or ask (False: stay on the row)."""
        form = self.shown_form()
        return form is None or form.leave()

    def show_nothing(self) -> None:
        self.setCurrentWidget(self.empty)

    def show_area(self, row: AreaRow) -> None:
        self.area_form.load(row)
        self.setCurrentWidget(self.area_form)

    def show_activity(self, row: ActivityRow, history: list[FollowUpRow]) -> None:
        self.activity_form.load(row, history)
        self.setCurrentWidget(self.activity_form)

    def show_typed(self, row: AreaRow | ActivityRow, column: Column, text: str) -> None:
        """What was typed in a cell of the tree, put in the same field here, its identity
        number selected (to be removed, or saved anyway with Ctrl+Return)."""
        field: TextField
        if isinstance(row, AreaRow):
            field = self.area_form.title
        else:
            form = self.activity_form
            field = {Column.RESPONSIBLE: form.responsible, Column.SCHEDULE: form.schedule}.get(
                column, form.title
            )
        set_text(field, text)
        select_first_number(field)


def stack_bar(bar: PrivacyBar) -> None:
    """The warning bar in the narrow panel: its message on the whole width, the buttons
    under it (side by side they left the message a word per line and cut the buttons)."""
    close = bar.findChild(QToolButton, "privacy_bar_close")
    old = bar.layout()
    if old is not None:
        for widget in (bar.message, bar.show_button, bar.anyway_button, close):
            if widget is not None:
                old.removeWidget(widget)
        QWidget().setLayout(old)  # the old layout goes with a throwaway widget
    top = QHBoxLayout()
    top.addWidget(bar.message, 1)
    if close is not None:
        top.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
    buttons = QHBoxLayout()
    buttons.addWidget(bar.show_button)
    buttons.addWidget(bar.anyway_button)
    buttons.addStretch(1)
    layout = QVBoxLayout(bar)
    layout.setContentsMargins(6, 3, 3, 6)
    layout.addLayout(top)
    layout.addLayout(buttons)
