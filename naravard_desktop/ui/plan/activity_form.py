"""The side panel's form for an activity: every field, saved as it is typed (panel_saving.py:
after a pause, when a field or the row is left; Ctrl+Return at once), the due date read from
the schedule or set by hand, a warning bar for an identity number, and the activity's
follow-up history as a timeline."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.db.enums import ActivityStatus, Principal
from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.i18n import _, format_iso_date
from naravard_desktop.services.group.labels import principal_label
from naravard_desktop.services.plan.plan_items import activity_privacy_labels, validate_activity
from naravard_desktop.services.plan.plan_labels import status_label
from naravard_desktop.services.plan.read_models import ActivityInput, ActivityRow, FollowUpRow
from naravard_desktop.services.plan.schedule import ScheduleKind, read_schedule
from naravard_desktop.services.system.privacy import PrivacyWarning
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.forms import (
    DateLineEdit,
    buddy_label,
    combo_box,
    named,
    select_data,
    status_combo,
    text_box,
)
from naravard_desktop.ui.plan.panel_saving import AutosaveForm, set_text, text_of
from naravard_desktop.ui.privacy import BackToEditing, PrivacyBar, select_first_number

PRINCIPALS = (Principal.REGION, Principal.MUNICIPALITY, Principal.JOINT, Principal.OTHER)


class ActivityForm(AutosaveForm):
    """Edits one activity, saved as it is typed. `submit(before, data, reason)` saves (one
    undo step) and returns the stored row; it raises ValidationError, PrivacyWarning (no
    reason given yet) or another DomainError."""

    follow_up_requested = Signal()
    record = "plan_activity"
    text_fields = ("title", "description", "responsible", "schedule_text", "follow_up_method")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = text_box(3, objectName="activity_title")
        self.description = text_box(3, objectName="activity_description")
        self.responsible = named(QLineEdit, "activity_responsible")
        self.principal = combo_box(
            [(_("Not given"), None), *((principal_label(p), p.value) for p in PRINCIPALS)],
            objectName="activity_principal",
        )
        self.schedule = named(
            QLineEdit,
            "activity_schedule",
            placeholderText=_("Free text, e.g. 2024-12-31, Autumn 2022, Ongoing …"),
        )
        self.derived = named(QLabel, "derived_due", styleSheet="color: #5a5a5a;")
        self.override = QCheckBox(_("Set the due date &by hand"))
        self.due = named(DateLineEdit, "activity_due")
        self.status = status_combo(objectName="activity_status")
        self.progress = named(QSpinBox, "activity_progress", minimum=0, maximum=100, suffix=" %")
        self.follow_up_method = text_box(2, objectName="activity_follow_up_method")
        # The free-text fields by name, all checked for identity numbers.
        self.texts = {
            "title": self.title,
            "description": self.description,
            "responsible": self.responsible,
            "schedule_text": self.schedule,
            "follow_up_method": self.follow_up_method,
        }
        self.privacy = PrivacyBar()  # laid out for the narrow panel by panel.py
        self.privacy.setObjectName("activity_privacy_bar")
        self.privacy.show_requested.connect(self._show_number)
        self.privacy.override_requested.connect(self._save_anyway)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(form, _("&Activity"), self.title, "title")
        self._row(form, _("&Description"), self.description, "description")
        form.addRow(self.privacy)  # the panel's whole width
        self._row(form, _("&Responsible"), self.responsible, "responsible")
        self._row(form, _("Pri&ncipal"), self.principal, "responsible_principal")
        self._row(form, _("&Schedule"), self.schedule, "schedule_text")
        form.addRow("", self.derived)
        # The box and the date on rows of their own: side by side the narrow panel cut
        # both off ("Sätt slutdatum ·", "25-13-45").
        form.addRow(_("Due date"), self.override)
        form.addRow("", self.due)
        form.addRow("", self.error_label("due_date", self.due))
        self._row(form, _("S&tatus"), self.status, "status")
        self._row(form, _("Pro&gress"), self.progress, "progress")
        self._row(form, _("Follow-&up method"), self.follow_up_method, "follow_up_method")

        self.state_label.setToolTip(
            _("Changes are saved as you type; Ctrl+Return saves at once. Undo with Ctrl+Z.")
        )
        self.follow_button = named(QPushButton, "mark_follow_up", _("Mar&k a follow-up…"))
        self.follow_button.clicked.connect(self.follow_up_requested.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.follow_button)
        buttons.addStretch(1)
        buttons.addWidget(self.state_label)

        self.history = named(QListWidget, "follow_up_history", wordWrap=True)
        history_label = buddy_label(_("Follow-up histor&y"), self.history)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(history_label)
        layout.addWidget(self.history, 1)

        self.schedule.textChanged.connect(self._show_derived)
        self.override.toggled.connect(self._override_toggled)
        for name, field in self.texts.items():
            self.watch(name, field, field.textChanged)
        for name, widget, signal in (
            ("responsible_principal", self.principal, self.principal.currentIndexChanged),
            ("due_date", self.override, self.override.toggled),
            ("due_date", self.due, self.due.textChanged),
            ("status", self.status, self.status.currentIndexChanged),
            ("progress", self.progress, self.progress.valueChanged),
        ):
            self.watch(name, widget, signal)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

    def _row(self, form: QFormLayout, text: str, field: QWidget, name: str) -> None:
        form.addRow(buddy_label(text, field), field)
        form.addRow("", self.error_label(name, field))

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
        if on and not self.due.text() and not self._loading:
            self.due.set_date(read_schedule(self.schedule.text()).due)

    def _show_number(self) -> None:
        widgets = self.texts
        warned = list(self.privacy.warning.matches) if self.privacy.warning else []
        for name in [*warned, *(n for n in widgets if n not in warned)]:
            if name in widgets and select_first_number(widgets[name]):
                return

    # --- the fields as raw values ---------------------------------------------------------

    def raw(self) -> dict[str, object]:
        override = self.override.isChecked()
        return {
            **{name: text_of(field) for name, field in self.texts.items()},
            "responsible_principal": self.principal.currentData(),
            "due_date": (True, self.due.text().strip()) if override else (False, ""),
            "status": self.status.currentData(),
            "progress": self.progress.value(),
        }

    def raw_of(self, row: ActivityRow | ActivityInput) -> dict[str, object]:
        due = row.due_date.isoformat() if row.due_date_overridden and row.due_date else ""
        principal = row.responsible_principal
        return {
            **{name: getattr(row, name) for name in self.texts},
            "responsible_principal": principal.value if principal else None,
            "due_date": (row.due_date_overridden, due),
            "status": row.status.value,
            "progress": row.progress,
        }

    def set_raw(self, name: str, value: object) -> None:
        if name in self.texts:
            set_text(self.texts[name], str(value))
            if name == "schedule_text":
                self._show_derived(str(value))
        elif name == "responsible_principal":
            select_data(self.principal, value)
        elif name == "status":
            select_data(self.status, value)
        elif name == "progress":
            self.progress.setValue(int(str(value)))
        elif name == "due_date" and isinstance(value, tuple):
            on, text = value
            self.override.setChecked(bool(on))
            self.due.setText(str(text))
            self.due.setEnabled(bool(on))

    def load(self, row: ActivityRow, history: list[FollowUpRow] | None = None) -> None:
        super().load(row)
        if not self.pending:
            self.privacy.clear()
        if history is None:
            return
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

    # --- saving ---------------------------------------------------------------------------

    def collect(self) -> tuple[ActivityInput, dict[str, str]]:
        """What the fields hold, and the messages of those that cannot be saved as they are
        (their stored value stands in for them)."""
        base = self.row.as_input()
        errors: dict[str, str] = {}
        due, problem = self.due.date_or_error()
        override = self.override.isChecked()
        principal = self.principal.currentData()
        data = ActivityInput(
            title=self.title.toPlainText(),
            description=self.description.toPlainText(),
            responsible=self.responsible.text(),
            responsible_principal=Principal(principal) if principal else None,
            schedule_text=self.schedule.text(),
            due_date=due if override else None,
            due_date_overridden=override,
            status=ActivityStatus(self.status.currentData()),
            progress=self.progress.value(),
            follow_up_method=self.follow_up_method.toPlainText(),
        )
        if override and problem:
            errors["due_date"] = problem
            data = replace(
                data, due_date=base.due_date, due_date_overridden=base.due_date_overridden
            )
        try:
            validate_activity(data)
        except ValidationError as error:
            errors.update(error.fields)
            kept = {name: getattr(base, name) for name in error.fields if hasattr(base, name)}
            data = replace(data, **kept)
        return data, errors

    def _save(self, interactive: bool) -> bool:
        before: ActivityRow = self.row
        data, errors = self.collect()
        held = dict(errors)
        try:
            if not same_activity(data, before.as_input()):
                saved = self.submit_or_hold(before, data, interactive, held)
            else:
                saved = before
        except BackToEditing:
            self.show_errors(errors)
            return False
        except ValidationError as error:
            self.show_errors({**errors, **error.fields})
            return False
        except DomainError as error:
            show_error(self, error)
            return False
        self.row = saved
        sent = self.raw_of(normalized(data))
        came = self.raw_of(saved)
        # Changes made elsewhere and kept (the question about a stale edit): shown.
        self._loading = True
        try:
            for name, value in came.items():
                if value != sent[name] and name not in held:
                    self.set_raw(name, value)
        finally:
            self._loading = False
        self.show_errors(errors)
        if "privacy" not in held:
            self.privacy.clear()
        return not held

    def privacy_labels(self) -> dict[str, str]:
        return activity_privacy_labels()

    def same(self, one: ActivityInput, other: ActivityInput) -> bool:
        return same_activity(one, other)

    def hold_back(self, warning: PrivacyWarning, held: dict[str, str]) -> None:
        """The warning bar above the fields, and the form not saved while it shows."""
        self.privacy.warn(warning, activity_privacy_labels())
        held["privacy"] = warning.message
        super().hold_back(warning, held)

    def problems(self) -> list[str]:
        found = super().problems()
        if self.privacy.warning is not None:
            found.append(_("The text seems to contain a personal identity number."))
        return found

    def _save_anyway(self) -> None:
        """'Spara ändå…' on the warning bar: the reason, then the text as it is now."""
        self._reason_first = True
        try:
            self.save()
        finally:
            self._reason_first = False

    def save(self) -> None:
        """Ctrl+Return: save now (an identity number is asked about)."""
        if not self.pending and self.privacy.warning is None:
            return
        self.pending = True
        self.flush(interactive=True)


def normalized(data: ActivityInput) -> ActivityInput:
    """Cleaned as the services store it; the due date only when it is set by hand."""
    try:
        cleaned = validate_activity(data)
    except ValidationError:
        cleaned = data
    return replace(cleaned, due_date=cleaned.due_date if cleaned.due_date_overridden else None)


def same_activity(one: ActivityInput, other: ActivityInput) -> bool:
    return normalized(one) == normalized(other)
