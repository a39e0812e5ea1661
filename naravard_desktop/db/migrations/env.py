"""Alembic environment: runs on the connection the app hands over (never its own logging)."""

from __future__ import annotations

from alembic import context

import naravard_desktop.db.models  # noqa: F401  (registers every table)
from naravard_desktop.db.base import Base
from naravard_desktop.db.search import is_search_object

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("naravard migrations run through naravard_desktop.db.schema only")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_name=lambda name, kind, _parents: not is_search_object(name, kind),
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
