"""Use cases in plain Python: validate, read, change; one transaction each; no Qt."""
