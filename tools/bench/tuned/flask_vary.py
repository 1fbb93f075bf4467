"""`Vary: Origin` written as a plain header when the response has no Vary yet.

The twin adds Origin to Vary through Werkzeug's `response.vary`, the documented way: it parses
the header into a set and writes the set back on every response, though almost every response
has no Vary at all. Setting the field directly when it is absent gives the same header; a
response that already varies (flask-cors's own, for one) still goes through `response.vary`.

Whether the field is there is asked by looking at the names, not with `"Vary" in headers`:
Werkzeug answers that by raising and catching a BadRequestKeyError, an HTTPException built for
every response that has no Vary, which is nearly all of them.
"""

from flask import Flask, Response

from flask_app.additions import vary_on_origin
from tools.bench.tuned import RecipeError


def vary_on_origin_directly(response: Response) -> Response:
    if any(name.lower() == "vary" for name, _value in response.headers):
        return vary_on_origin(response)
    response.headers["Vary"] = "Origin"
    return response


def write_vary_directly(app: Flask) -> None:
    hooks = app.after_request_funcs.get(None, [])
    if hooks.count(vary_on_origin) != 1:
        raise RecipeError("the app does not run vary_on_origin once after each request")
    hooks[:] = [vary_on_origin_directly if hook is vary_on_origin else hook for hook in hooks]
