"""Benchmarks: load/check time, site build time at 1×, 10× and 100× the services, evaluator
throughput and search latency in headless Chromium. Run with ``make bench`` (``python -m bench``)."""
