"""What every area stands on: the database, backups, drafts, checks, privacy, validation,
reading spreadsheets, the demo data."""
