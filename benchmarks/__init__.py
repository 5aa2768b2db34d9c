"""Request benchmarks for buurtteam: ``python -m benchmarks`` (see benchmarks/README.md). Not a test suite."""
