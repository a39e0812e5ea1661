"""Widgets are built with their Qt properties as keywords (ui/forms.py `named`): each kind
the forms use gets the object name and the properties it was given."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
)

from naravard_desktop.ui.forms import (
    DateLineEdit,
    TimeLineEdit,
    error_label,
    named,
    status_combo,
    text_box,
)


def test_keywords_set_the_properties_they_name(qtbot: object) -> None:
    line = named(QLineEdit, "meeting_place", placeholderText="t.ex. stadshuset")
    assert (line.objectName(), line.placeholderText()) == ("meeting_place", "t.ex. stadshuset")
    spin = named(QSpinBox, "activity_progress", minimum=0, maximum=100, suffix=" %")
    assert (spin.minimum(), spin.maximum(), spin.suffix()) == (0, 100, " %")
    assert spin.objectName() == "activity_progress"
    # Set in the order given: the range first, so a value beyond the default 0–99 stays.
    year = named(QSpinBox, "export_year", minimum=2000, maximum=2100, value=2026)
    assert year.value() == 2026
    listing = named(QListWidget, "setup_indicators", wordWrap=True)
    assert listing.objectName() == "setup_indicators" and listing.wordWrap()
    assert named(QComboBox, "member_role").objectName() == "member_role"
    button = named(QPushButton, "mark_follow_up", "Mar&kera")
    assert (button.objectName(), button.text()) == ("mark_follow_up", "Mar&kera")
    box = named(QCheckBox, "plan_filter_overdue", "Bara &försenade")
    assert (box.objectName(), box.text()) == ("plan_filter_overdue", "Bara &försenade")
    label = named(QLabel, "derived_due", styleSheet="color: #5a5a5a;", wordWrap=True)
    assert (label.styleSheet(), label.wordWrap()) == ("color: #5a5a5a;", True)


def test_our_own_fields_take_keywords_over_their_defaults(qtbot: object) -> None:
    date = named(DateLineEdit, "member_active_from")
    assert date.objectName() == "member_active_from"
    assert (date.placeholderText(), date.maxLength()) == ("ÅÅÅÅ-MM-DD", 10)
    assert date.isClearButtonEnabled()
    time = named(TimeLineEdit, "meeting_starts", readOnly=True)
    assert (time.objectName(), time.isReadOnly(), time.maxLength()) == ("meeting_starts", True, 12)
    assert named(DateLineEdit, "due", maxLength=12).maxLength() == 12
    assert text_box(2, objectName="activity_note").objectName() == "activity_note"
    assert status_combo(objectName="activity_status").count() > 0


def test_an_error_label_starts_hidden_and_red(qtbot: object) -> None:
    label = error_label("title")
    assert label.objectName() == "error_title"
    assert label.isHidden() and label.wordWrap() and "#b00020" in label.styleSheet()


def test_an_unknown_keyword_is_refused(qtbot: object) -> None:
    with pytest.raises(AttributeError):
        named(QLineEdit, "x", placeholderTxt="typo")


def test_a_signal_keyword_connects_its_slot(qtbot: object) -> None:
    clicks: list[bool] = []
    button = named(QPushButton, "restore_draft", "&Återställ", clicked=lambda: clicks.append(True))
    button.click()
    assert clicks == [True]
