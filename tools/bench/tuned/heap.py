"""The app's long-lived objects, moved out of the cyclic garbage collector's way.

An app is built once per worker and lives as long as the process: its modules, routes, models
and SQLAlchemy mappers. Left in the collector's generations, every full collection walks them
again; frozen (`gc.freeze`), they are skipped. The recipe runs once the app is built, as the
tuned factories' last step; it changes no answer, only what a full collection walks.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def freeze_startup_heap(_app: Any) -> None:
    """Every object alive now (the app, its modules) frozen; garbage collected first, so that
    none of it is kept for the life of the process."""
    gc.collect()
    gc.freeze()


@contextmanager
def frozen_heap() -> Iterator[None]:
    """The heap frozen for the duration of a measurement, then unfrozen: how tools.bench.layers
    measures the recipe in a process that holds other apps. Both are constant-time list moves,
    so the measurement pays for neither."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
