"""Meetings: the list, the meeting editor (attendance, agenda, notes, decisions, action items),
documents, approval and the decision register."""
