"""The local plan page: areas and activities, side panel, follow-ups, import and export."""
