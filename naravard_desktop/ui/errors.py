"""Errors in the GUI: domain errors as a message box, bugs via an exception hook that logs the
traceback and shows a readable dialog instead of it."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.paths import log_path

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, error: DomainError | str, title: str | None = None) -> None:
    message = error.message if isinstance(error, DomainError) else error
    QMessageBox.warning(parent, title or _("Could not complete"), message)


def unexpected_error_text(error: BaseException) -> str:
    return _(
        "Something unexpected went wrong ({kind}). What you had saved is safe. "
        "If it happens again, send the log file {path} to your support contact."
    ).format(kind=type(error).__name__, path=log_path())


def _hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    log.error("unhandled exception\n%s", "".join(traceback.format_exception(kind, error, tb)))
    if isinstance(error, DomainError):
        text = error.message
    else:
        from naravard_desktop.services.system.database_errors import describe_failure

        # A database or file that failed under the window (a memory stick pulled out, a
        # damaged page): what to do, in the user's language; SQLite's words are in the log.
        text = describe_failure(error) or unexpected_error_text(error)
    if QApplication.instance() is not None:
        QMessageBox.critical(QApplication.activeWindow(), _("Unexpected error"), text)
    else:
        print(text, file=sys.stderr)


def install_exception_hook() -> None:
    sys.excepthook = _hook
