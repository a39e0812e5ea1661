"""Årsuppföljning: the annual follow-up report of plan, SIP and meetings."""
