"""The region overview page: every group the user may open, side by side."""
