"""Flask asked once per function whether it is async.

Flask runs every view and hook through `ensure_sync`, which asks `inspect.iscoroutinefunction`
each time: several times per request (the view, the after-request hooks, the teardowns), for an
answer that never changes for a given function. The answer is kept per function instead; what
runs, and in which order, is unchanged.
"""

from collections.abc import Callable
from inspect import iscoroutinefunction
from typing import Any
from weakref import WeakKeyDictionary

from flask import Flask


def remember_which_functions_are_async(app: Flask) -> None:
    # Weak keys and a plain bool: a function made per request (an `after_this_request`
    # closure, as in the uploads route) is asked once and then forgotten with its request,
    # not kept alive for the life of the worker.
    is_async: WeakKeyDictionary[Callable[..., Any], bool] = WeakKeyDictionary()
    ask_flask = app.ensure_sync

    def ensure_sync(func: Callable[..., Any]) -> Callable[..., Any]:
        try:
            answer = is_async.get(func)
            if answer is None:
                answer = is_async[func] = iscoroutinefunction(func)
        except TypeError:  # a callable that takes no weak reference: Flask asks every time
            return ask_flask(func)
        return app.async_to_sync(func) if answer else func

    # On the instance: Flask and flask-pydantic both call `app.ensure_sync`.
    app.ensure_sync = ensure_sync  # type: ignore[method-assign]
