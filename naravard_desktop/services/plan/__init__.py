"""The local plan: plans, areas, activities, follow-ups, import and export."""
