"""The overview page: the plan at a glance and the next meeting."""
