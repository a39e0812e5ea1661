"""Attendance as a table: status (present, absent, substitute for someone, co-opted), the
member substituted, partial attendance by § and a note; edited in place with delegates. A
guest's name and organisation are edited in place too (a member's come from the members
list)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QObject, Qt
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
from naravard_desktop.services.meetings.meeting_labels import attendance_label
from naravard_desktop.services.meetings.read_models import AttendanceInput, AttendanceRow
from naravard_desktop.ui.table_model import ROW_ROLE, ColumnSpec, Index, RowTableModel

__all__ = ["ROW_ROLE", "AttendanceDelegate", "AttendanceModel", "Column", "status_value"]

ABSENT_COLOUR = QColor("#8a8a8a")
# Given the row as shown (its version tells a change saved elsewhere meanwhile).
Save = Callable[[AttendanceRow, AttendanceInput], AttendanceRow | None]
Rename = Callable[[AttendanceRow, str, str], AttendanceRow | None]


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


def status_value(status: AttendanceStatus, substitute_for_id: int | None) -> str:
    """The status column's edit value: "absent", or "substitute:12" for a substitute."""
    if status == AttendanceStatus.SUBSTITUTE and substitute_for_id is not None:
        return f"substitute:{substitute_for_id}"
    return status.value


def _role_text(row: AttendanceRow) -> str:
    role = role_label(row.role) if row.role else ""
    return ", ".join(part for part in (role, row.organisation) if part)


def _paragraph(number: int | None) -> str:
    return f"§ {number}" if number else ""


def _status(row: AttendanceRow) -> str:
    return status_value(row.status, row.substitute_for_id)


def _grey_if_absent(row: AttendanceRow) -> QColor | None:
    return ABSENT_COLOUR if row.status == AttendanceStatus.ABSENT else None


COLUMNS: list[ColumnSpec[AttendanceRow]] = [
    replace(spec, foreground=_grey_if_absent)
    for spec in (
        ColumnSpec(lambda: _("Name"), lambda r: r.name, edit=lambda r: r.name),
        ColumnSpec(
            lambda: _("Role or organisation"),
            _role_text,
            edit=lambda r: r.organisation if r.is_guest else _role_text(r),
        ),
        ColumnSpec(lambda: _("Attendance"), lambda r: attendance_label(r.status), edit=_status),
        ColumnSpec(lambda: _("Substitutes for"), lambda r: r.substitute_for, edit=_status),
        ColumnSpec(
            lambda: _("From §"),
            lambda r: _paragraph(r.from_paragraph),
            edit=lambda r: r.from_paragraph or 0,
        ),
        ColumnSpec(
            lambda: _("To §"),
            lambda r: _paragraph(r.to_paragraph),
            edit=lambda r: r.to_paragraph or 0,
        ),
        ColumnSpec(lambda: _("Note"), lambda r: r.note, edit=lambda r: r.note),
    )
]


class AttendanceModel(RowTableModel[AttendanceRow]):
    """Rows of services.attendance; an edit calls `save` (a guest's name or organisation
    `rename`), which returns the stored row or None when it was refused."""

    def __init__(
        self, save: Save, parent: QObject | None = None, rename: Rename | None = None
    ) -> None:
        super().__init__(COLUMNS, lambda r: r.id, parent)
        self._save = save
        self._rename = rename
        self.locked = False

    def members(self) -> list[AttendanceRow]:
        return [r for r in self._rows if not r.is_guest]

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
        return self._stored(index, self._save(row, data))

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
        return self._stored(index, self._rename(row, name, organisation))

    def _stored(self, index: Index, saved: AttendanceRow | None) -> bool:
        if saved is None:
            return False
        self.replace_row(index.row(), saved)
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
