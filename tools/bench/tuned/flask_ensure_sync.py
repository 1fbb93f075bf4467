"""Flask asked once per function whether it is async.

Flask runs every view and hook through `ensure_sync`, which asks `inspect.iscoroutinefunction`
each time: several times per request (the view, the after-request hooks, the teardowns), for an
answer that never changes for a given function. The answer is kept per function instead; what
runs, and in which order, is unchanged.
"""

from collections.abc import Callable, Iterator
from inspect import iscoroutinefunction
from typing import Any
from weakref import WeakKeyDictionary

from flask import Flask


def functions_the_app_holds(app: Flask) -> Iterator[Callable[..., Any]]:
    """Every view and hook registered on the app, and each function a view decorator wraps
    (flask-pydantic's @validate() hands its inner view to ensure_sync)."""
    for view in app.view_functions.values():
        func: Callable[..., Any] | None = view
        while func is not None:
            yield func
            func = getattr(func, "__wrapped__", None)
    for registry in (
        app.before_request_funcs,
        app.after_request_funcs,
        app.teardown_request_funcs,
        app.template_context_processors,
        app.url_value_preprocessors,
        app.url_default_functions,
    ):
        for functions in registry.values():
            yield from functions
    yield from app.teardown_appcontext_funcs


def remember_which_functions_are_async(app: Flask) -> None:
    # The app's own views and hooks live as long as the app: a plain dict, asked without
    # making a weak reference per call. Weak keys for any other function: one made per
    # request (an `after_this_request` closure, as in the uploads route) is asked once and
    # then forgotten with its request, not kept alive for the life of the worker.
    held: dict[Callable[..., Any], bool] = {
        func: iscoroutinefunction(func) for func in functions_the_app_holds(app)
    }
    is_async: WeakKeyDictionary[Callable[..., Any], bool] = WeakKeyDictionary()
    ask_flask = app.ensure_sync

    def ensure_sync(func: Callable[..., Any]) -> Callable[..., Any]:
        answer = held.get(func)
        if answer is None:
            try:
                answer = is_async.get(func)
                if answer is None:
                    answer = is_async[func] = iscoroutinefunction(func)
            except TypeError:  # a callable that takes no weak reference: Flask asks every time
                return ask_flask(func)
        return app.async_to_sync(func) if answer else func

    # On the instance: Flask and flask-pydantic both call `app.ensure_sync`.
    app.ensure_sync = ensure_sync  # type: ignore[method-assign]
