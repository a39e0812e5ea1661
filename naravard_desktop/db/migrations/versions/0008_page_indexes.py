"""Indexes for the pages' filters and sorts (issue 18, point 4): a group's meetings by
date, and each parent's rows in their order (a meeting's §§, their attachments and action
items, a plan's areas and revisions, an area's activities, an activity's follow-ups).

Revision ID: 0008
Revises: 0007

The single-column indexes on the parent keys stay (the foreign keys' own, which a delete
of the parent uses on PostgreSQL). tests/unit/test_query_plans.py runs the pages' queries
under EXPLAIN QUERY PLAN and fails when one reads a large table without an index. No new
table, so no row-level security change.
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# name: (table, columns)
INDEXES = {
    "ix_meetings_group_id_held_on": ("meetings", ["group_id", "held_on"]),
    "ix_agenda_items_meeting_id_position": ("agenda_items", ["meeting_id", "position"]),
    "ix_attachments_agenda_item_id_position": ("attachments", ["agenda_item_id", "position"]),
    "ix_action_items_agenda_item_id_position": ("action_items", ["agenda_item_id", "position"]),
    "ix_plan_revisions_plan_id_revised_on": ("plan_revisions", ["plan_id", "revised_on"]),
    "ix_areas_plan_id_position": ("areas", ["plan_id", "position"]),
    "ix_activities_area_id_position": ("activities", ["area_id", "position"]),
    "ix_follow_ups_activity_id_followed_up_on": ("follow_ups", ["activity_id", "followed_up_on"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
