"""Benchmarks, run by `make bench` (`python -m benchmarks`): not timed tests, a table and JSON."""
