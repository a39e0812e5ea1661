"""Which database the `db` fixture gives: the SQLite file, or PostgreSQL with --database.

`pytest --database=postgresql` starts one throwaway cluster for the whole run (in the xdist
controller, before the workers start; they find it through POSTGRES_ENV), runs only the
tests that use `db` (or `new_database`, `cli_database`, `module_database`: what a
command-line test passes as --database), and gives each its own database copied from a
migrated template (one template per worker, so copies never wait on each other). A test
marked `sqlite_only`, or one that works on the file through `db_path`, is skipped there
with its reason; one marked
`postgresql_bug` is expected to fail there until the app is fixed. `built_once` and `copy_of`
give a module a database filled once (the demo) and a private copy of it per test, on either.
A test marked `demo(today)` gets, as `db`, a copy of the demo group's database made for that
day (`demo_group` is its group): the demo is built once per worker, day and language, since
building it renders and approves protocols (seconds), and a copy takes milliseconds.
Set POSTGRES_ENV to a server URL yourself to use that server instead of a throwaway cluster.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import itertools
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import make_url

from naravard_desktop import i18n
from naravard_desktop.documents.demo import create_demo
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.system.database import Database, open_database
from tests.postgres_cluster import Cluster, Databases, start_cluster

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
POSTGRES_ENV = "NARAVARD_TEST_POSTGRESQL"
_CLUSTER = pytest.StashKey[Cluster]()
_numbers = itertools.count(1)
# A test using one of these runs on both databases.
DATABASE_FIXTURES = {"db", "new_database", "module_database", "module_demo"}
KEPT_AFTER_TEST = 20  # databases of finished tests kept: 20 to 40 (about 8 MB each)
_finished: collections.deque[str] = collections.deque()
# This worker's demo databases, one per day and language: (what opens it, its group).
_demos: dict[tuple[dt.date, str], tuple[str, GroupData]] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database",
        choices=(SQLITE, POSTGRESQL),
        default=SQLITE,
        help="database behind the db fixture: a SQLite file (default) or a throwaway "
        "PostgreSQL cluster (only the tests using db run)",
    )


def on_postgresql(config: pytest.Config) -> bool:
    return bool(config.getoption("--database") == POSTGRESQL)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "demo(today=None): `db` holds the demo group as create_demo(db, today) makes it "
        "(today: the day it is made for, default the real today); `demo_group` is its group",
    )
    config.addinivalue_line(
        "markers",
        "postgresql_bug(reason): a known bug of the app on PostgreSQL; the test is expected "
        "to fail there (xfail) until it is fixed",
    )
    if not on_postgresql(config) or hasattr(config, "workerinput"):
        return  # an xdist worker uses the controller's cluster
    if os.environ.get(POSTGRES_ENV):
        return  # a server given by the caller
    try:
        cluster = start_cluster()
    except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
        output = getattr(error, "stderr", "") or ""
        raise pytest.UsageError(
            f"Could not start PostgreSQL for the tests: {error}\n{output}"
        ) from error
    config.stash[_CLUSTER] = cluster
    os.environ[POSTGRES_ENV] = cluster.url


def pytest_unconfigure(config: pytest.Config) -> None:
    cluster = config.stash.get(_CLUSTER, None)
    if cluster is not None:
        os.environ.pop(POSTGRES_ENV, None)
        cluster.stop()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not on_postgresql(config):
        return
    kept, other = [], []
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))
        (kept if uses & DATABASE_FIXTURES and not _other_language(item) else other).append(item)
    if other:
        config.hook.pytest_deselected(items=other)
        items[:] = kept
    for item in kept:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.args[0] if marker.args else "needs the SQLite file"
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))
        elif "db_path" in item.fixturenames:
            item.add_marker(pytest.mark.skip(reason="SQLite only: works on the file (db_path)"))
        bug = item.get_closest_marker("postgresql_bug")
        if bug is not None:
            item.add_marker(pytest.mark.xfail(reason=f"PostgreSQL bug: {bug.args[0]}"))


def _other_language(item: pytest.Item) -> bool:
    """A test run in each language runs once on the server, in Swedish: the language and the
    database are independent, and the English run stays on SQLite."""
    callspec = getattr(item, "callspec", None)
    return callspec is not None and callspec.params.get("language", "sv") != "sv"


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[tuple[Databases, str]]:
    """This worker's migrated template database on the session's server."""
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.fail(f"{POSTGRES_ENV} is not set: run with --database=postgresql")
    databases = Databases(server)
    template = f"naravard_template_{_worker()}"
    open_database(databases.create(template), migrate_server=True).dispose()  # to head
    yield databases, template
    while _finished:
        databases.drop(_finished.popleft())
    for target, _group in _demos.values():  # on the server, as this fixture is
        databases.drop(make_url(target).database or "")
    databases.drop(template)
    databases.dispose()


@pytest.fixture
def postgres_url(postgres_template: tuple[Databases, str]) -> Iterator[str]:
    """A fresh migrated PostgreSQL database for one test, dropped a few tests later: a window
    Qt has not deleted yet may still refresh from it, as it reads its old file on SQLite."""
    databases, template = postgres_template
    name = _fresh_name("test")
    yield databases.create(name, template=template)
    _retire(databases, [name])


def _retire(databases: Databases, names: list[str]) -> None:
    """Drop finished tests' databases a batch at a time: each DROP DATABASE makes the server
    write every changed page (a checkpoint), which after one test's work takes most of a
    second and right after another drop almost nothing."""
    _finished.extend(names)
    if len(_finished) > 2 * KEPT_AFTER_TEST:
        while len(_finished) > KEPT_AFTER_TEST:
            databases.drop(_finished.popleft())


@pytest.fixture
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes more databases for one test (what --database names): SQLite files the first
    command creates, or fresh migrated databases on the test server (their URLs)."""
    made: list[str] = []
    postgresql = on_postgresql(request.config)
    template = request.getfixturevalue("postgres_template") if postgresql else None

    def make() -> str:
        if template is None:
            made.append(str(tmp_path / f"naravard-{len(made) + 1}.sqlite"))
            return made[-1]
        databases, source = template
        made.append(_fresh_name("test"))
        return databases.create(made[-1], template=source)

    yield make
    if template is not None:
        _retire(template[0], made)


@pytest.fixture
def cli_database(new_database: Callable[[], str]) -> str:
    """What a command-line test passes as --database: a SQLite file the first command
    creates, or a fresh migrated database on the test server (its URL)."""
    return new_database()


@pytest.fixture(scope="module")
def module_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """An empty migrated database shared by a module's tests (a file or a server's URL), for
    command-line tests that fill it once with a command."""
    with built_once(request, tmp_path_factory.mktemp("module"), lambda _database: None) as made:
        yield made


def database_target(request: pytest.FixtureRequest) -> str:
    """What the test's `db` opens: the SQLite `db_path` or a fresh PostgreSQL URL; a copy of
    the demo's database for a test marked `demo`."""
    day = _demo_day(request)
    if day is None:
        if on_postgresql(request.config):
            return str(request.getfixturevalue("postgres_url"))
        return str(request.getfixturevalue("db_path"))
    source, _group = _demo(request, day)
    if on_postgresql(request.config):
        databases, _template = request.getfixturevalue("postgres_template")
        name = _fresh_name("test")
        target = databases.create(name, template=make_url(source).database)
        request.addfinalizer(lambda: _retire(databases, [name]))
        return target
    path = request.getfixturevalue("db_path")
    shutil.copyfile(source, path)
    return str(path)


@pytest.fixture
def demo_group(request: pytest.FixtureRequest, db: Database) -> GroupData:
    """The demo group held by `db` in a test marked `demo`."""
    day = _demo_day(request)
    if day is None:
        pytest.fail("demo_group needs the test marked @pytest.mark.demo(…)")
    return _demo(request, day)[1]


@pytest.fixture(scope="module")
def module_demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """What opens a copy of this worker's demo made today, shared by a module's tests that
    only read it (command-line tests): a file, or a database on the test server."""
    source, _group = _demo(request, dt.date.today())
    if not on_postgresql(request.config):
        target = str(tmp_path_factory.mktemp("demo") / Path(source).name)
        shutil.copyfile(source, target)
        return target
    databases, _template = request.getfixturevalue("postgres_template")
    name = _fresh_name("demo_copy")
    target = databases.create(name, template=make_url(source).database)
    request.addfinalizer(lambda: _retire(databases, [name]))
    return target


def demo_file(request: pytest.FixtureRequest, path: Path, day: dt.date | None = None) -> GroupData:
    """A copy at `path` of this worker's SQLite demo made for `day` (default today), for a
    test about the file itself (opened by a window, damaged, locked); returns its group."""
    if on_postgresql(request.config):
        pytest.fail("demo_file copies the SQLite demo: the test is about a file")
    source, group = _demo(request, day or dt.date.today())
    shutil.copyfile(source, path)
    return group


def _demo_day(request: pytest.FixtureRequest) -> dt.date | None:
    marker = request.node.get_closest_marker("demo")
    if marker is None:
        return None
    day = marker.args[0] if marker.args else marker.kwargs.get("today")
    return day if day is not None else dt.date.today()


def _demo(request: pytest.FixtureRequest, day: dt.date) -> tuple[str, GroupData]:
    """The demo's database made for `day` in the test's language (its standard agenda items
    are written in it; a `language` fixture is set up first), built the first time this
    worker needs it."""
    if "language" in request.fixturenames:
        request.getfixturevalue("language")
    key = (day, i18n.current_language())
    if key not in _demos:
        if on_postgresql(request.config):
            databases, template = request.getfixturevalue("postgres_template")
            target = databases.create(_fresh_name("demo"), template=template)
        else:
            folder = request.getfixturevalue("tmp_path_factory").mktemp("demo")
            target = str(folder / "demo.sqlite")
        database = open_database(target)
        try:
            group = create_demo(database, day)
        finally:
            database.dispose()  # copied as a template or a file: no connection may stay
        _demos[key] = (target, group)
    return _demos[key]


@pytest.fixture
def db(request: pytest.FixtureRequest) -> Iterator[Database]:
    """A real, migrated database: a SQLite file, or PostgreSQL with --database=postgresql."""
    database = open_database(database_target(request))
    yield database
    database.dispose()


@pytest.fixture
def other(db: Database) -> Iterator[Database]:
    """A second client of `db`'s database (another app on the server, another window on the
    file): its own engine and connections, for tests of two people saving at once."""
    second = open_database(target_of(db))
    yield second
    second.dispose()


@contextlib.contextmanager
def built_once(
    request: pytest.FixtureRequest, folder: Path, build: Callable[[Database], object]
) -> Iterator[str]:
    """A database `build` fills once (for a module), for `copy_of` to copy per test: a file
    in `folder`, or a database on the test server (dropped afterwards)."""
    databases: Databases | None = None
    if on_postgresql(request.config):
        databases, template = request.getfixturevalue("postgres_template")
        target = databases.create(_fresh_name("built"), template=template)
    else:
        target = str(folder / "built.sqlite")
    database = open_database(target)
    try:
        build(database)
    finally:
        database.dispose()  # a template database must have no connections
    yield target
    if databases is not None:
        databases.drop(make_url(target).database or "")


@contextlib.contextmanager
def copy_of(request: pytest.FixtureRequest, source: str, folder: Path) -> Iterator[Database]:
    """A private, open copy of a database made by `built_once`."""
    databases: Databases | None = None
    if on_postgresql(request.config):
        databases, _template = request.getfixturevalue("postgres_template")
        name = _fresh_name("copy")
        target = databases.create(name, template=make_url(source).database)
    else:
        target = str(folder / Path(source).name)
        shutil.copyfile(source, target)
    database = open_database(target)
    try:
        yield database
    finally:
        database.dispose()
        if databases is not None:
            databases.drop(name)


def target_of(db: Database) -> str:
    """What opens `db` again (in the test or a command's --database): its file or its URL."""
    return str(db.path) if db.path is not None else db.url


def _fresh_name(kind: str) -> str:
    return f"naravard_{kind}_{_worker()}_{os.getpid()}_{next(_numbers)}"


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")
