"""Meetings: agenda, attendance, decisions, action items, protocols, justering and signatures."""
