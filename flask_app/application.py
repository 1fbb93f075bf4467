"""The Flask class the twin is built on: Flask, asked once per function whether it is async.

Flask runs every view and hook through `ensure_sync`, which asks `inspect.iscoroutinefunction`
each time: six times per `GET /` of the twin (its view, flask-pydantic's wrapper, two
after-request hooks, two teardowns), for an answer that never changes for a given function.
The answer is kept per function instead; what runs, and in which order, is unchanged.
"""

from collections.abc import Callable
from typing import Any

from flask import Flask


class TwinFlask(Flask):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Keyed by the function itself: views and hooks are registered once, so it stays small.
        self._synced: dict[Callable[..., Any], Callable[..., Any]] = {}

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        synced = self._synced.get(func)
        if synced is None:
            synced = self._synced[func] = super().ensure_sync(func)
        return synced
