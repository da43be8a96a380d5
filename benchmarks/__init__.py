"""Benchmarks, outside the installed package: `python -m benchmarks.bench [N ...]` from the repository root."""
