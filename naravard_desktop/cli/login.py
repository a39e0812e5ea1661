"""The commands' login to a database server that asks for a password.

libpq finds a password in .pgpass or the service file by itself, when the URL has none. When
neither has one and the command runs in a terminal, it asks for it (not echoed) and passes it
to the driver beside the URL, so it never reaches a message, the log or the URL; run from a
script, it says where to put the password instead of waiting for one.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from naravard_desktop.errors import DatabaseFileError
from naravard_desktop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from naravard_desktop.services.system.database import Database, PasswordNeededError

MAX_TRIES = 3  # passwords asked for before the command gives up
Opened = TypeVar("Opened")


def open_prompting(target: str | None, **options: Any) -> Database:
    """open_database, asking for the server's password when it wants one."""
    from naravard_desktop.services.system.database import open_database

    return _with_password(lambda password: open_database(target, password=password, **options))


def server_engine(url: str) -> Engine:
    """An engine whose login has been tried (asking for the password when needed), for the
    administrator's commands that work on the server without opening the database."""
    from sqlalchemy.exc import OperationalError

    from naravard_desktop.db.engine import make_engine
    from naravard_desktop.services.system.database import (
        PasswordNeededError,
        asks_for_password,
    )

    def connect(password: str | None) -> Engine:
        engine = make_engine(url, password)
        try:
            engine.connect().close()
        except OperationalError as error:
            engine.dispose()
            if asks_for_password(error):
                raise PasswordNeededError(url, refused=password is not None) from error
            raise
        return engine

    return _with_password(connect)


def _with_password(attempt: Callable[[str | None], Opened]) -> Opened:
    from naravard_desktop.services.system.database import PasswordNeededError

    password: str | None = None
    asked = 0
    while True:
        try:
            return attempt(password)
        except PasswordNeededError as error:
            if asked == MAX_TRIES:
                raise
            asked += 1
            password = _ask(error)


def _ask(error: PasswordNeededError) -> str:
    from naravard_desktop.db.engine import shown_url

    if not sys.stdin.isatty():
        raise DatabaseFileError(
            _(
                "No password for the database server {name} was found, and the command cannot "
                "ask for it (it is not run in a terminal). Put the password in your .pgpass "
                "file or the service file and run the command again."
            ).format(name=shown_url(error.url))
        ) from error
    if error.refused:
        print(error.message, file=sys.stderr)
    prompt = _("Password for {role} on {name}: ").format(
        role=error.role or "?", name=shown_url(error.url)
    )
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise DatabaseFileError(error.message) from error
