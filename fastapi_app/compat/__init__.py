"""Compat mode: the FastAPI app answers like the Flask app wherever a bridge can be built.

Each bridge is a small piece a migrating team can copy on its own; `init_app` switches them all
on (COMPAT=flask). The parity registry (parity_tests/registry.py) names the bridge of each
difference, or says why there is none; docs/migration.md lists them per endpoint.

The bridges, each with the registry entries it removes:

- errors.flask_pydantic_validation_errors (exception handler): validation-error-format,
  malformed-json, json-content-type-required, non-object-body, path-converter-mismatch,
  multipart-file-missing
- errors.werkzeug_http_errors (exception handler): werkzeug-html-errors,
  allow-header-per-route, multipart-parse-error
- json.FlaskJSONResponse (response class) and json.jsonified: jsonify-encoding
- routing.AutomaticHeadMiddleware: automatic-head
- routing.AutomaticOptionsMiddleware: automatic-options
- routing.WerkzeugSlashesMiddleware: trailing-slash-redirect
- routing.EmptyResponseMimetypeMiddleware: empty-response-content-type
- query.FirstQueryValueMiddleware: repeated-query-parameter
- static.FlaskStaticFiles (a StaticFiles class): static-file-headers
- server_errors.FlaskServerErrorMiddleware: unhandled-error-body, errors-outside-cors
- openapi.document_flask_validation_errors: /docs and /openapi.json describe the 400
"""

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from fastapi_app.compat.errors import flask_pydantic_validation_errors, werkzeug_http_errors
from fastapi_app.compat.json import jsonified
from fastapi_app.compat.openapi import document_flask_validation_errors
from fastapi_app.compat.query import FirstQueryValueMiddleware
from fastapi_app.compat.routing import (
    AutomaticHeadMiddleware,
    AutomaticOptionsMiddleware,
    EmptyResponseMimetypeMiddleware,
    WerkzeugSlashesMiddleware,
)
from fastapi_app.compat.server_errors import FlaskServerErrorMiddleware
from fastapi_app.compat.static import FlaskStaticFiles

__all__ = ["FlaskStaticFiles", "add_middleware", "init_app"]


def init_app(app: FastAPI) -> None:
    """The handlers and the schema; call after the app's own handlers are registered."""
    for error_class, handler in list(app.exception_handlers.items()):
        # The app's own JSON errors (domain errors, 503) in jsonify's encoding.
        app.add_exception_handler(error_class, jsonified(handler))
    app.add_exception_handler(RequestValidationError, flask_pydantic_validation_errors)
    app.add_exception_handler(StarletteHTTPException, werkzeug_http_errors)
    document_flask_validation_errors(app)


def add_middleware(app: FastAPI) -> None:
    """The routing bridges, innermost: call before CORSMiddleware is added, so that a CORS
    preflight is still answered by CORS and every bridged answer passes through it."""
    app.add_middleware(FlaskServerErrorMiddleware)
    app.add_middleware(EmptyResponseMimetypeMiddleware)
    app.add_middleware(AutomaticOptionsMiddleware)
    app.add_middleware(WerkzeugSlashesMiddleware)
    app.add_middleware(AutomaticHeadMiddleware)
    app.add_middleware(FirstQueryValueMiddleware)
