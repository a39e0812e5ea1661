"""Alembic migration scripts, shipped inside the package so an installed app can migrate."""
