"""Backups and draft places as the window lists them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from naravard_desktop.i18n import N_, _

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from naravard_desktop.services.system.drafts import Draft


AUTO = "auto"


MANUAL = "manual"


BEFORE_RESTORE = "before-restore"


BEFORE_UPGRADE = "before-upgrade"


_KIND_LABELS = {
    AUTO: N_("Automatic"),
    MANUAL: N_("Manual"),
    BEFORE_RESTORE: N_("Before a restore"),
    BEFORE_UPGRADE: N_("Before an upgrade"),
}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    made_at: dt.datetime
    size: int
    counts: dict[str, int]

    @property
    def kind_label(self) -> str:
        return _(_KIND_LABELS.get(self.kind, self.kind))

    def summary(self) -> str:
        """ "Grupper: 1 · Personer: 11 · Möten: 7 · Planer: 1" for the restore list."""
        return _(
            "Groups: {groups} · People: {persons} · Meetings: {meetings} · Plans: {plans}"
        ).format(
            groups=self.counts.get("groups", 0),
            persons=self.counts.get("persons", 0),
            meetings=self.counts.get("meetings", 0),
            plans=self.counts.get("plans", 0),
        )


@dataclass(frozen=True)
class DraftPlace:
    draft: Draft
    meeting_id: int | None = None  # None: the record no longer exists (or is of a kind
    held_on: dt.date | None = None  # this version does not know)
    group_id: int | None = None
    paragraph: int | None = None
    item_title: str = ""
    locked: bool = False  # approved or adopted since: the text cannot go back
    report_year: int | None = None  # the annual report's analysis, of this year

    @property
    def restorable(self) -> bool:
        known = self.meeting_id is not None or self.report_year is not None
        return known and not self.locked


@dataclass(frozen=True)
class GrantRow:
    """A server role's access to one group (services/system/access.py)."""

    role: str
    group_id: int
    group_name: str
    read_only: bool
    granted_at: dt.datetime
    granted_by: str
    # A superuser, a role with BYPASSRLS or the tables' owner: row-level security does not
    # hold it, so it reads and changes every group whatever it is granted.
    sees_every_group: bool = False
