"""flask-cors consulted only for a request that carries an Origin header.

Without an Origin a request is not a CORS request, and flask-cors, with `always_send=False` as
the twin configures it, adds nothing to its answer; yet its after-request hook still matches
the path against its resources and formats its debug messages on every request. The guard
skips the hook when there is no Origin. flask-cors's own hook is wrapped where it stands in
`app.after_request_funcs`, so every hook keeps its place and the answers stay the same.
"""

import inspect
from typing import Any

from flask import Flask, Response, request
from flask_cors.extension import make_after_request_function

from tools.bench.tuned import RecipeError

# Every hook flask-cors makes is a closure over this one code object.
_FLASK_CORS_HOOK_CODE = make_after_request_function([]).__code__


def is_flask_cors_hook(hook: object) -> bool:
    return getattr(hook, "__code__", None) is _FLASK_CORS_HOOK_CODE


def sends_headers_without_origin(hook: object) -> bool:
    """Whether flask-cors was told to answer a request without Origin too (always_send):
    then skipping it would change answers."""
    resources = inspect.getclosurevars(hook).nonlocals.get("resources", ())  # type: ignore[arg-type]
    return any(options.always_send for _pattern, options in resources)


class OnlyWithOrigin:
    """An after-request hook, run only for a request with an Origin header."""

    def __init__(self, hook: Any) -> None:
        self.hook = hook

    def __call__(self, response: Response) -> Response:
        if "HTTP_ORIGIN" in request.environ:
            answered: Response = self.hook(response)
            return answered
        return response


def consult_cors_only_with_origin(app: Flask) -> None:
    hooks = app.after_request_funcs.get(None, [])
    found = [hook for hook in hooks if is_flask_cors_hook(hook)]
    if not found:
        raise RecipeError("the app has no flask-cors after-request hook to guard")
    if any(sends_headers_without_origin(hook) for hook in found):
        raise RecipeError("flask-cors sends headers without an Origin here (always_send)")
    hooks[:] = [OnlyWithOrigin(hook) if is_flask_cors_hook(hook) else hook for hook in hooks]
