"""Compat mode: the FastAPI app answers like the Flask app wherever a bridge can be built.

Each bridge is a small piece a migrating team can copy on its own; `create_compat_app` builds
the FastAPI twin exactly as `fastapi_app.create_app` does and switches them all on
(`uvicorn --factory migration.compat:create_compat_app`); the twin knows nothing of them.
The parity registry (parity_tests/registry.py) names the bridge of each difference, or says
why there is none; docs/migration.md lists them per endpoint.

The bridges, each with the registry entries it removes:

- errors.flask_pydantic_validation_errors (exception handler): validation-error-format,
  malformed-json, json-content-type-required, non-object-body, path-converter-mismatch,
  multipart-file-missing
- errors.werkzeug_http_errors (exception handler) and limits.WerkzeugBodyLimitPage:
  werkzeug-html-errors, allow-header-per-route, multipart-parse-error
- json.FlaskJSONResponse (response class) and json.jsonified: jsonify-encoding
- routing.AutomaticHeadMiddleware: automatic-head
- routing.AutomaticOptionsMiddleware: automatic-options
- routing.WerkzeugSlashesMiddleware: trailing-slash-redirect
- routing.EmptyResponseMimetypeMiddleware: empty-response-content-type
- query.FirstQueryValueMiddleware: repeated-query-parameter
- static.FlaskStaticFiles (a StaticFiles class): static-file-headers
- server_errors.FlaskServerErrorMiddleware: unhandled-error-body, errors-outside-cors,
  process-time-outside-server-errors
- security.FlaskBasic (a dependency override): basic-credentials-ascii, basic-challenge-realm
- hosts.WerkzeugHostRefusal (TrustedHostMiddleware, refusing as Werkzeug does):
  untrusted-host-page
- openapi.document_flask_validation_errors: /docs and /openapi.json describe the 400
"""

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Mount

from fastapi_app import create_app
from fastapi_app.additions import BodySizeLimitMiddleware
from fastapi_app.routes import auth
from migration.compat.errors import flask_pydantic_validation_errors, werkzeug_http_errors
from migration.compat.hosts import WerkzeugHostRefusal
from migration.compat.json import jsonified
from migration.compat.limits import WerkzeugBodyLimitPage
from migration.compat.openapi import document_flask_validation_errors
from migration.compat.query import FirstQueryValueMiddleware
from migration.compat.routing import (
    AutomaticHeadMiddleware,
    AutomaticOptionsMiddleware,
    EmptyResponseMimetypeMiddleware,
    WerkzeugSlashesMiddleware,
)
from migration.compat.security import FlaskBasic
from migration.compat.server_errors import FlaskServerErrorMiddleware
from migration.compat.static import FlaskStaticFiles
from shared.pages import STATIC_DIR
from shared.settings import Settings

__all__ = ["FlaskStaticFiles", "create_compat_app"]

# Outermost first: each answers before the bridges after it see the request.
ROUTING_BRIDGES = (
    FirstQueryValueMiddleware,
    AutomaticHeadMiddleware,
    WerkzeugSlashesMiddleware,
    AutomaticOptionsMiddleware,
    EmptyResponseMimetypeMiddleware,
    FlaskServerErrorMiddleware,
)


def create_compat_app(settings: Settings | None = None) -> FastAPI:
    """The FastAPI twin, answering like the Flask twin wherever a bridge exists."""
    settings = settings or Settings()
    app = create_app(settings)
    add_exception_handlers(app)
    read_basic_as_flask(app, settings.auth_realm)
    # Werkzeug redirects slashes its own way (routing.WerkzeugSlashesMiddleware).
    app.router.redirect_slashes = False
    serve_static_files_as_flask(app)
    arrange_middleware(app, settings)
    return app


def add_exception_handlers(app: FastAPI) -> None:
    """The handlers and the schema; after the app's own handlers are registered."""
    for error_class, handler in list(app.exception_handlers.items()):
        # The app's own JSON errors (domain errors, 503) in jsonify's encoding.
        app.add_exception_handler(error_class, jsonified(handler))
    app.add_exception_handler(RequestValidationError, flask_pydantic_validation_errors)
    app.add_exception_handler(StarletteHTTPException, werkzeug_http_errors)
    document_flask_validation_errors(app)


def read_basic_as_flask(app: FastAPI, realm: str) -> None:
    """FlaskBasic for the API's Basic dependency, and for SQLAdmin's backend, which calls its
    reader itself (no dependency to override)."""
    app.dependency_overrides[auth.security] = FlaskBasic(realm=realm)
    backend = app.state.admin.authentication_backend
    backend.read_credentials = FlaskBasic(realm=realm, auto_error=False)


def serve_static_files_as_flask(app: FastAPI) -> None:
    app.router.routes = [
        route
        for route in app.router.routes
        if not (isinstance(route, Mount) and route.name == "static")
    ]
    app.mount("/static", FlaskStaticFiles(directory=STATIC_DIR), name="static")


def arrange_middleware(app: FastAPI, settings: Settings) -> None:
    """The twin's middleware (outermost first in `user_middleware`), rearranged where Flask
    answers from another layer, and the routing bridges innermost, inside CORS, so that a
    preflight is still CORS's and every bridged answer passes through it."""
    stack = app.user_middleware
    stack.pop(_index(stack, TrustedHostMiddleware))
    # Flask refuses a foreign Host inside flask-cors: its 400 gets Vary and the CORS headers.
    stack.insert(
        _index(stack, CORSMiddleware) + 1,
        Middleware(WerkzeugHostRefusal, allowed_hosts=settings.allowed_hosts),
    )
    stack.insert(
        _index(stack, BodySizeLimitMiddleware),
        Middleware(WerkzeugBodyLimitPage, max_body_bytes=settings.max_body_bytes),
    )
    stack.extend(Middleware(bridge) for bridge in ROUTING_BRIDGES)


def _index(stack: list[Middleware], cls: object) -> int:
    return next(index for index, middleware in enumerate(stack) if middleware.cls == cls)
