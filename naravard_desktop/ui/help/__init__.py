"""Help in the window: the guide of the page shown (F1), the first-start tour, the list of
keyboard shortcuts and the toolbar actions' tooltips."""
