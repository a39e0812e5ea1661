"""The fields of a group (name, municipality, region, logo), shared by dialog and page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.db.enums import ParagraphNumbering
from naravard_desktop.i18n import _
from naravard_desktop.services.group.groups import MAX_LOGO_BYTES, logo_mime_type
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.ui.file_dialogs import open_file_name
from naravard_desktop.ui.form_dialog import add_form_row
from naravard_desktop.ui.forms import FieldErrors, combo_box, named, select_data

LOGO_PREVIEW = 72


class GroupForm(QWidget):
    """Edits a GroupInput; keeps what is typed until the caller replaces it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, with_protocol: bool = False) -> None:
        super().__init__(parent)
        self.errors = FieldErrors()
        self._logo: bytes | None = None

        self.name = named(
            QLineEdit, "group_name", placeholderText=_("e.g. Lokal samverkansgrupp Bergsjö")
        )
        self.municipality = named(
            QLineEdit, "group_municipality", placeholderText=_("e.g. Bergsjö kommun")
        )
        self.region = named(QLineEdit, "group_region", placeholderText=_("e.g. Region Mittland"))

        self.logo_preview = named(
            QLabel,
            "logo_preview",
            _("No logo"),
            alignment=Qt.AlignmentFlag.AlignCenter,
            styleSheet="border: 1px solid palette(mid);",
        )
        self.logo_preview.setFixedSize(LOGO_PREVIEW * 2, LOGO_PREVIEW)
        self.choose_logo = QPushButton(_("Choose &logo…"))
        self.remove_logo = QPushButton(_("Remove logo"))
        self.choose_logo.clicked.connect(self._choose_logo)
        self.remove_logo.clicked.connect(lambda: self.set_logo(None))
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.choose_logo)
        logo_buttons.addWidget(self.remove_logo)
        logo_buttons.addStretch()
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch()

        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._add_row(layout, _("&Name of the group:"), "name", self.name)
        self._add_row(layout, _("M&unicipality:"), "municipality", self.municipality)
        self._add_row(layout, _("&Region:"), "region", self.region)
        logo_holder = QWidget()
        logo_holder.setLayout(logo_row)
        self._add_row(layout, _("Logo (optional):"), "logo", logo_holder)

        numberings = [
            (_("Continuous through the calendar year"), ParagraphNumbering.PER_YEAR),
            (_("Restart at § 1 in every meeting"), ParagraphNumbering.PER_MEETING),
        ]
        self.numbering = combo_box(numberings, objectName="paragraph_numbering")
        languages = [("Svenska", "sv"), ("English", "en")]
        self.language = combo_box(languages, objectName="protocol_language")
        if with_protocol:
            self._add_row(
                layout, _("Paragraph num&bers (§):"), "paragraph_numbering", self.numbering
            )
            self._add_row(layout, _("Protocol lan&guage:"), "protocol_language", self.language)

        for edit in (self.name, self.municipality, self.region):
            edit.textEdited.connect(self.changed)
        self.numbering.currentIndexChanged.connect(self.changed)
        self.language.currentIndexChanged.connect(self.changed)
        self._update_logo_preview()

    def _add_row(self, layout: QFormLayout, label: str, name: str, field: QWidget) -> None:
        add_form_row(layout, label, field, self.errors.label_for(name, field))

    def set_input(self, data: GroupInput) -> None:
        self.name.setText(data.name)
        self.municipality.setText(data.municipality)
        self.region.setText(data.region)
        select_data(self.numbering, data.paragraph_numbering)
        select_data(self.language, data.protocol_language)
        self.set_logo(data.logo, notify=False)
        self.errors.clear()

    def value(self) -> GroupInput:
        return GroupInput(
            name=self.name.text(),
            municipality=self.municipality.text(),
            region=self.region.text(),
            logo=self._logo,
            paragraph_numbering=self.numbering.currentData(),
            protocol_language=self.language.currentData(),
        )

    def set_logo(self, data: bytes | None, *, notify: bool = True) -> None:
        self._logo = data
        self._update_logo_preview()
        if notify:
            self.changed.emit()

    def load_logo_file(self, path: Path) -> None:
        """Take the image as the logo, or say at once why not and keep the logo there was."""
        try:
            data = path.read_bytes()
        except OSError as error:
            self.errors.show(
                {
                    "logo": _(
                        "Cannot read {path}: {reason}. Check that the file is there and that you "
                        "may open it."
                    ).format(path=path, reason=error.strerror)
                }
            )
            return
        # The same checks as on saving, so a wrong file is not found out only then.
        if logo_mime_type(data) is None:
            self.errors.show({"logo": _("Choose a PNG or JPEG image as the logo.")})
            return
        if len(data) > MAX_LOGO_BYTES:
            self.errors.show(
                {"logo": _("The logo image is too large (at most 2 MB). Choose a smaller image.")}
            )
            return
        if self.errors.text("logo"):
            self.errors.clear()
        self.set_logo(data)

    def _choose_logo(self) -> None:
        name = open_file_name(self, _("Choose logo"), _("Images (*.png *.jpg *.jpeg)"))
        if name:
            self.load_logo_file(Path(name))

    def _update_logo_preview(self) -> None:
        self.remove_logo.setEnabled(self._logo is not None)
        if self._logo is None:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(_("No logo"))
            return
        pixmap = QPixmap()
        if pixmap.loadFromData(self._logo):
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    self.logo_preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(_("Not an image"))
