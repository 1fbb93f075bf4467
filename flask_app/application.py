"""The Flask class the twin is built on: Flask, asked once per function whether it is async.

Flask runs every view and hook through `ensure_sync`, which asks `inspect.iscoroutinefunction`
each time: six times per `GET /` of the twin (its view, flask-pydantic's wrapper, two
after-request hooks, two teardowns), for an answer that never changes for a given function.
The answer is kept per function instead; what runs, and in which order, is unchanged.
"""

from collections.abc import Callable
from inspect import iscoroutinefunction
from typing import Any
from weakref import WeakKeyDictionary

from flask import Flask


class TwinFlask(Flask):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Weak keys and a plain bool: a function made per request (an `after_this_request`
        # closure, as in the uploads route) is asked once and then forgotten with its request,
        # not kept alive for the life of the worker.
        self._is_async: WeakKeyDictionary[Callable[..., Any], bool] = WeakKeyDictionary()

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        try:
            is_async = self._is_async.get(func)
            if is_async is None:
                is_async = self._is_async[func] = iscoroutinefunction(func)
        except TypeError:  # a callable that takes no weak reference: ask Flask every time
            return super().ensure_sync(func)
        return self.async_to_sync(func) if is_async else func
