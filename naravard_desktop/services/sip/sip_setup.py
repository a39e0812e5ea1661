"""A group's follow-up set-up: its copy of an indicator set, its units and target groups, and
the kind of period it counts by. Indicators and categories are hidden, never deleted, so no
recorded value is lost."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import CategoryKind, PeriodKind
from naravard_desktop.db.models import Group, Indicator, SipCategory
from naravard_desktop.errors import DomainError, NotFoundError
from naravard_desktop.i18n import _
from naravard_desktop.services.group.groups import load_group
from naravard_desktop.services.sip import indicator_sets
from naravard_desktop.services.sip.read_models import CategoryRow, IndicatorRow, Setup
from naravard_desktop.services.sip.sip_install import install_set
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.records import check_version, copy_fields, load
from naravard_desktop.services.system.validation import FieldErrors, clean_line, clean_text

NAME_LIMIT = 300
CATEGORY_LIMIT = 200
SUPPRESS_LIMIT = 20


def _indicator_row(item: Indicator) -> IndicatorRow:
    return copy_fields(IndicatorRow, item)


def _category_row(item: SipCategory) -> CategoryRow:
    return copy_fields(CategoryRow, item)


def get_setup(db: Database, group_id: int, set_code: str = indicator_sets.SIP_SET) -> Setup:
    """The group's set-up, installing the shipped set the first time it is asked for."""
    with db.session() as session:
        group = load_group(session, group_id)
        has_indicators = session.scalar(
            select(func.count())
            .select_from(Indicator)
            .where(Indicator.group_id == group_id, Indicator.indicator_set == set_code)
        )
        # Read-only (a read-only medium, a damaged file): shown without the shipped set,
        # which is installed the first time the group is opened where it can be saved.
        if not has_indicators and not db.read_only and set_code in indicator_sets.available_sets():
            install_set(db, group_id, set_code)
        indicators = session.scalars(
            select(Indicator)
            .where(Indicator.group_id == group_id, Indicator.indicator_set == set_code)
            .order_by(Indicator.position, Indicator.id)
        ).all()
        categories = session.scalars(
            select(SipCategory)
            .where(SipCategory.group_id == group_id)
            .order_by(SipCategory.position, SipCategory.id)
        ).all()
        return Setup(
            group_id=group_id,
            indicator_set=set_code,
            period_kind=group.sip_period_kind,
            suppress_below=group.suppress_below,
            indicators=_ordered(indicators),
            units=tuple(_category_row(c) for c in categories if c.kind is CategoryKind.UNIT),
            target_groups=tuple(
                _category_row(c) for c in categories if c.kind is CategoryKind.TARGET_GROUP
            ),
            group_version=group.version,
        )


def _ordered(indicators: Sequence[Indicator]) -> tuple[IndicatorRow, ...]:
    """Top-level indicators by position, each followed by its breakdowns."""
    rows = [_indicator_row(i) for i in indicators]
    ids = {r.id for r in rows}
    children: dict[int, list[IndicatorRow]] = {}
    for row in rows:
        if row.parent_id is not None and row.parent_id in ids:
            children.setdefault(row.parent_id, []).append(row)
    ordered: list[IndicatorRow] = []
    for row in rows:
        if row.parent_id is None or row.parent_id not in ids:
            ordered.append(row)
            ordered.extend(children.get(row.id, []))
    return tuple(ordered)


# --- indicators ---------------------------------------------------------------------------


def _validated_names(name_sv: str, name_en: str) -> tuple[str, str]:
    errors = FieldErrors()
    errors.visible("name_sv", name_sv, _("Swedish name"))
    errors.visible("name_en", name_en, _("English name"))
    name_sv, name_en = clean_line(name_sv), clean_line(name_en)
    errors.required("name_sv", name_sv, _("Swedish name"))
    errors.max_length("name_sv", name_sv, NAME_LIMIT, _("Swedish name"))
    errors.max_length("name_en", name_en, NAME_LIMIT, _("English name"))
    errors.raise_if_any()
    return name_sv, name_en


def add_indicator(
    db: Database,
    group_id: int,
    name_sv: str,
    name_en: str = "",
    *,
    parent_id: int | None = None,
    help_sv: str = "",
    set_code: str = indicator_sets.SIP_SET,
) -> IndicatorRow:
    """A group's own indicator, placed last (or last among its parent's breakdowns)."""
    name_sv, name_en = _validated_names(name_sv, name_en)
    with db.session() as session:
        load_group(session, group_id)
        siblings = session.scalars(
            select(Indicator).where(
                Indicator.group_id == group_id, Indicator.indicator_set == set_code
            )
        ).all()
        if any(s.name_sv.casefold() == name_sv.casefold() and not s.hidden for s in siblings):
            raise DomainError(
                _("There is already an indicator called “{name}”. Choose another name.").format(
                    name=name_sv
                )
            )
        if parent_id is not None and parent_id not in {s.id for s in siblings}:
            raise NotFoundError(
                _("The indicator to break down no longer exists. Reload and try again.")
            )
        codes = {s.code for s in siblings}
        number = 1
        while f"own_{number}" in codes:
            number += 1
        item = Indicator(
            group_id=group_id,
            indicator_set=set_code,
            code=f"own_{number}",
            parent_id=parent_id,
            position=max((s.position for s in siblings), default=-1) + 1,
            name_sv=name_sv,
            name_en=name_en,
            help_sv=clean_text(help_sv),
        )
        session.add(item)
        session.flush()
        return _indicator_row(item)


def _indicator(session: Session, indicator_id: int, version: int) -> Indicator:
    """The indicator as the user saw it at `version`; refused if gone or changed since."""
    gone = _("The indicator no longer exists. Reload and try again.")
    item = load(session, Indicator, indicator_id, gone)
    check_version(item, version, f"“{item.name_sv}”")
    return item


def rename_indicator(
    db: Database, indicator_id: int, name_sv: str, name_en: str, version: int
) -> IndicatorRow:
    name_sv, name_en = _validated_names(name_sv, name_en)
    with db.session() as session:
        item = _indicator(session, indicator_id, version)
        item.name_sv, item.name_en = name_sv, name_en
        session.flush()
        return _indicator_row(item)


def set_indicator_hidden(
    db: Database, indicator_id: int, hidden: bool, version: int
) -> IndicatorRow:
    """Hide (or show again) an indicator; its recorded values stay in the database."""
    with db.session() as session:
        item = _indicator(session, indicator_id, version)
        item.hidden = hidden
        session.flush()
        return _indicator_row(item)


# --- units and target groups --------------------------------------------------------------


def _validated_category(name: str) -> str:
    errors = FieldErrors()
    errors.visible("name", name, _("Name"))
    name = clean_line(name)
    errors.required("name", name, _("Name"))
    errors.max_length("name", name, CATEGORY_LIMIT, _("Name"))
    errors.raise_if_any()
    return name


def _category(session: Session, category_id: int, version: int) -> SipCategory:
    """The unit or target group as the user saw it at `version`; refused if gone or changed
    since."""
    gone = _("The unit or target group no longer exists. Reload and try again.")
    item = load(session, SipCategory, category_id, gone)
    check_version(item, version, f"“{item.name}”")
    return item


def _check_unique(session: Session, group_id: int, kind: CategoryKind, name: str) -> None:
    """Case-insensitive in Python: SQLite's lower() leaves Å, Ä and Ö alone."""
    names = session.scalars(
        select(SipCategory.name).where(SipCategory.group_id == group_id, SipCategory.kind == kind)
    )
    if any(existing.casefold() == name.casefold() for existing in names):
        raise DomainError(
            _("“{name}” is already in the list. Choose another name.").format(name=name)
        )


def add_category(db: Database, group_id: int, kind: CategoryKind, name: str) -> CategoryRow:
    name = _validated_category(name)
    with db.session() as session:
        load_group(session, group_id)
        _check_unique(session, group_id, kind, name)
        last = session.scalar(
            select(func.max(SipCategory.position)).where(
                SipCategory.group_id == group_id, SipCategory.kind == kind
            )
        )
        item = SipCategory(group_id=group_id, kind=kind, name=name, position=(last or 0) + 1)
        session.add(item)
        session.flush()
        return _category_row(item)


def rename_category(db: Database, category_id: int, name: str, version: int) -> CategoryRow:
    name = _validated_category(name)
    with db.session() as session:
        item = _category(session, category_id, version)
        if item.name.casefold() != name.casefold():
            _check_unique(session, item.group_id, item.kind, name)
        item.name = name
        session.flush()
        return _category_row(item)


def set_category_hidden(db: Database, category_id: int, hidden: bool, version: int) -> CategoryRow:
    with db.session() as session:
        item = _category(session, category_id, version)
        if hidden:
            visible = session.scalar(
                select(func.count())
                .select_from(SipCategory)
                .where(
                    SipCategory.group_id == item.group_id,
                    SipCategory.kind == item.kind,
                    SipCategory.hidden.is_(False),
                )
            )
            if item.hidden is False and (visible or 0) <= 1:
                raise DomainError(
                    _(
                        "At least one unit and one target group must be shown. Show one of them "
                        "again."
                    )
                )
        item.hidden = hidden
        session.flush()
        return _category_row(item)


# --- group settings -------------------------------------------------------------------------


def set_period_kind(
    db: Database, group_id: int, kind: PeriodKind, version: int | None = None
) -> None:
    """The kind of period new periods get; existing periods keep theirs. With `version` (the
    group's, as the settings showed it), refused when the group was saved elsewhere since."""
    with db.session() as session:
        _settings_of(session, group_id, version).sip_period_kind = PeriodKind(kind)


def set_suppress_below(
    db: Database, group_id: int, threshold: int, version: int | None = None
) -> None:
    """The limit under which counts are hidden; `version` as for `set_period_kind`."""
    if not 2 <= threshold <= SUPPRESS_LIMIT:
        raise DomainError(
            _("Give a limit for small numbers from 2 to {limit}.").format(limit=SUPPRESS_LIMIT)
        )
    with db.session() as session:
        _settings_of(session, group_id, version).suppress_below = threshold


def _settings_of(session: Session, group_id: int, version: int | None) -> Group:
    group = load_group(session, group_id)
    if version is not None:
        check_version(group, version, f"“{group.name}”")
    return group
