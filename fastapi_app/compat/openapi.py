"""The OpenAPI schema of compat mode: what it really answers to a request that fails validation.

FastAPI documents a 422 with its own error list on every operation with parameters; with
flask_pydantic_validation_errors installed the answer is a 400 in flask-pydantic's shape, so
this replaces each 422 with that 400, beside what the operation's 400 already described.

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
                _replace_422(operation.get("responses", {}))
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _replace_422(responses: dict[str, Any]) -> None:
    if responses.pop("422", None) is None:
        return
    ours = {"$ref": REF.format(model=FlaskValidationError.__name__)}
    response = responses.setdefault("400", {"description": DESCRIPTION, "content": {}})
    if response["description"] != DESCRIPTION:
        response["description"] = f"{DESCRIPTION}; or: {response['description']}"
    json_content = response.setdefault("content", {}).setdefault("application/json", {})
    existing = json_content.get("schema")
    json_content["schema"] = {"anyOf": [ours, existing]} if existing else ours
