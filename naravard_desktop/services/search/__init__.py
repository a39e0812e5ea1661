"""Search everywhere: one query over a group's meetings, agenda items, decisions, action
items, plan activities and members (the window's Ctrl+K box)."""
