"""jsonify's encoding for FastAPI: bridges `jsonify-encoding`.

Flask's `jsonify` (DefaultJSONProvider) sorts keys, escapes non-ASCII text as \\uXXXX, writes
compactly and ends the body with a newline; Starlette's JSONResponse writes UTF-8 and no
newline. Use `FlaskJSONResponse` where the Flask view called `jsonify` (error details, hand-made
bodies); a model a view returned is serialised by pydantic in both apps and needs nothing.

    from migration.compat.json import FlaskJSONResponse
    return FlaskJSONResponse({"detail": "Employee 7 not found"}, status_code=404)

`jsonified(handler)` wraps an existing exception handler so that its JSON answer is re-encoded
this way, which keeps one handler for both modes.
"""

import inspect
import json
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

# As Starlette stores them: a handler may be a coroutine function or a plain one.
ExceptionHandler = Callable[[Request, Any], Response | Awaitable[Response]]


class FlaskJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
        return (text + "\n").encode("ascii")


def jsonified(handler: ExceptionHandler) -> ExceptionHandler:
    """The handler, with a JSON answer re-encoded as jsonify would have written it."""

    async def handle(request: Request, error: Exception) -> Response:
        response = handler(request, error)
        if inspect.isawaitable(response):
            response = await response
        if not isinstance(response, JSONResponse):
            return response
        headers = {
            name: value
            for name, value in response.headers.items()
            if name not in ("content-length", "content-type")
        }
        content = json.loads(bytes(response.body))
        return FlaskJSONResponse(content, response.status_code, headers=headers)

    return handle
