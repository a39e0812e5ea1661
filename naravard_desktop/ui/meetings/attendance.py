"""The attendance tab: who is present, absent, substitutes for whom, co-opted, guests, and
partial attendance by §; refill from the members list."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.db.enums import AttendanceStatus
from naravard_desktop.errors import DomainError, NotFoundError, StaleEditError
from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.meetings import attendance
from naravard_desktop.services.meetings.read_models import (
    AttendanceInput,
    AttendanceRow,
    MeetingData,
)
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.actions import make_action
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.form_dialog import FormDialog
from naravard_desktop.ui.meetings.attendance_model import (
    ROW_ROLE,
    AttendanceDelegate,
    AttendanceModel,
    Column,
)
from naravard_desktop.ui.meetings.view_tools import compact_rows, make_current
from naravard_desktop.ui.questions import confirm


class GuestDialog(FormDialog):
    """Name and organisation of a guest; calls `submit(name, organisation)`."""

    def __init__(self, submit: Callable[[str, str], None], parent: QWidget | None = None) -> None:
        super().__init__(
            _("Add guest"), lambda names: submit(*names), parent, ok_text=_("Add"), min_width=420
        )
        self.name = QLineEdit()
        self.name.setObjectName("guest_name")
        self.organisation = QLineEdit()
        self.organisation.setObjectName("guest_organisation")
        self.add_field(_("&Name:"), self.name, "guest_name")
        self.add_field(_("&Organisation:"), self.organisation, "guest_organisation")

    def build(self) -> tuple[str, str]:
        return self.name.text(), self.organisation.text()


class AttendancePanel(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.meeting: MeetingData | None = None
        self.model = AttendanceModel(self.save, self, rename=self.rename_guest)
        self.table = QTableView()
        self.table.setObjectName("attendance_table")
        self.table.setModel(self.model)
        self.table.setItemDelegate(AttendanceDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.ROLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.NOTE, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setObjectName("attendance_summary")
        self.hint = QLabel(_("Press F2 or double-click a cell to change it."))
        self.hint.setObjectName("attendance_hint")
        self.hint.setStyleSheet("color: #555555;")

        self.add_guest_action = make_action(
            self, _("Add &guest…"), self.add_guest, name="add_guest"
        )
        self.remove_action = make_action(
            self, _("Remove from list…"), self.remove_selected, name="remove_attendance"
        )
        self.refill_action = make_action(
            self,
            _("Add missing members"),
            self.refill,
            name="refill_attendance",
            tooltip=_("Adds the members active on the meeting date who are not on the list yet."),
        )
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.add_guest_action, self.remove_action, self.refill_action):
            toolbar.addAction(action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(toolbar)
        layout.addWidget(self.table, 1)
        bottom = QVBoxLayout()
        bottom.addWidget(self.summary)
        bottom.addWidget(self.hint)
        layout.addLayout(bottom)
        self.table.selectionModel().selectionChanged.connect(self._update_state)
        self.model.modelReset.connect(self._update_state)

    def show_meeting(self, meeting: MeetingData | None) -> None:
        self.meeting = meeting
        self.model.locked = meeting is None or meeting.locked
        self.hint.setVisible(not self.model.locked)  # nothing can be changed when locked
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        rows: list[AttendanceRow] = []
        if self.meeting is not None:
            try:
                rows = attendance.list_attendance(self.db, self.meeting.id)
            except DomainError as error:
                show_error(self, error)
        self.model.set_rows(rows)
        if select_id is not None:
            row = self.model.row_for(select_id)
            if row is not None:
                make_current(self.table, self.model.index(row, Column.STATUS), scroll=False)
        self._update_summary(rows)

    def _update_summary(self, rows: list[AttendanceRow]) -> None:
        present = sum(1 for r in rows if r.status != AttendanceStatus.ABSENT)
        absent = len(rows) - present
        self.summary.setText(
            ngettext("{count} present", "{count} present", present).format(count=present)
            + " · "
            + ngettext("{count} absent", "{count} absent", absent).format(count=absent)
        )

    def selected(self) -> AttendanceRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def _update_state(self) -> None:
        editable = self.meeting is not None and not self.model.locked
        self.add_guest_action.setEnabled(editable)
        self.refill_action.setEnabled(editable)
        self.remove_action.setEnabled(editable and self.selected() is not None)

    def save(self, row: AttendanceRow, data: AttendanceInput) -> AttendanceRow | None:
        """Called by the model for an edit made in the table; None if it was refused."""
        try:
            saved = attendance.set_attendance(self.db, row.id, data, row.version)
        except DomainError as error:
            self._refused(error)
            return None
        rows = [saved if r.id == saved.id else r for r in self.model.rows()]
        self._update_summary(rows)
        return saved

    def rename_guest(
        self, row: AttendanceRow, name: str, organisation: str
    ) -> AttendanceRow | None:
        """Called by the model for a guest's name or organisation corrected in the table."""
        try:
            return attendance.rename_guest(self.db, row.id, name, organisation, row.version)
        except DomainError as error:
            self._refused(error)
            return None

    def _refused(self, error: DomainError) -> None:
        """Say why; a row changed or removed elsewhere is shown as stored now (after the
        table has finished the edit that was refused)."""
        show_error(self, error)
        if isinstance(error, StaleEditError | NotFoundError):
            QTimer.singleShot(0, self.reload)

    def add_guest(self) -> None:
        meeting = self.meeting
        if meeting is None or self.model.locked:
            return
        added: list[AttendanceRow] = []

        def submit(name: str, organisation: str) -> None:
            added.append(attendance.add_guest(self.db, meeting.id, name, organisation))

        if GuestDialog(submit, self).exec() and added:
            self.reload(added[0].id)

    def remove_selected(self) -> None:
        row = self.selected()
        if row is None or self.model.locked:
            return
        if not confirm(
            self,
            _("Remove from attendance"),
            _("Remove {name} from this meeting's attendance list?").format(name=row.name),
            _("&Remove"),
        ):
            return
        try:
            attendance.remove_attendance(self.db, row.id, row.version)
        except DomainError as error:
            show_error(self, error)
        self.reload()

    def refill(self) -> None:
        if self.meeting is None or self.model.locked:
            return
        before = self.model.rowCount()
        try:
            rows = attendance.refill_attendance(self.db, self.meeting.id)
        except DomainError as error:
            show_error(self, error)
            return
        self.reload()
        added = len(rows) - before
        self.summary.setText(
            self.summary.text()
            + " · "
            + ngettext("{count} member added", "{count} members added", added).format(count=added)
        )
