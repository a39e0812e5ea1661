"""A private, throwaway PostgreSQL cluster for one test session, and databases in it.

Debian's server binaries (package `postgresql`) initialise a cluster in a temporary folder,
reachable only through a Unix socket in that folder, with trust authentication for one role.
fsync is off: the cluster is thrown away at the end, and tests gain nothing from durability.
initdb refuses to run as root, so root runs the binaries as the `postgres` user (or `nobody`).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, create_engine, make_url, text

ROLE = "app"
TEMP = "/tmp"
PREFIX = "naravard-pg-"
OWNER = "owner.pid"  # the test run's process: a cluster whose owner is gone is removed
SERVER_OPTIONS = (
    "-c listen_addresses='' -c fsync=off -c synchronous_commit=off "
    "-c full_page_writes=off -c max_connections=200"
)


def binaries() -> Path | None:
    """The newest installed PostgreSQL server binaries, or None when there are none."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=_major)
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _major(initdb: Path) -> int:
    version = initdb.parent.parent.name
    return int(version) if version.isdigit() else 0


@dataclass
class Cluster:
    """A running cluster: `url` reaches its maintenance database `postgres` as ROLE."""

    folder: Path
    bin: Path
    user: str | None  # whom the server runs as when the tests run as root

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def url(self) -> str:
        # The socket folder goes in the query: SQLAlchemy hands `host` on to libpq.
        url = URL.create(
            "postgresql+psycopg",
            username=ROLE,
            database="postgres",
            query={"host": str(self.folder)},
        )
        return url.render_as_string(hide_password=False)

    def run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True)

    def stop(self) -> None:
        """Stop the server at once and remove every file of the cluster."""
        # Never started, or already gone: the folder goes anyway.
        with contextlib.suppress(subprocess.CalledProcessError):
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster:
    """initdb into a new temporary folder and start the server on a socket in it."""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError(
            "PostgreSQL's server binaries were not found: install Debian's `postgresql` "
            "package (make test-deps does, as root)."
        )
    user = _server_user()
    _remove_abandoned(bin_dir, user)
    # A short path: a Unix socket path may be at most 107 bytes.
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=TEMP))
    cluster = Cluster(folder=folder, bin=bin_dir, user=user)
    try:
        (folder / OWNER).write_text(str(os.getpid()), encoding="ascii")
        if user is not None:
            entry = pwd.getpwnam(user)
            os.chown(folder, entry.pw_uid, entry.pw_gid)
        folder.chmod(0o755)  # the tests (root) reach the socket inside
        cluster.run(
            "initdb",
            "-D",
            str(cluster.data),
            "-U",
            ROLE,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        log = str(folder / "server.log")
        options = f"-k {folder} {SERVER_OPTIONS}"
        cluster.run("pg_ctl", "-D", str(cluster.data), "-l", log, "-o", options, "-w", "start")
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _remove_abandoned(bin_dir: Path, user: str | None) -> None:
    """Stop and remove the clusters of test runs that were killed before they could."""
    for folder in Path(TEMP).glob(PREFIX + "*"):
        try:
            owner = int((folder / OWNER).read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue  # not ours, or still being made
        if not _alive(owner):
            Cluster(folder=folder, bin=bin_dir, user=user).stop()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def _server_user() -> str | None:
    """None when not root (the server runs as us); else a user initdb accepts."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError("Running as root, but there is no `postgres` user to run PostgreSQL as.")


class Databases:
    """Creates and drops databases on a server, each a copy of a migrated template."""

    def __init__(self, server_url: str) -> None:
        self.server = make_url(server_url)
        # CREATE/DROP DATABASE cannot run inside a transaction.
        self.engine = create_engine(self.server, isolation_level="AUTOCOMMIT")

    def url(self, name: str) -> str:
        return self.server.set(database=name).render_as_string(hide_password=False)

    def create(self, name: str, template: str | None = None) -> str:
        self.drop(name)
        copy = f" TEMPLATE {_quoted(template)}" if template else ""
        with self.engine.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {_quoted(name)}{copy}"))
        return self.url(name)

    def drop(self, name: str) -> None:
        """Drop, closing any connection a test left open to it."""
        with self.engine.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)"))

    def dispose(self) -> None:
        self.engine.dispose()


def _quoted(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a plain database name: {name!r}")
    return f'"{name}"'
