"""SIP follow-up: periods, the entry grid, rule warnings and the analysis."""
