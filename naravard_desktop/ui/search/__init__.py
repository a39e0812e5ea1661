"""Search everywhere (Ctrl+K): the box over the window, its list of hits, and opening them."""
