"""The group: its settings, members and overview."""
