"""Drift: the differential probes across framework releases (`make drift`, docs/drift.md)."""
