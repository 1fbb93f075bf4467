"""FastAPI's OpenAPI schema, loaded by Schemathesis: the contract both apps are held to."""

import copy
from functools import cache
from typing import Any

import schemathesis
from schemathesis.specs.openapi.schemas import OpenApiSchema

from fastapi_app import create_app
from shared.settings import Settings


@cache
def _built_openapi() -> dict[str, Any]:
    # The schema only: an app on an in-memory database that nothing connects to.
    document: dict[str, Any] = create_app(Settings(database_url="sqlite://")).openapi()
    return document


def twin_openapi() -> dict[str, Any]:
    """The FastAPI twin's OpenAPI document, a copy of its own for each caller to keep."""
    return copy.deepcopy(_built_openapi())


def load_contract() -> OpenApiSchema:
    return schemathesis.openapi.from_dict(twin_openapi())
