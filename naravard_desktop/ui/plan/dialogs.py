"""Small dialogs of the plan page: new plan (with template), new area, new activity, a
follow-up, and moving an activity to another area. Each stays open on a ValidationError with
the message under the field and what was typed kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.i18n import _
from naravard_desktop.services.plan.plan_templates import load_templates
from naravard_desktop.services.plan.read_models import (
    ActivityInput,
    AgendaItemChoice,
    AreaInput,
    AreaRow,
    FollowUpInput,
    PlanInput,
)
from naravard_desktop.ui.form_dialog import FormDialog
from naravard_desktop.ui.forms import (
    DateLineEdit,
    combo_box,
    named,
    read_dates,
    select_data,
    set_choices,
    status_combo,
    text_box,
)


class NewPlanDialog(FormDialog):
    def __init__(self, submit: Callable[[tuple[PlanInput, str]], None], parent: QWidget) -> None:
        super().__init__(_("New plan"), submit, parent, _("Create"))
        year = dt.date.today().year
        example = _("e.g. Local plan {start}–{end}").format(start=year, end=year + 2)
        self.title = named(QLineEdit, "plan_title", placeholderText=example)
        self.template = named(QComboBox, "plan_template")
        for template in load_templates():
            self.template.addItem(template.name, template.key)
            self.template.setItemData(self.template.count() - 1, template.description, 3)
        self.valid_from = DateLineEdit()
        self.valid_to = DateLineEdit()
        self.add_field(_("&Title"), self.title, "title")
        self.add_field(_("Te&mplate"), self.template, "template")
        self.add_field(_("Valid &from"), self.valid_from, "valid_from")
        self.add_field(_("Valid &until"), self.valid_to, "valid_to")

    def build(self) -> tuple[PlanInput, str] | None:
        dates, problems = read_dates({"valid_from": self.valid_from, "valid_to": self.valid_to})
        if problems:
            self.errors.show(problems)
            return None
        start, end = dates["valid_from"], dates["valid_to"]
        return PlanInput(self.title.text(), start, end), str(self.template.currentData())


class AreaDialog(FormDialog):
    """A new area, at the top level or under the area chosen."""

    def __init__(
        self,
        areas: list[AreaRow],
        parent_id: int | None,
        submit: Callable[[tuple[AreaInput, int | None]], None],
        parent: QWidget,
    ) -> None:
        super().__init__(_("New area"), submit, parent, _("Add"))
        self.number = named(
            QLineEdit, "new_area_number", placeholderText=_("As written: 1, 1 a, b)")
        )
        self.title = named(QLineEdit, "new_area_title")
        tops = [(area.label, area.id) for area in areas if area.parent_id is None]
        self.under = combo_box([(_("Top level"), None), *tops], objectName="new_area_under")
        if parent_id is not None:
            select_data(self.under, parent_id)
        self.add_field(_("N&umber"), self.number, "number")
        self.add_field(_("&Title"), self.title, "title")
        self.add_field(_("Un&der"), self.under, "parent")

    def build(self) -> tuple[AreaInput, int | None]:
        return AreaInput(self.title.text(), self.number.text()), self.under.currentData()


class ActivityDialog(FormDialog):
    def __init__(self, submit: Callable[[ActivityInput], None], parent: QWidget) -> None:
        super().__init__(_("New activity"), submit, parent, _("Add"))
        self.title = text_box(3, objectName="new_activity_title")
        self.responsible = named(QLineEdit, "new_activity_responsible")
        self.schedule = named(
            QLineEdit,
            "new_activity_schedule",
            placeholderText=_("Free text, e.g. 2024-12-31, Autumn 2022, Ongoing …"),
        )
        self.add_field(_("&Activity"), self.title, "title")
        self.add_field(_("&Responsible"), self.responsible, "responsible")
        self.add_field(_("&Schedule"), self.schedule, "schedule_text")

    def build(self) -> ActivityInput:
        return ActivityInput(
            title=self.title.toPlainText(),
            responsible=self.responsible.text(),
            schedule_text=self.schedule.text(),
        )


class FollowUpDialog(FormDialog):
    """Date, status, progress, note and optionally the agenda item it was made at;
    `choices_on(date)` gives the agenda items offered for another date when it changes."""

    def __init__(
        self,
        status: ActivityStatus,
        progress: int,
        items: list[AgendaItemChoice],
        submit: Callable[[FollowUpInput], None],
        parent: QWidget,
        choices_on: Callable[[dt.date], list[AgendaItemChoice]] | None = None,
    ) -> None:
        super().__init__(_("Mark a follow-up"), submit, parent, _("Save"))
        self._choices_on = choices_on
        self.on = named(DateLineEdit, "follow_up_date", text=dt.date.today().isoformat())
        self.status = status_combo(objectName="follow_up_status")
        self.status.setCurrentIndex(self.status.findData(status.value))
        self.progress = named(
            QSpinBox, "follow_up_progress", minimum=0, maximum=100, suffix=" %", value=progress
        )
        self.note = text_box(4, objectName="follow_up_note")
        self.item = named(QComboBox, "follow_up_item")
        self._offer(items)
        self.add_field(_("&Date"), self.on, "followed_up_on")
        self.add_field(_("S&tatus"), self.status, "status")
        self.add_field(_("Pro&gress"), self.progress, "progress")
        self.add_field(_("&Note"), self.note, "note")
        self.add_field(_("At &meeting item"), self.item, "agenda_item_id")
        self.on.textChanged.connect(self._offer_items)

    def _offer_items(self) -> None:
        """The meetings up to the date typed; the item chosen stays chosen if still there."""
        day, problem = self.on.date_or_error()
        if self._choices_on is None or problem or day is None:
            return
        chosen = self.item.currentData()
        self._offer(self._choices_on(day))
        select_data(self.item, chosen)

    def _offer(self, items: list[AgendaItemChoice]) -> None:
        set_choices(self.item, [(_("Not at a meeting"), None), *((i.label, i.id) for i in items)])

    def build(self) -> FollowUpInput | None:
        day, problem = self.on.date_or_error()
        if problem or day is None:
            self.errors.show({"followed_up_on": problem or _("Give the date of the follow-up.")})
            return None
        return FollowUpInput(
            followed_up_on=day,
            status=ActivityStatus(self.status.currentData()),
            progress=self.progress.value(),
            note=self.note.toPlainText(),
            agenda_item_id=self.item.currentData(),
        )


class MoveDialog(FormDialog):
    def __init__(
        self, areas: list[AreaRow], current: int, submit: Callable[[int], None], parent: QWidget
    ) -> None:
        super().__init__(_("Move to another area"), submit, parent, _("Move"))
        self.area = named(QComboBox, "move_to_area")
        for area in areas:
            indent = "    " if area.parent_id is not None else ""
            self.area.addItem(indent + area.label, area.id)
        select_data(self.area, current)
        self.add_field(_("&Area"), self.area, "area")

    def build(self) -> int:
        return int(self.area.currentData())
