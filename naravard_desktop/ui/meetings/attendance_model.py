"""Attendance as a table: status (present, absent, substitute for someone, co-opted), the
member substituted, partial attendance by § and a note; edited in place with delegates. A
guest's name and organisation are edited in place too (a member's come from the members
list)."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from naravard_desktop.db.enums import AttendanceStatus
from naravard_desktop.i18n import _
from naravard_desktop.services.group.labels import role_label
from naravard_desktop.services.meetings.attendance import AttendanceInput, AttendanceRow
from naravard_desktop.services.meetings.meeting_labels import attendance_label

ROW_ROLE = Qt.ItemDataRole.UserRole + 3
Index = QModelIndex | QPersistentModelIndex
Save = Callable[[int, AttendanceInput], AttendanceRow | None]
Rename = Callable[[int, str, str], AttendanceRow | None]


class Column(IntEnum):
    NAME = 0
    ROLE = 1
    STATUS = 2
    SUBSTITUTE_FOR = 3
    FROM = 4
    TO = 5
    NOTE = 6


EDITABLE = {Column.STATUS, Column.SUBSTITUTE_FOR, Column.FROM, Column.TO, Column.NOTE}
GUEST_EDITABLE = {Column.NAME, Column.ROLE, Column.FROM, Column.TO, Column.NOTE}


def _headers() -> dict[Column, str]:
    return {
        Column.NAME: _("Name"),
        Column.ROLE: _("Role or organisation"),
        Column.STATUS: _("Attendance"),
        Column.SUBSTITUTE_FOR: _("Substitutes for"),
        Column.FROM: _("From §"),
        Column.TO: _("To §"),
        Column.NOTE: _("Note"),
    }


def status_value(status: AttendanceStatus, substitute_for_id: int | None) -> str:
    """The status column's edit value: "absent", or "substitute:12" for a substitute."""
    if status == AttendanceStatus.SUBSTITUTE and substitute_for_id is not None:
        return f"substitute:{substitute_for_id}"
    return status.value


class AttendanceModel(QAbstractTableModel):
    """Rows of services.attendance; an edit calls `save` (a guest's name or organisation
    `rename`), which returns the stored row or None when it was refused."""

    def __init__(
        self, save: Save, parent: QObject | None = None, rename: Rename | None = None
    ) -> None:
        super().__init__(parent)
        self._rows: list[AttendanceRow] = []
        self._headers = _headers()
        self._save = save
        self._rename = rename
        self.locked = False

    def set_rows(self, rows: list[AttendanceRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[AttendanceRow]:
        return list(self._rows)

    def row_for(self, attendance_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.id == attendance_id:
                return number
        return None

    def members(self) -> list[AttendanceRow]:
        return [r for r in self._rows if not r.is_guest]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[Column(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid() or self.locked:
            return flags
        row = self._rows[index.row()]
        column = Column(index.column())
        if row.is_guest and self._rename is not None:
            editable = column in GUEST_EDITABLE
        else:
            editable = column in EDITABLE and not (
                row.is_guest and column in (Column.STATUS, Column.SUBSTITUTE_FOR)
            )
        return flags | Qt.ItemFlag.ItemIsEditable if editable else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            match column:
                case Column.STATUS | Column.SUBSTITUTE_FOR:
                    return status_value(row.status, row.substitute_for_id)
                case Column.FROM:
                    return row.from_paragraph or 0
                case Column.TO:
                    return row.to_paragraph or 0
                case Column.NOTE:
                    return row.note
                case Column.ROLE if row.is_guest:
                    return row.organisation
            return self._display(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and row.status == AttendanceStatus.ABSENT:
            return QColor("#8a8a8a")
        return None

    @staticmethod
    def _display(row: AttendanceRow, column: Column) -> str:
        match column:
            case Column.NAME:
                return row.name
            case Column.ROLE:
                role = role_label(row.role) if row.role else ""
                return ", ".join(part for part in (role, row.organisation) if part)
            case Column.STATUS:
                return attendance_label(row.status)
            case Column.SUBSTITUTE_FOR:
                return row.substitute_for
            case Column.FROM:
                return f"§ {row.from_paragraph}" if row.from_paragraph else ""
            case Column.TO:
                return f"§ {row.to_paragraph}" if row.to_paragraph else ""
            case Column.NOTE:
                return row.note

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.locked:
            return False
        row = self._rows[index.row()]
        if Column(index.column()) in (Column.NAME, Column.ROLE):
            return self._set_guest(index, row, str(value))
        data = AttendanceInput(
            status=row.status,
            substitute_for_id=row.substitute_for_id,
            from_paragraph=row.from_paragraph,
            to_paragraph=row.to_paragraph,
            note=row.note,
        )
        match Column(index.column()):
            case Column.STATUS | Column.SUBSTITUTE_FOR:
                text = str(value)
                if text.startswith("substitute:"):
                    status = AttendanceStatus.SUBSTITUTE
                    substitute_for: int | None = int(text.split(":", 1)[1])
                else:
                    status, substitute_for = AttendanceStatus(text), None
                data = AttendanceInput(
                    status, substitute_for, data.from_paragraph, data.to_paragraph, data.note
                )
            case Column.FROM:
                data = AttendanceInput(
                    data.status,
                    data.substitute_for_id,
                    int(value) or None,
                    data.to_paragraph,
                    data.note,
                )
            case Column.TO:
                data = AttendanceInput(
                    data.status,
                    data.substitute_for_id,
                    data.from_paragraph,
                    int(value) or None,
                    data.note,
                )
            case Column.NOTE:
                data = AttendanceInput(
                    data.status,
                    data.substitute_for_id,
                    data.from_paragraph,
                    data.to_paragraph,
                    str(value),
                )
            case _:
                return False
        return self._stored(index, self._save(row.id, data))

    def _set_guest(self, index: Index, row: AttendanceRow, value: str) -> bool:
        if not row.is_guest or self._rename is None:
            return False
        name, organisation = row.name, row.organisation
        if index.column() == Column.NAME:
            name = value
        else:
            organisation = value
        if (name, organisation) == (row.name, row.organisation):
            return False
        return self._stored(index, self._rename(row.id, name, organisation))

    def _stored(self, index: Index, saved: AttendanceRow | None) -> bool:
        if saved is None:
            return False
        number = index.row()
        self._rows[number] = saved
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(Column) - 1))
        return True


class AttendanceDelegate(QStyledItemDelegate):
    """A combo box for the status (incl. "substitute for …" each member) and the member
    substituted, spin boxes for the § range, a line edit for the note."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model = index.model()
        column = Column(index.column())
        if column in (Column.STATUS, Column.SUBSTITUTE_FOR) and isinstance(model, AttendanceModel):
            row: AttendanceRow = index.data(ROW_ROLE)
            box = QComboBox(parent)
            box.setObjectName("attendance_editor")
            others = [m for m in model.members() if m.person_id != row.person_id]
            # The absent ones first: they are the ones a substitute usually replaces.
            others.sort(key=lambda m: m.status != AttendanceStatus.ABSENT)
            if column == Column.STATUS:
                for status in (
                    AttendanceStatus.PRESENT,
                    AttendanceStatus.ABSENT,
                    AttendanceStatus.COOPTED,
                ):
                    box.addItem(attendance_label(status), status.value)
            else:
                box.addItem(_("(nobody)"), AttendanceStatus.PRESENT.value)
            for other in others:
                label = (
                    _("Substitute for {name}").format(name=other.name)
                    if column == Column.STATUS
                    else other.name
                )
                box.addItem(label, f"substitute:{other.person_id}")
            return box
        if column in (Column.FROM, Column.TO):
            spin = QSpinBox(parent)
            spin.setObjectName("attendance_editor")
            spin.setRange(0, 9999)
            spin.setSpecialValueText("–")
            spin.setPrefix("§ ")
            return spin
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
            editor.setProperty("initial", editor.currentData())
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            if editor.currentData() != editor.property("initial"):
                model.setData(index, editor.currentData())
            return
        super().setModelData(editor, model, index)
