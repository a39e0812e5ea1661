"""A shipped indicator set copied to a group: the indicators it lacks, by code, after its own,
and the set's units and target groups when the group has none yet. The group's copy is
then its own to rename and hide (services/sip/sip_setup.py)."""

from __future__ import annotations

from sqlalchemy import func, select

from naravard_desktop.db.enums import CategoryKind
from naravard_desktop.db.models import Indicator, SipCategory
from naravard_desktop.services.group.groups import load_group
from naravard_desktop.services.sip import indicator_sets
from naravard_desktop.services.system.database import Database


def install_set(db: Database, group_id: int, set_code: str = indicator_sets.SIP_SET) -> None:
    """Copy a shipped set to the group: indicators it lacks (by code) are added after its own,
    and the set's default units and target groups when the group has none yet."""
    shipped = indicator_sets.get_set(set_code)
    with db.session() as session:
        load_group(session, group_id)
        existing = {
            i.code: i
            for i in session.scalars(
                select(Indicator).where(
                    Indicator.group_id == group_id, Indicator.indicator_set == set_code
                )
            )
        }
        position = max((i.position for i in existing.values()), default=-1) + 1
        for definition in shipped.indicators:
            if definition.code in existing:
                continue
            item = Indicator(
                group_id=group_id,
                indicator_set=set_code,
                code=definition.code,
                position=position,
                name_sv=definition.name_sv,
                name_en=definition.name_en,
                help_sv=definition.help_sv,
                help_en=definition.help_en,
            )
            if definition.parent is not None:
                item.parent_id = existing[definition.parent].id
            session.add(item)
            session.flush()
            existing[definition.code] = item
            position += 1
        for kind, names in (
            (CategoryKind.UNIT, shipped.units),
            (CategoryKind.TARGET_GROUP, shipped.target_groups),
        ):
            has_any = session.scalar(
                select(func.count())
                .select_from(SipCategory)
                .where(SipCategory.group_id == group_id, SipCategory.kind == kind)
            )
            if not has_any:
                for index, name in enumerate(names):
                    session.add(
                        SipCategory(group_id=group_id, kind=kind, name=name, position=index)
                    )
