"""Exception handlers that answer FastAPI's errors as a Flask app with flask-pydantic does.

    app.add_exception_handler(RequestValidationError, flask_pydantic_validation_errors)
    app.add_exception_handler(StarletteHTTPException, werkzeug_http_errors)

`flask_pydantic_validation_errors` bridges, in the order Flask meets them:
- path-converter-mismatch: a path parameter that fails validation is Werkzeug's 404 page,
  because a Werkzeug converter would not have matched the URL at all;
- json-content-type-required: a JSON body sent with another Content-Type is get_json's 415;
- malformed-json: a body that is not JSON (or empty) is Werkzeug's 400 page;
- non-object-body: a JSON body that is not an object is a 400 with a JSON detail;
- multipart-file-missing: an upload without its file field is the Flask view's own 400;
- validation-error-format: everything else is 400 {"validation_error": {"query_params": [...],
  "body_params": [...]}}, each list what flask-pydantic reports: the errors of validating the
  query or body model with its raw input, locations relative to that model.

`werkzeug_http_errors` bridges werkzeug-html-errors and allow-header-per-route: Starlette's
404, 405 and 413 become Werkzeug's pages, a 405's Allow lists every method of the URL, and an
HTTPException the app raised with its own detail stays JSON, in jsonify's encoding.
"""

from http import HTTPStatus
from typing import Any

from fastapi import params
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response

from migration.compat.json import FlaskJSONResponse
from migration.compat.pages import werkzeug_page
from migration.compat.routing import allow_header, methods_at
from shared.uploads import MISSING_FILE_DETAIL
from shared.validation import public_errors

# Werkzeug's description of the 415 that Flask's get_json raises.
JSON_REQUIRED = (
    "Did not attempt to load JSON data because the request Content-Type was not 'application/json'."
)
NOT_AN_OBJECT = "The request body must be a JSON object."
# What FastAPI's route says when a body cannot be decoded (fastapi.routing, not a constant
# there); Flask's get_json answers Werkzeug's 400 page.
FASTAPI_UNREADABLE_BODY = "There was an error parsing the body"
# Statuses that only Werkzeug itself raises in a Flask app: always its HTML page.
WERKZEUG_STATUSES = frozenset({404, 405, 413})
# flask-pydantic's group for each of FastAPI's locations.
GROUPS = {"query": "query_params", "body": "body_params", "path": "path_params"}


async def werkzeug_http_errors(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    status, headers = error.status_code, dict(error.headers or {})
    if status == 405:
        headers["Allow"] = allow_header(methods_at(request.scope))
    if status in WERKZEUG_STATUSES or error.detail in (
        HTTPStatus(status).phrase,
        FASTAPI_UNREADABLE_BODY,
    ):
        return werkzeug_page(status, headers=headers)
    if status == 400 and _is_multipart(request):
        # Werkzeug reads a multipart body it cannot split as an empty form.
        return FlaskJSONResponse({"detail": MISSING_FILE_DETAIL}, 400)
    return FlaskJSONResponse({"detail": error.detail}, status, headers=headers)


async def flask_pydantic_validation_errors(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    errors = error.errors()
    where = {str(item["loc"][0]) for item in errors if item.get("loc")}
    route = request.scope.get("route")
    if "path" in where:
        return werkzeug_page(404)
    if "body" in where and _reads_json(route) and not _is_json(request):
        return werkzeug_page(415, JSON_REQUIRED)
    whole_body = [item for item in errors if tuple(item["loc"]) == ("body",)]
    unreadable = [item for item in errors if item["type"] == "json_invalid"]
    if unreadable or any(item["type"] == "missing" for item in whole_body):
        return werkzeug_page(400)
    if whole_body:
        return FlaskJSONResponse({"detail": NOT_AN_OBJECT}, 400)
    if isinstance(route, APIRoute) and _is_form_route(route):
        # The Flask view reads request.files itself; its only error is a missing file.
        return FlaskJSONResponse({"detail": MISSING_FILE_DETAIL}, 400)
    groups = {
        GROUPS[location]: public_errors(_as_flask_pydantic(request, route, location, error))
        for location in ("query", "body")
        if location in where
    }
    return FlaskJSONResponse({"validation_error": jsonable_encoder(groups)}, 400)


def _as_flask_pydantic(
    request: Request, route: object, location: str, error: RequestValidationError
) -> list[dict[str, Any]]:
    """What flask-pydantic reports for one location: the model validated with the raw input
    (pydantic's full errors, with their documentation URL), or, where the route has no one
    model there, FastAPI's errors with the location taken off."""
    model = _model_for(route, location)
    raw = dict(request.query_params) if location == "query" else error.body
    if model is not None and isinstance(raw, dict):
        try:
            model.model_validate(raw)
        except ValidationError as found:
            return [_with_exception_described(dict(item)) for item in found.errors()]
    return [
        _with_exception_described({**item, "loc": list(item["loc"][1:])})
        for item in error.errors()
        if item["loc"][0] == location
    ]


def _with_exception_described(error: dict[str, Any]) -> dict[str, Any]:
    """flask-pydantic's own step: the exception a validator raised, which pydantic leaves in
    ctx["error"] and jsonable_encoder would write as {}, becomes its type and message."""
    context = error.get("ctx")
    if isinstance(context, dict) and isinstance(context.get("error"), Exception):
        raised = context["error"]
        described = {"type": type(raised).__name__, "message": str(raised)}
        return {**error, "ctx": {**context, "error": described}}
    return error


def _model_for(route: object, location: str) -> type[BaseModel] | None:
    if not isinstance(route, APIRoute):
        return None
    dependant = route.dependant
    fields = dependant.body_params if location == "body" else dependant.query_params
    if len(fields) != 1:
        return None
    annotation = fields[0].field_info.annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _reads_json(route: object) -> bool:
    if not isinstance(route, APIRoute) or route.body_field is None:
        return False
    return not _is_form_route(route)


def _is_form_route(route: APIRoute) -> bool:
    return any(isinstance(field.field_info, params.Form) for field in route.dependant.body_params)


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _is_json(request: Request) -> bool:
    """Werkzeug's Request.is_json: application/json or application/*+json."""
    mimetype = _content_type(request)
    return mimetype == "application/json" or (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    )


def _is_multipart(request: Request) -> bool:
    return _content_type(request) == "multipart/form-data"
