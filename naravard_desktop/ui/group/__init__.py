"""The group's settings: the first-start dialog and the settings page."""
