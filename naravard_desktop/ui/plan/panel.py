"""The side panel: every field of the selected activity (or area), saved with one button
or Ctrl+Return, and the activity's follow-up history as a timeline."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.db.enums import ActivityStatus, Principal
from naravard_desktop.errors import ValidationError
from naravard_desktop.i18n import _, format_iso_date
from naravard_desktop.services.follow_ups import FollowUpRow
from naravard_desktop.services.labels import principal_label
from naravard_desktop.services.plan_items import ActivityInput, ActivityRow, AreaInput, AreaRow
from naravard_desktop.services.plan_labels import status_label
from naravard_desktop.services.schedule import ScheduleKind, read_schedule
from naravard_desktop.ui.forms import DateLineEdit, FieldErrors
from naravard_desktop.ui.privacy import BackToEditing

PRINCIPALS = (Principal.REGION, Principal.MUNICIPALITY, Principal.JOINT, Principal.OTHER)


def status_combo() -> QComboBox:
    combo = QComboBox()
    for status in ActivityStatus:
        combo.addItem(status_label(status), status.value)
    return combo


def text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class ActivityForm(QWidget):
    """Edits one activity; `submit(data)` saves and raises ValidationError to keep it open."""

    follow_up_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submit: Callable[[ActivityInput], None] | None = None
        self.errors = FieldErrors()
        self.title = text_box(3)
        self.title.setObjectName("activity_title")
        self.description = text_box(3)
        self.responsible = QLineEdit()
        self.responsible.setObjectName("activity_responsible")
        self.principal = QComboBox()
        self.principal.addItem(_("Not given"), None)
        for principal in PRINCIPALS:
            self.principal.addItem(principal_label(principal), principal.value)
        self.schedule = QLineEdit()
        self.schedule.setObjectName("activity_schedule")
        self.schedule.setPlaceholderText(_("As written: 2024-12-31, Hösten 2022, Löpande …"))
        self.derived = QLabel()
        self.derived.setObjectName("derived_due")
        self.derived.setStyleSheet("color: #5a5a5a;")
        self.override = QCheckBox(_("Set the due date by &hand"))
        self.due = DateLineEdit()
        self.due.setObjectName("activity_due")
        self.status = status_combo()
        self.status.setObjectName("activity_status")
        self.progress = QSpinBox()
        self.progress.setObjectName("activity_progress")
        self.progress.setRange(0, 100)
        self.progress.setSuffix(" %")
        self.follow_up_method = text_box(2)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(form, _("&Activity"), self.title, "title")
        self._row(form, _("Desc&ription"), self.description, "description")
        self._row(form, _("&Responsible"), self.responsible, "responsible")
        self._row(form, _("Princi&pal"), self.principal, "responsible_principal")
        self._row(form, _("&Schedule"), self.schedule, "schedule_text")
        form.addRow("", self.derived)
        due_row = QHBoxLayout()
        due_row.addWidget(self.override)
        due_row.addWidget(self.due, 1)
        form.addRow(_("Due date"), due_row)
        form.addRow("", self.errors.label_for("due_date", self.due))
        self._row(form, _("S&tatus"), self.status, "status")
        self._row(form, _("Pro&gress"), self.progress, "progress")
        self._row(form, _("&Follow-up method"), self.follow_up_method, "follow_up_method")

        self.save_button = QPushButton(_("Sa&ve"))
        self.save_button.setObjectName("save_activity")
        self.save_button.setToolTip(_("Save the activity (Ctrl+Return)"))
        self.save_button.clicked.connect(self.save)
        self.follow_button = QPushButton(_("Mark a f&ollow-up…"))
        self.follow_button.setObjectName("mark_follow_up")
        self.follow_button.clicked.connect(self.follow_up_requested.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.follow_button)
        buttons.addStretch(1)

        self.history = QListWidget()
        self.history.setObjectName("follow_up_history")
        self.history.setWordWrap(True)
        history_label = QLabel(_("Follow-up &history"))
        history_label.setBuddy(self.history)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(history_label)
        layout.addWidget(self.history, 1)

        self.schedule.textChanged.connect(self._show_derived)
        self.override.toggled.connect(self._override_toggled)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

    def _row(self, form: QFormLayout, text: str, field: QWidget, name: str) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        form.addRow(label, field)
        form.addRow("", self.errors.label_for(name, field))

    def _show_derived(self, text: str) -> None:
        reading = read_schedule(text)
        messages = {
            ScheduleKind.EMPTY: _("No schedule: no due date."),
            ScheduleKind.ONGOING: _("Ongoing: no due date."),
            ScheduleKind.DEPENDENT: _("Depends on something else: no due date."),
            ScheduleKind.UNREADABLE: _("No date found in the text: no due date."),
        }
        if reading.due is not None:
            self.derived.setText(_("Read as due {date}.").format(date=format_iso_date(reading.due)))
        else:
            self.derived.setText(messages[reading.kind])

    def _override_toggled(self, on: bool) -> None:
        self.due.setEnabled(on)
        if on and not self.due.text():
            self.due.set_date(read_schedule(self.schedule.text()).due)

    def load(self, row: ActivityRow, history: list[FollowUpRow]) -> None:
        self.errors.clear()
        self.title.setPlainText(row.title)
        self.description.setPlainText(row.description)
        self.responsible.setText(row.responsible)
        self.principal.setCurrentIndex(
            max(0, self.principal.findData(row.responsible_principal.value))
            if row.responsible_principal
            else 0
        )
        self.schedule.setText(row.schedule_text)
        self._show_derived(row.schedule_text)
        self.override.setChecked(row.due_date_overridden)
        self.due.set_date(row.due_date if row.due_date_overridden else None)
        self.due.setEnabled(row.due_date_overridden)
        self.status.setCurrentIndex(self.status.findData(row.status.value))
        self.progress.setValue(row.progress)
        self.follow_up_method.setPlainText(row.follow_up_method)
        self.history.clear()
        for entry in reversed(history):  # newest first
            line = f"{format_iso_date(entry.followed_up_on)} · {status_label(entry.status)}"
            line += f" · {entry.progress} %"
            if entry.agenda_item_label:
                line += "\n" + _("At {item}").format(item=entry.agenda_item_label)
            if entry.note:
                line += "\n" + entry.note
            self.history.addItem(line)
        if not history:
            self.history.addItem(_("Not followed up yet."))

    def value(self) -> ActivityInput | None:
        due, problem = self.due.date_or_error()
        if self.override.isChecked() and problem:
            self.errors.show({"due_date": problem})
            return None
        principal = self.principal.currentData()
        return ActivityInput(
            title=self.title.toPlainText(),
            description=self.description.toPlainText(),
            responsible=self.responsible.text(),
            responsible_principal=Principal(principal) if principal else None,
            schedule_text=self.schedule.text(),
            due_date=due if self.override.isChecked() else None,
            due_date_overridden=self.override.isChecked(),
            status=ActivityStatus(self.status.currentData()),
            progress=self.progress.value(),
            follow_up_method=self.follow_up_method.toPlainText(),
        )

    def save(self) -> None:
        data = self.value()
        if data is None or self.submit is None:
            return
        try:
            self.submit(data)
        except ValidationError as error:
            self.errors.show(error.fields)
            return
        except BackToEditing:  # an identity number to remove: it is selected in its field
            return
        self.errors.clear()


class AreaForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submit: Callable[[AreaInput], None] | None = None
        self.errors = FieldErrors()
        self.number = QLineEdit()
        self.number.setObjectName("area_number")
        self.number.setPlaceholderText(_("As written: 1, 1 a, b)"))
        self.title = QLineEdit()
        self.title.setObjectName("area_title")
        self.description = text_box(5)
        form = QFormLayout()
        for text, field, name in (
            (_("N&umber"), self.number, "number"),
            (_("&Title"), self.title, "title"),
            (_("Desc&ription"), self.description, "description"),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
            form.addRow("", self.errors.label_for(name, field))
        save = QPushButton(_("Sa&ve"))
        save.setObjectName("save_area")
        save.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

    def load(self, row: AreaRow) -> None:
        self.errors.clear()
        self.number.setText(row.number)
        self.title.setText(row.title)
        self.description.setPlainText(row.description)

    def save(self) -> None:
        if self.submit is None:
            return
        try:
            self.submit(
                AreaInput(
                    title=self.title.text(),
                    number=self.number.text(),
                    description=self.description.toPlainText(),
                )
            )
        except ValidationError as error:
            self.errors.show(error.fields)
            return
        self.errors.clear()


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
        for widget in (self.empty, self.area_form, self.activity_form):
            self.addWidget(widget)
        self.setMinimumWidth(300)

    def show_nothing(self) -> None:
        self.setCurrentWidget(self.empty)

    def show_area(self, row: AreaRow) -> None:
        self.area_form.load(row)
        self.setCurrentWidget(self.area_form)

    def show_activity(self, row: ActivityRow, history: list[FollowUpRow]) -> None:
        self.activity_form.load(row, history)
        self.setCurrentWidget(self.activity_form)
