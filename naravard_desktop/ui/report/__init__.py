"""The Årsuppföljning page: the annual follow-up report of a year, its analysis and adoption."""
