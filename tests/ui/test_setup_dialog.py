"""First start: the set-up dialog creates the group, keeps what was typed on an error, and
takes a logo."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from naravard_desktop.i18n import _
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.group.setup_dialog import SetupDialog
from naravard_desktop.ui.startup import choose_group

if TYPE_CHECKING:
    from tests.ui.conftest import Dialogs, User

NAME = "Lokal samverkansgrupp Bergsjö"
NAME_REQUIRED = _("{field} must be filled in.").format(field=_("The group's name"))


def error_label(dialog: QDialog, field: str) -> QLabel:
    label = dialog.findChild(QLabel, f"error_{field}")
    assert label is not None, field
    return label


def create_button(dialog: SetupDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


@pytest.fixture
def png(tmp_path: Path) -> Path:
    image = QImage(60, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a7f62"))
    path = tmp_path / "logo.png"
    assert image.save(str(path), "PNG")
    return path


@pytest.fixture
def dialog(qtbot: QtBot, db: Database) -> SetupDialog:
    """The set-up dialog shown without its own event loop, for looking at the form."""
    widget = SetupDialog(db)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_first_start_asks_for_the_group_and_keeps_what_was_typed_on_an_error(
    qtbot: QtBot, db: Database, settings: QSettings, dialogs: Dialogs, user: User
) -> None:
    seen: dict[str, object] = {}

    def fill_in(dialog: SetupDialog) -> None:
        assert isinstance(dialog, SetupDialog)
        form = dialog.form
        qtbot.waitUntil(form.name.hasFocus)  # the name field is where typing starts
        user.type(form.municipality, "Bergsjö kommun")
        user.type(form.region, "Region Mittland")

        # Enter with no name: the message appears under the name, nothing is lost.
        user.press(form.name, Qt.Key.Key_Return)
        seen["error_visible"] = error_label(dialog, "name").isVisible()
        seen["error_text"] = error_label(dialog, "name").text()
        seen["still_open"] = dialog.isVisible()
        seen["kept"] = (form.municipality.text(), form.region.text())
        seen["groups_after_error"] = groups.list_groups(db)
        seen["focus_on_name"] = form.name.hasFocus()

        user.type(form.name, NAME)
        qtbot.mouseClick(create_button(dialog), Qt.MouseButton.LeftButton)

    dialogs.expect(fill_in)
    group = choose_group(db, settings)
    dialogs.check()

    assert seen == {
        "error_visible": True,
        "error_text": NAME_REQUIRED,
        "still_open": True,
        "kept": ("Bergsjö kommun", "Region Mittland"),
        "groups_after_error": [],
        "focus_on_name": True,
    }
    assert group is not None
    assert (group.name, group.municipality, group.region) == (
        NAME,
        "Bergsjö kommun",
        "Region Mittland",
    )
    assert groups.list_groups(db) == [group]
    assert int(str(settings.value("group_id"))) == group.id


def test_escape_on_first_start_creates_nothing(
    db: Database, settings: QSettings, dialogs: Dialogs, user: User
) -> None:
    def type_and_escape(dialog: SetupDialog) -> None:
        user.type(dialog.form.name, "Halvfärdig")
        user.press(dialog.form.name, Qt.Key.Key_Escape)

    dialogs.expect(type_and_escape)
    assert choose_group(db, settings) is None
    dialogs.check()
    assert groups.list_groups(db) == []
    assert settings.value("group_id") is None


def test_an_existing_group_opens_without_the_dialog(
    db: Database, settings: QSettings, dialogs: Dialogs
) -> None:
    first = groups.create_group(db, GroupInput(name="A-gruppen"))
    second = groups.create_group(db, GroupInput(name="Ö-gruppen"))

    assert choose_group(db, settings) == first
    settings.setValue("group_id", second.id)
    assert choose_group(db, settings) == second
    settings.setValue("group_id", 9999)  # a group since removed
    assert choose_group(db, settings) == first
    dialogs.check()  # no dialog opened


def test_create_button_says_what_it_does(dialog: SetupDialog) -> None:
    assert create_button(dialog).text() == _("Create group")
    assert dialog.windowTitle() == _("Set up your collaboration group")


def test_the_logo_is_previewed_and_stored(
    qtbot: QtBot, db: Database, dialog: SetupDialog, png: Path, user: User
) -> None:
    form = dialog.form
    assert form.logo_preview.text() == _("No logo")
    assert not form.remove_logo.isEnabled()

    form.load_logo_file(png)

    assert not form.logo_preview.pixmap().isNull()
    assert form.remove_logo.isEnabled()
    assert not error_label(dialog, "logo").isVisible()

    user.type(form.name, NAME)
    qtbot.mouseClick(create_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.created is not None
    stored = groups.get_group(db, dialog.created.id)
    assert stored.logo == png.read_bytes()
    assert stored.logo_mime == "image/png"


def test_remove_logo_button_clears_it(qtbot: QtBot, dialog: SetupDialog, png: Path) -> None:
    dialog.form.load_logo_file(png)
    qtbot.mouseClick(dialog.form.remove_logo, Qt.MouseButton.LeftButton)
    assert dialog.form.logo_preview.text() == _("No logo")
    assert dialog.form.value().logo is None


def test_a_file_that_is_not_an_image_is_refused_at_once(
    qtbot: QtBot, db: Database, dialog: SetupDialog, png: Path, tmp_path: Path, user: User
) -> None:
    form = dialog.form
    form.load_logo_file(png)
    text_file = tmp_path / "protokoll.png"
    text_file.write_text("Detta är ingen bild.", encoding="utf-8")

    form.load_logo_file(text_file)

    label = error_label(dialog, "logo")
    assert label.isVisible()
    assert label.text() == _("Choose a PNG or JPEG image as the logo.")
    assert dialog.isVisible()
    assert form.value().logo == png.read_bytes()  # the logo chosen before is kept

    # The group can still be created, with the good logo; the message goes away.
    user.type(form.name, NAME)
    qtbot.mouseClick(create_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.created is not None
    assert groups.get_group(db, dialog.created.id).logo == png.read_bytes()


def test_a_missing_logo_file_is_explained(dialog: SetupDialog, tmp_path: Path) -> None:
    missing = tmp_path / "borta.png"
    dialog.form.load_logo_file(missing)
    label = error_label(dialog, "logo")
    assert label.isVisible()
    assert str(missing) in label.text()
    assert dialog.form.value().logo is None


def test_a_good_logo_after_a_bad_file_clears_the_message(
    dialog: SetupDialog, png: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"GIF89a not what we take")
    dialog.form.load_logo_file(bad)
    assert error_label(dialog, "logo").isVisible()
    dialog.form.load_logo_file(png)
    assert not error_label(dialog, "logo").isVisible()
    assert dialog.form.value().logo == png.read_bytes()
