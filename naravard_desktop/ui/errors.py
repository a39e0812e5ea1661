"""Errors in the GUI: domain errors as a message box, a lost database server as a question
with Försök igen, bugs via an exception hook that logs the traceback and shows a readable
dialog instead of it."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.paths import log_path
from naravard_desktop.services.system.database_errors import ConnectionLostError
from naravard_desktop.ui import questions

log = logging.getLogger(__name__)


def show_error(
    parent: QWidget | None,
    error: DomainError | ConnectionLostError | str,
    title: str | None = None,
) -> None:
    if isinstance(error, ConnectionLostError):
        title = title or _("Connection lost")
    message = error if isinstance(error, str) else error.message
    QMessageBox.warning(parent, title or _("Could not complete"), message)


def run_retrying(parent: QWidget | None, slot: Callable[[], object]) -> None:
    """Run an action; when the database server was lost under it, say so and offer to run
    it again (Försök igen) until it works or the user gives up. An open dialog and the
    drafts keep what was typed meanwhile."""
    while True:
        try:
            slot()
            return
        except ConnectionLostError as error:
            if not ask_retry(parent, error):
                return


def ask_retry(parent: QWidget | None, error: ConnectionLostError) -> bool:
    """The lost connection's message with Försök igen (the default) and Avbryt."""
    box = QMessageBox(parent)
    box.setObjectName("connection_lost")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Connection lost"))
    box.setText(error.message)
    box.setInformativeText(_("What you typed is kept until the change is saved."))
    retry = box.addButton(_("&Try again"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.setEscapeButton(cancel)
    try:
        return questions.run(box) is retry
    finally:
        box.deleteLater()


def unexpected_error_text(error: BaseException) -> str:
    if isinstance(error, ConnectionLostError):
        return error.message
    return _(
        "Something unexpected went wrong ({kind}). What you had saved is safe. "
        "If it happens again, send the log file {path} to your support contact."
    ).format(kind=type(error).__name__, path=log_path())


def _hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    if isinstance(error, ConnectionLostError):
        # Lost under a dialog or a key press outside an action: the dialog is still open
        # with what was typed, so its own button is the way to try again.
        log.warning("database server lost: %s", error.__cause__ or error)
        _show(_("Connection lost"), error.message)
        return
    log.error("unhandled exception\n%s", "".join(traceback.format_exception(kind, error, tb)))
    if isinstance(error, DomainError):
        text = error.message
    else:
        from naravard_desktop.services.system.database_errors import describe_failure

        # A database or file that failed under the window (a memory stick pulled out, a
        # damaged page): what to do, in the user's language; SQLite's words are in the log.
        text = describe_failure(error) or unexpected_error_text(error)
    _show(_("Unexpected error"), text)


def _show(title: str, text: str) -> None:
    if QApplication.instance() is not None:
        QMessageBox.critical(QApplication.activeWindow(), title, text)
    else:
        print(text, file=sys.stderr)


def install_exception_hook() -> None:
    sys.excepthook = _hook
