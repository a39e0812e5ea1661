"""The group's SIP settings: indicators (add, rename, hide), units and target groups, the kind
of period and the small-number limit. Each change is saved at once; nothing is deleted, so
values recorded under a hidden indicator or unit come back when it is shown again."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.db.enums import CategoryKind, PeriodKind
from naravard_desktop.errors import DomainError, StaleEditError
from naravard_desktop.i18n import _
from naravard_desktop.services.sip import sip_setup
from naravard_desktop.services.sip.read_models import CategoryRow, IndicatorRow
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.accessible_names import name_unnamed
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.forms import named
from naravard_desktop.ui.sip.period_dialog import period_kind_box

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SipSetupDialog(QDialog):
    def __init__(self, db: Database, group_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.group_id = group_id
        self.setWindowTitle(_("SIP settings"))
        self.resize(620, 480)
        self.indicators = named(QListWidget, "setup_indicators", accessibleName=_("Indicators"))
        self.units = named(QListWidget, "setup_units")
        self.targets = named(QListWidget, "setup_targets")
        tabs = QTabWidget()
        tabs.addTab(
            self._list_tab(
                self.indicators, self.add_indicator, self.rename_indicator, self.toggle_indicator
            ),
            _("&Indicators"),
        )
        tabs.addTab(
            self._list_tab(
                self.units,
                lambda: self.add_category(CategoryKind.UNIT),
                lambda: self.rename_category(self.units),
                lambda: self.toggle_category(self.units),
            ),
            _("&Units"),
        )
        tabs.addTab(
            self._list_tab(
                self.targets,
                lambda: self.add_category(CategoryKind.TARGET_GROUP),
                lambda: self.rename_category(self.targets),
                lambda: self.toggle_category(self.targets),
            ),
            _("&Target groups"),
        )
        self.kind = period_kind_box(objectName="setup_period_kind")
        self.threshold = named(
            QSpinBox, "setup_threshold", minimum=2, maximum=sip_setup.SUPPRESS_LIMIT
        )
        form = QFormLayout()
        form.addRow(_("New periods are &counted per"), self.kind)
        form.addRow(_("Hide counts &below"), self.threshold)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        name_unnamed(tabs)  # named by its tabs' titles
        layout.addLayout(form)
        layout.addWidget(
            QLabel(_("Hidden rows and columns keep their counts; show them again to see them."))
        )
        layout.addWidget(buttons)
        self.reload()
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.threshold.valueChanged.connect(self._threshold_chosen)

    def _list_tab(
        self,
        listing: QListWidget,
        add: Callable[[], None],
        rename: Callable[[], None],
        toggle: Callable[[], None],
    ) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        row.addWidget(listing, 1)
        column = QVBoxLayout()
        for text, slot in (
            (_("&Add…"), add),
            (_("&Rename…"), rename),
            (_("&Hide or show"), toggle),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            column.addWidget(button)
        column.addStretch(1)
        row.addLayout(column)
        return page

    def reload(self) -> None:
        setup = sip_setup.get_setup(self.db, self.group_id)
        hidden = _(" (hidden)")
        self.indicators.clear()
        for indicator in setup.indicators:
            indent = "    " if indicator.parent_id is not None else ""
            item = QListWidgetItem(indent + indicator.name + (hidden if indicator.hidden else ""))
            item.setData(ID_ROLE, indicator.id)
            item.setToolTip(indicator.help)
            self.indicators.addItem(item)
        for listing, rows in ((self.units, setup.units), (self.targets, setup.target_groups)):
            listing.clear()
            for category in rows:
                item = QListWidgetItem(category.name + (hidden if category.hidden else ""))
                item.setData(ID_ROLE, category.id)
                listing.addItem(item)
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(list(PeriodKind).index(setup.period_kind))
        self.kind.blockSignals(False)
        self.threshold.blockSignals(True)
        self.threshold.setValue(setup.suppress_below)
        self.threshold.blockSignals(False)
        self.setup = setup

    def _run(self, action: Callable[[], object]) -> DomainError | None:
        """Save, then show the set-up as stored; the refusal, when there was one, is shown
        and returned."""
        refusal: DomainError | None = None
        try:
            action()
        except DomainError as error:
            show_error(self, error)
            refusal = error
        self.reload()
        return refusal

    def _rename(self, title: str, label: str, text: str, save: Callable[[str], object]) -> None:
        """Ask for a new name and save it. When the row was changed elsewhere meanwhile the
        list shows it as stored now and the name is asked again as typed, so nothing typed
        is lost and nothing stored is overwritten unseen."""
        while True:
            text, ok = QInputDialog.getText(self, title, label, text=text)
            if not ok or not isinstance(self._run(partial(save, text)), StaleEditError):
                return

    def _selected(self, listing: QListWidget) -> int | None:
        item = listing.currentItem()
        return None if item is None else int(item.data(ID_ROLE))

    def _indicator(self, indicator_id: int | None) -> IndicatorRow | None:
        """The indicator as shown now (its version is what a change names)."""
        return next((i for i in self.setup.indicators if i.id == indicator_id), None)

    def add_indicator(self) -> None:
        name, ok = QInputDialog.getText(self, _("New indicator"), _("Swedish name"))
        if ok:
            self._run(lambda: sip_setup.add_indicator(self.db, self.group_id, name))

    def rename_indicator(self) -> None:
        chosen = self._selected(self.indicators)
        shown = self._indicator(chosen)
        if shown is None:
            return

        def save(name: str) -> None:
            current = self._indicator(chosen) or shown  # indicators are hidden, never deleted
            sip_setup.rename_indicator(self.db, current.id, name, current.name_en, current.version)

        self._rename(_("Rename indicator"), _("Swedish name"), shown.name_sv, save)

    def toggle_indicator(self) -> None:
        current = self._indicator(self._selected(self.indicators))
        if current is not None:
            self._run(
                lambda: sip_setup.set_indicator_hidden(
                    self.db, current.id, not current.hidden, current.version
                )
            )

    def add_category(self, kind: CategoryKind) -> None:
        title = _("New unit") if kind is CategoryKind.UNIT else _("New target group")
        name, ok = QInputDialog.getText(self, title, _("Name"))
        if ok:
            self._run(lambda: sip_setup.add_category(self.db, self.group_id, kind, name))

    def _category(self, category_id: int | None) -> CategoryRow | None:
        """The unit or target group as shown now."""
        rows = (*self.setup.units, *self.setup.target_groups)
        return next((c for c in rows if c.id == category_id), None)

    def rename_category(self, listing: QListWidget) -> None:
        chosen = self._selected(listing)
        shown = self._category(chosen)
        if shown is None:
            return

        def save(name: str) -> None:
            current = self._category(chosen) or shown  # hidden, never deleted
            sip_setup.rename_category(self.db, current.id, name, current.version)

        self._rename(_("Rename"), _("Name"), shown.name, save)

    def toggle_category(self, listing: QListWidget) -> None:
        current = self._category(self._selected(listing))
        if current is not None:
            self._run(
                lambda: sip_setup.set_category_hidden(
                    self.db, current.id, not current.hidden, current.version
                )
            )

    def _kind_chosen(self) -> None:
        self._run(
            lambda: sip_setup.set_period_kind(
                self.db,
                self.group_id,
                PeriodKind(self.kind.currentData()),
                self.setup.group_version,
            )
        )

    def _threshold_chosen(self) -> None:
        self._run(
            lambda: sip_setup.set_suppress_below(
                self.db, self.group_id, self.threshold.value(), self.setup.group_version
            )
        )
