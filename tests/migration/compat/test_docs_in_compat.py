"""In compat mode /docs keeps working, and the schema describes what compat mode answers: the
same requests as the contract test, each answer checked against the compat app's own schema."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.schemas import OpenApiSchema
from starlette.testclient import TestClient

from migration.compat import create_compat_app
from parity_tests.contract.test_openapi import CHECKS, EXCHANGES
from parity_tests.contract_schema import load_contract
from parity_tests.sides import client_for, isolated_settings, prepare_database
from shared.settings import Settings


@pytest.fixture(scope="module")
def compat_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = isolated_settings(Path(tmp_path_factory.mktemp("compat-docs")))
    prepare_database(settings)
    return settings


@pytest.fixture(scope="module")
def compat_client(compat_settings: Settings) -> Iterator[TestClient]:
    with client_for(create_compat_app(compat_settings)) as client:
        assert isinstance(client, TestClient)
        yield client


@pytest.fixture(scope="module")
def compat_schema(compat_client: TestClient) -> OpenApiSchema:
    return schemathesis.openapi.from_dict(compat_client.get("/openapi.json").json())


def test_swagger_ui_still_answers_in_compat_mode(compat_client: TestClient) -> None:
    response = compat_client.get("/docs")

    assert response.status_code == 200
    assert "Swagger UI" in response.text


def test_the_schema_declares_the_400_of_flask_pydantic_not_a_422(
    compat_client: TestClient,
) -> None:
    operation = compat_client.get("/openapi.json").json()["paths"]["/employees"]["post"]

    assert "422" not in operation["responses"]
    json_schema = str(operation["responses"]["400"]["content"]["application/json"])
    assert "FlaskValidationError" in json_schema


@pytest.mark.parametrize("exchange", EXCHANGES)
def test_every_compat_answer_is_one_its_schema_declares(
    exchange: str,
    compat_client: TestClient,
    compat_settings: Settings,
    compat_schema: OpenApiSchema,
) -> None:
    method, path, response = EXCHANGES[exchange](compat_client, compat_settings)

    parameters = {"employee_id": "0", "upload_id": "0"}
    parameters = {
        name: response.url.path.rsplit("/", 1)[-1] for name in parameters if f"{{{name}}}" in path
    }
    case = compat_schema[path][method].Case(path_parameters=parameters)
    response.request.read()
    case.validate_response(response, checks=CHECKS)


def test_the_default_schema_would_not_declare_the_compat_answer(
    compat_client: TestClient, compat_settings: Settings
) -> None:
    method, path, response = EXCHANGES["a validation error"](compat_client, compat_settings)
    case = load_contract()[path][method].Case()
    response.request.read()

    with pytest.raises(FailureGroup, match="1 distinct failure"):
        case.validate_response(response, checks=CHECKS)
