"""The Flask class the twin is built on: Flask that answers a pydantic model as JSON, and is asked
once per function whether it is async.

A view may return a pydantic model (alone, or first in a `(model, status[, headers])` tuple),
and its JSON is the response, as FastAPI does with a returned model. flask-pydantic's
`@validate()` does the same, but runs its whole request machinery first (path parameters,
query, body and form checks, its own response helpers) even for a view that takes no input:
about a fifth of the twin's `GET /`. The twin keeps `@validate()` for views with input to check.

Flask runs every view and hook through `ensure_sync`, which asks `inspect.iscoroutinefunction`
each time: five times per `GET /` of the twin (its view, two after-request hooks, two
teardowns), for an answer that never changes for a given function.
The answer is kept per function instead; what runs, and in which order, is unchanged.
"""

from collections.abc import Callable
from inspect import iscoroutinefunction
from typing import Any, ParamSpec, cast
from weakref import WeakKeyDictionary

from flask import Flask
from flask.typing import ResponseReturnValue
from flask.wrappers import Response
from pydantic import BaseModel

P = ParamSpec("P")
ModelReturnValue = BaseModel | tuple[BaseModel, Any] | tuple[BaseModel, Any, Any]


def returns_model(view: Callable[P, ModelReturnValue | ResponseReturnValue]) -> Callable[P, Any]:
    """Marks a view that returns a model, which TwinFlask answers; for the type checker, whose
    Flask stubs know only Flask's own return values. The view itself is returned unchanged."""
    return cast(Callable[P, Any], view)


class TwinFlask(Flask):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Weak keys and a plain bool: a function made per request (an `after_this_request`
        # closure, as in the uploads route) is asked once and then forgotten with its request,
        # not kept alive for the life of the worker.
        self._is_async: WeakKeyDictionary[Callable[..., Any], bool] = WeakKeyDictionary()

    def make_response(self, rv: ResponseReturnValue | BaseModel) -> Response:
        if isinstance(rv, BaseModel):
            rv = self.model_response(rv)
        elif isinstance(rv, tuple) and rv and isinstance(rv[0], BaseModel):
            rv = (self.model_response(rv[0]), *rv[1:])
        return super().make_response(rv)

    def model_response(self, model: BaseModel) -> Response:
        """The model's JSON, byte for byte what flask-pydantic's `@validate()` answers."""
        return self.response_class(model.model_dump_json(), mimetype="application/json")

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        try:
            is_async = self._is_async.get(func)
            if is_async is None:
                is_async = self._is_async[func] = iscoroutinefunction(func)
        except TypeError:  # a callable that takes no weak reference: ask Flask every time
            return super().ensure_sync(func)
        return self.async_to_sync(func) if is_async else func
