"""The OpenAPI schema of compat mode: what it really answers to a request that fails validation.

FastAPI documents a 422 with its own error list on every operation with parameters; with
flask_pydantic_validation_errors installed the answer is a 400 in flask-pydantic's shape, so
this replaces each 422 with that 400, beside what the operation's 400 already described. The
errors Werkzeug answers with a page (a body it cannot read, too large, of another type, a path
parameter its converter would refuse) are declared as text/html.

    document_flask_validation_errors(app)   # once, after the routes are added
"""

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel

REF = "#/components/schemas/{model}"


class FlaskPydanticError(BaseModel):
    """One error as pydantic reports it while flask-pydantic validates a model."""

    loc: list[str | int]
    msg: str
    type: str
    input: Any = None
    ctx: dict[str, Any] | None = None
    url: str | None = None


class FlaskValidationGroups(BaseModel):
    query_params: list[FlaskPydanticError] | None = None
    body_params: list[FlaskPydanticError] | None = None


class FlaskValidationError(BaseModel):
    validation_error: FlaskValidationGroups


JSON_REQUIRED = "The body is not labelled application/json: get_json's page."
DESCRIPTION = (
    "The query or the body fails validation: flask-pydantic's errors, grouped by where "
    "they were found (compat mode)"
)


def document_flask_validation_errors(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = generate()
        model_schema = FlaskValidationError.model_json_schema(ref_template=REF)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(model_schema.pop("$defs", {}))
        components[FlaskValidationError.__name__] = model_schema
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                responses = operation.setdefault("responses", {})
                _replace_422(responses, path_parameters=_has_path_parameters(operation))
                if "application/json" in operation.get("requestBody", {}).get("content", {}):
                    responses.setdefault("415", {"description": JSON_REQUIRED})
                _declare_pages(responses)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _has_path_parameters(operation: dict[str, Any]) -> bool:
    return any(parameter.get("in") == "path" for parameter in operation.get("parameters", []))


def _replace_422(responses: dict[str, Any], path_parameters: bool) -> None:
    if responses.pop("422", None) is None:
        return
    if path_parameters:
        responses.setdefault("404", {"description": "Not found: Werkzeug's page."})
    ours = {"$ref": REF.format(model=FlaskValidationError.__name__)}
    response = responses.setdefault("400", {"description": DESCRIPTION, "content": {}})
    if response["description"] != DESCRIPTION:
        response["description"] = f"{DESCRIPTION}; or: {response['description']}"
    json_content = response.setdefault("content", {}).setdefault("application/json", {})
    existing = json_content.get("schema")
    json_content["schema"] = {"anyOf": [ours, existing]} if existing else ours


# Werkzeug's pages, as compat mode sends them: 400 (an unreadable body), 404, 413, 415.
PAGE_STATUSES = ("400", "404", "413", "415")
PAGE = {"text/html": {"schema": {"type": "string"}}}


def _declare_pages(responses: dict[str, Any]) -> None:
    for status in PAGE_STATUSES:
        if status in responses:
            responses[status].setdefault("content", {}).update(PAGE)
