"""The first-start tour: four screens on what the program keeps for the group (the plan, the
SIP counts, meetings and protocols, and how the data is kept safe), with Nästa, Tillbaka and
Hoppa över (Escape). Offered once, when the program is started (app.run_gui), not whenever a
window is made: tests and a switch of group make windows too. Hjälp › Rundtur shows it again."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.i18n import N_, _
from naravard_desktop.ui import theme
from naravard_desktop.ui.forms import named

TOUR_SEEN = "help/tour_seen"


class Screen(NamedTuple):
    heading: str
    text: str
    where: str  # where in the window it is done


SCREENS = (
    Screen(
        N_("The local plan"),
        N_(
            "Keep the group's plan here instead of in a Word file: areas, activities with who "
            "is responsible and a schedule, status and progress. Activities past their due date "
            "are marked, and every follow-up is kept with its date. Plans in Excel or Word can "
            "be imported, and the plan saved as PDF or Excel."
        ),
        N_("The page Local plan (Ctrl+2)."),
    ),
    Screen(
        N_("SIP counts"),
        N_(
            "Type the number of coordinated individual plans per period, unit and target group "
            "as in a spreadsheet. The program checks that the counts agree, compares them with "
            "the year before and can hide small numbers in exports. Only counts are kept: never "
            "anything about a person."
        ),
        N_("The page SIP follow-up (Ctrl+3)."),
    ),
    Screen(
        N_("Meetings and protocols"),
        N_(
            "Write the agenda, take notes and decisions per item during the meeting, note who "
            "attends and the action items. The notice and the protocol come out as PDF or Word, "
            "can be sent as an e-mail draft, and are approved and locked when the adjusters "
            "have read them. Every decision can be found again."
        ),
        N_("The page Meetings (Ctrl+4); Ctrl+N makes a new meeting."),
    ),
    Screen(
        N_("Your data is kept safe"),
        N_(
            "Everything is kept in a database on this computer. Notes and the plan are saved "
            "as you type, and text typed just before a crash is offered back. A backup is "
            "made every day, and you can make one to a USB stick yourself. An approved "
            "protocol is locked. Ctrl+Z undoes a change; F1 shows the guide of every page."
        ),
        N_("File › Back up to… and Restore from backup…; Help › Keyboard shortcuts."),
    ),
)


class TourDialog(QDialog):
    """The screens one at a time; Enter goes on, Escape skips the rest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tour_dialog")
        self.setWindowTitle(_("Welcome to naravard-desktop"))
        # Room for the longest screen's wrapped text in either language (a stack of
        # word-wrapped labels does not ask for the height its text needs).
        self.setMinimumSize(600, 380)
        self.pages = QStackedWidget()
        for number in range(len(SCREENS)):
            self.pages.addWidget(_screen_widget(number))
        self.step_label = named(QLabel, "tour_step")
        self.back_button = named(QPushButton, "tour_back", _("&Back"), autoDefault=False)
        self.skip_button = named(QPushButton, "tour_skip", _("&Skip the tour"), autoDefault=False)
        self.next_button = named(QPushButton, "tour_next", default=True)
        self.back_button.clicked.connect(lambda: self.go(self.step - 1))
        self.skip_button.clicked.connect(self.reject)
        self.next_button.clicked.connect(self._next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.step_label)
        buttons.addStretch(1)
        for button in (self.skip_button, self.back_button, self.next_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.go(0)

    @property
    def step(self) -> int:
        return self.pages.currentIndex()

    def go(self, step: int) -> None:
        self.pages.setCurrentIndex(max(0, min(step, len(SCREENS) - 1)))
        last = self.step == len(SCREENS) - 1
        self.back_button.setEnabled(self.step > 0)
        self.next_button.setText(_("&Get started") if last else _("&Next"))
        self.skip_button.setVisible(not last)
        self.step_label.setText(
            _("Step {number} of {count}").format(number=self.step + 1, count=len(SCREENS))
        )
        self.next_button.setFocus()

    def _next(self) -> None:
        if self.step == len(SCREENS) - 1:
            self.accept()
        else:
            self.go(self.step + 1)


def _screen_widget(number: int) -> QWidget:
    # Sizes from the system's font, so they grow with the size the user chose. The texts are
    # taken through SCREENS itself, so the extractor sees each is marked.
    heading_text, body, where_text = [_(part) for part in SCREENS[number]]
    heading = theme.heading(QLabel(heading_text))
    heading.setWordWrap(True)
    text = QLabel(body)
    text.setWordWrap(True)
    theme.larger(text, 1.15)
    where = QLabel(where_text)
    where.setWordWrap(True)
    theme.larger(where, 1.0, bold=True)
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(12)
    layout.addWidget(heading)
    layout.addWidget(text)
    layout.addWidget(where)
    layout.addStretch(1)
    for label in (heading, text, where):
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


def show_tour(parent: QWidget) -> TourDialog:
    """Opens the tour over `parent` without blocking (it is modal to the window)."""
    tour = TourDialog(parent)
    tour.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    tour.open()
    return tour


def offer_tour_once(parent: QWidget, settings: QSettings) -> TourDialog | None:
    """The tour on the program's first start, remembered as soon as it is shown, so a
    crash or a second window never shows it again."""
    if settings.value(TOUR_SEEN, False, type=bool):
        return None
    settings.setValue(TOUR_SEEN, True)
    settings.sync()
    return show_tour(parent)
