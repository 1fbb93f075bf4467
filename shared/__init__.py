"""The framework-free core that both apps adapt: settings, schemas, storage and jobs.

Nothing in this package imports Flask, FastAPI or Starlette; `parity_tests` checks that.
"""
