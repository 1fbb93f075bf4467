"""Replacing one entry of a Starlette app's middleware list before its stack is built."""

from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware

from tools.bench.tuned import RecipeError


def middleware_class(entry: Middleware) -> object:
    """The class an entry runs (Starlette types it as a factory protocol, not a class)."""
    return entry.cls


def replace_middleware(app: Starlette, original: type, replacement: Any) -> None:
    """`original`'s entry in `app.user_middleware` runs `replacement` instead, with the very
    same options, at the same place in the stack."""
    if app.middleware_stack is not None:
        # Starlette builds the stack on the first request; a change after it would be ignored.
        raise RecipeError("the app has served a request: its middleware stack is built")
    entries = [
        index
        for index, entry in enumerate(app.user_middleware)
        if middleware_class(entry) is original
    ]
    if len(entries) != 1:
        raise RecipeError(f"the app has {len(entries)} {original.__name__} entries, not one")
    index = entries[0]
    entry = app.user_middleware[index]
    app.user_middleware[index] = Middleware(replacement, *entry.args, **entry.kwargs)
