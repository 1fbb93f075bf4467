"""Mutation testing of the modules that judge or guard, on cosmic-ray (docs/testing.md)."""
