"""Domain errors: each carries a sentence, already translated, that a user can act on.

Raised by db and services, shown by the GUI in a dialog or next to a field, and printed by the
CLI as one line. Never a traceback.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a user should read; `str(error)` is the message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    """Bad input. `fields` maps a field name to what is wrong with it, for display beside it."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__(" ".join(fields.values()))
        self.fields = dict(fields)


class NotFoundError(DomainError):
    pass


class StaleEditError(DomainError):
    """Someone else saved the same row first; nothing was overwritten."""


class TextConflictError(StaleEditError):
    """An autosaved text (notes, decision) was saved by someone else since the user's text was
    based on it; nothing was saved. Carries the stored text (`theirs`) and the item's
    `version`, to merge against and save over knowingly."""

    def __init__(self, message: str, field: str, theirs: str, version: int) -> None:
        super().__init__(message)
        self.field = field
        self.theirs = theirs
        self.version = version


class DatabaseFileError(DomainError):
    """The file is missing, not a database, damaged or locked."""


class ServerUnavailableError(DatabaseFileError):
    """The database server could not be reached or refused the connection (it may be back in
    a moment: the window offers to try again)."""


class SchemaTooNewError(DatabaseFileError):
    """The database was written by a newer version of the app."""
