"""Baselines for the twins: the same hello with nothing else (bare) and with no framework (raw).

Each module has a `create_app()` factory, which the servers load in factory mode.
"""
