"""CORS for the Flask twin: flask-cors, consulted only for requests that carry an Origin header,
and `Vary: Origin` on every response.

Without an Origin a request is not a CORS request, and flask-cors (with always_send=False)
adds nothing to its response; yet its after-request hook still matched the path against its
resources and formatted its debug messages, about a seventh of the twin's `GET /`. The guard
skips that work and changes no response.
"""

from collections.abc import Callable
from typing import cast

from flask import Flask, Response, request
from flask_cors import CORS

from shared.cors import CorsPolicy

AfterRequest = Callable[[Response], Response]


def only_with_origin(hook: AfterRequest) -> AfterRequest:
    def cors_if_origin(response: Response) -> Response:
        return hook(response) if "HTTP_ORIGIN" in request.environ else response

    return cors_if_origin


def vary_on_origin(response: Response) -> Response:
    """Every answer depends on the request's Origin (CORS headers or none), so a shared cache
    must key on it; flask-cors says so only when several origins are configured."""
    # Appended as a field when there is no Vary yet (every route of the twin): parsing and
    # re-serialising the header set through `response.vary` cost more than the rest of CORS.
    # `getlist`, not `in`: Werkzeug's `in` raises and catches a KeyError for an absent header.
    if response.headers.getlist("Vary"):
        response.vary.add("Origin")
    else:
        response.headers.add("Vary", "Origin")
    return response


def init_app(app: Flask, policy: CorsPolicy) -> None:
    hooks = app.after_request_funcs.setdefault(None, [])
    before = list(hooks)
    CORS(
        app,
        origins=policy.origins,
        supports_credentials=policy.allow_credentials,
        methods=list(policy.methods),
        allow_headers=list(policy.headers),
        expose_headers=list(policy.expose_headers),
        max_age=policy.max_age_seconds,
        # flask-cors otherwise adds CORS headers to requests that carry no Origin, which are
        # not CORS requests; Starlette's middleware leaves them alone.
        always_send=False,
    )
    added = [cast(AfterRequest, hook) for hook in hooks if hook not in before]
    hooks[:] = [*before, *(only_with_origin(hook) for hook in added)]
    app.after_request(vary_on_origin)
