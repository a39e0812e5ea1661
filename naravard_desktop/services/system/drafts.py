"""Drafts: text typed into a field but not yet saved survives a crash or a power cut.

The notes editor saves to the database after a pause in typing (and on focus-out); what was
typed in that pause, or text whose save was refused (a full disk, a privacy warning), would
be lost if the app died then. So the editor also writes the field's current text here on
every change, and clears it once the database has it. At the next start `pending()` lists
what was left, for the app to offer to restore.

One folder per database (in the user data folder, named by a hash of the database's path),
one small JSON file per field, each written atomically (temporary file, fsync, rename) and
readable only by the user: drafts hold the same text as the protocol. No Qt here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from naravard_desktop.atomic_files import replace_file
from naravard_desktop.db.engine import shown_url
from naravard_desktop.paths import user_data_dir

log = logging.getLogger(__name__)

_NAME = re.compile(r"^[a-z][a-z_]{0,39}$")
_SUFFIX = ".draft.json"


@dataclass(frozen=True)
class Draft:
    """Unsaved text of one field of one record, e.g. ("agenda_item", 12, "notes")."""

    record: str
    record_id: int
    field: str
    text: str
    saved_at: dt.datetime  # when it was typed (local time)
    base_version: int | None = None  # the record's version the text was typed on


def drafts_root() -> Path:
    return user_data_dir() / "drafts"


def database_key(database: str | Path) -> str:
    """A file-name-safe name for a database: a hash of its resolved path (or URL)."""
    text = _named(database)
    if "://" not in text:
        text = str(Path(text).expanduser().resolve())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


class DraftStore:
    """The drafts of one database. `database` is its file path (or URL for a server)."""

    def __init__(self, database: str | Path, root: Path | None = None) -> None:
        self.database = _named(database)
        self.folder = (root or drafts_root()) / database_key(database)

    def _file(self, record: str, record_id: int, field: str) -> Path:
        if not (_NAME.match(record) and _NAME.match(field)) or record_id < 0:
            raise ValueError(f"bad draft key {record!r} {record_id!r} {field!r}")
        return self.folder / f"{record}-{int(record_id)}-{field}{_SUFFIX}"

    def save(
        self,
        record: str,
        record_id: int,
        field: str,
        text: str,
        *,
        base_version: int | None = None,
        sync: bool = True,
    ) -> bool:
        """Keep `text` as the field's draft; False (and a log line) if it could not be
        written. Never raises for disk problems: typing must go on."""
        target = self._file(record, record_id, field)
        payload = json.dumps(
            {
                "database": self.database,
                "record": record,
                "record_id": record_id,
                "field": field,
                "text": text,
                "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
                "base_version": base_version,
            },
            ensure_ascii=False,
        ).encode("utf-8", "surrogatepass")
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            replace_file(target, payload, mode=0o600, sync=sync)
        except OSError as error:
            log.warning("draft not written (%s): %s", target.name, error)
            return False
        return True

    def clear(self, record: str, record_id: int, field: str) -> None:
        """The database has the text now (or the user threw it away)."""
        with contextlib.suppress(FileNotFoundError):
            self._file(record, record_id, field).unlink()

    def get(self, record: str, record_id: int, field: str) -> Draft | None:
        return _read(self._file(record, record_id, field))

    def pending(self) -> list[Draft]:
        """Every draft left for this database, oldest first. Unreadable files (which an
        atomic write should never leave) are skipped and logged."""
        if not self.folder.is_dir():
            return []
        found = [d for p in self.folder.glob(f"*{_SUFFIX}") if (d := _read(p)) is not None]
        return sorted(found, key=lambda d: (d.saved_at, d.record, d.record_id, d.field))

    def clear_all(self) -> None:
        for draft in self.pending():
            self.clear(draft.record, draft.record_id, draft.field)


def _named(database: str | Path) -> str:
    """A path as it is; a server's URL without its password, which no draft holds."""
    text = str(database)
    return shown_url(text) if "://" in text else text


def pending_drafts(database: str | Path) -> list[Draft]:
    """What was typed into this database's fields and never saved (to offer at start)."""
    return DraftStore(database).pending()


def _read(path: Path) -> Draft | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8", errors="surrogatepass"))
        return Draft(
            record=str(data["record"]),
            record_id=int(data["record_id"]),
            field=str(data["field"]),
            text=str(data["text"]),
            saved_at=dt.datetime.fromisoformat(str(data["saved_at"])),
            base_version=(None if data.get("base_version") is None else int(data["base_version"])),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("draft %s cannot be read: %s", path.name, error)
        return None
