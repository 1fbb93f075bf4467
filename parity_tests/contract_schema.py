"""FastAPI's OpenAPI schema, loaded by Schemathesis: the contract both apps are held to."""

import schemathesis
from schemathesis.specs.openapi.schemas import OpenApiSchema

from fastapi_app import create_app
from shared.settings import Settings


def load_contract() -> OpenApiSchema:
    # The schema only: an app on an in-memory database that nothing connects to.
    app = create_app(Settings(database_url="sqlite://"))
    return schemathesis.openapi.from_dict(app.openapi())
