"""The group switch for a secretary's own login on a region's server (issue 16, point 5):
row-level security decides which groups there are to switch to, open with --group, or count
for the action; the server's owner sees them all. PostgreSQL only (login roles of the test's
own on the throwaway cluster)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid
from sqlalchemy import make_url, text

from naravard_desktop.errors import NotFoundError
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData, GroupInput
from naravard_desktop.services.system import access
from naravard_desktop.services.system.database import Database, open_database
from naravard_desktop.ui.group.switch_dialog import SwitchGroupDialog
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.startup import choose_group
from naravard_desktop.ui.window_host import WindowHost
from tests.server_databases import Server, server_fixture  # noqa: F401 (fixture)

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User

Start = Callable[[], tuple[Database, MainWindow]]


@pytest.fixture
def three(db: Database) -> list[GroupData]:
    names = ("Samverkan Norrby", "Samverkan Söderby", "Samverkan Österby")
    return [groups.create_group(db, GroupInput(name=name)) for name in names]


@pytest.fixture
def clerk_url(db: Database, server: Server) -> Iterator[str]:
    """A secretary's login role without rights of its own: the URL it opens the app with."""
    url = server.login_role(db.url)
    yield url
    with db.engine.begin() as connection:  # its grants here, or the role cannot be dropped
        connection.execute(text(f'DROP OWNED BY "{make_url(url).username}"'))


@pytest.fixture
def start_as_clerk(clerk_url: str, settings: QSettings, user: User) -> Iterator[Start]:
    """Starts the app as the secretary does, once the test has granted their groups: their
    own connection, the window on the first group they may open."""
    started: list[tuple[Database, MainWindow]] = []

    def start() -> tuple[Database, MainWindow]:
        clerk = open_database(clerk_url)
        group = choose_group(clerk, settings)
        assert group is not None
        window = WindowHost(clerk, None, settings).show(group)
        user.activate(window)
        started.append((clerk, window))
        return clerk, window

    yield start
    for clerk, window in started:
        if isValid(window):
            window.hand_over()
        QApplication.sendPostedEvents()
        clerk.dispose()


def grant(db: Database, url: str, *granted: GroupData) -> None:
    for group in granted:
        access.grant(db, make_url(url).username or "", group.id)


def test_the_dialog_lists_only_the_groups_granted(
    db: Database,
    clerk_url: str,
    three: list[GroupData],
    start_as_clerk: Start,
    dialogs: Dialogs,
) -> None:
    grant(db, clerk_url, three[0], three[1])
    _clerk, window = start_as_clerk()
    assert window.switch_group_action.isEnabled()
    seen: list[str] = []

    def look(dialog: SwitchGroupDialog) -> None:
        proxy = dialog.proxy
        seen.extend(str(proxy.index(row, 0).data()) for row in range(proxy.rowCount()))

    dialogs.expect(look)
    window.switch_group_action.trigger()
    dialogs.check()
    assert seen == ["Samverkan Norrby (öppen nu)", "Samverkan Söderby"]


def test_a_group_not_granted_is_refused_at_start_and_in_the_window(
    db: Database,
    clerk_url: str,
    three: list[GroupData],
    start_as_clerk: Start,
    settings: QSettings,
    boxes: Boxes,
) -> None:
    grant(db, clerk_url, three[0], three[1])
    clerk, window = start_as_clerk()
    hidden = three[2]
    with pytest.raises(NotFoundError, match=f"ingen grupp med id {hidden.id} som du får öppna"):
        choose_group(clerk, settings, hidden.id)  # what --group does
    assert not window.request_group(hidden.id)  # a region overview's row, say
    assert str(hidden.id) in boxes.take("warning").text
    assert window.isVisible() and window.group.id == three[0].id


def test_with_one_group_granted_the_switch_is_disabled_though_the_server_has_three(
    db: Database, clerk_url: str, three: list[GroupData], start_as_clerk: Start
) -> None:
    grant(db, clerk_url, three[1])
    _clerk, window = start_as_clerk()
    assert window.group.id == three[1].id
    assert not window.switch_group_action.isEnabled()
    assert groups.count_groups(db) == 3  # the owner's connection sees them all
