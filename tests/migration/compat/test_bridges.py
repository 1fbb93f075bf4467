"""Each bridge on its own, on a bare FastAPI app: a team can take one piece without the rest."""

import base64
from pathlib import Path
from typing import Annotated

import pytest
from fastapi import Depends, FastAPI, Query
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import AfterValidator, BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.testclient import TestClient

from migration.compat.errors import flask_pydantic_validation_errors, werkzeug_http_errors
from migration.compat.hosts import WerkzeugHostRefusal
from migration.compat.json import FlaskJSONResponse
from migration.compat.limits import WerkzeugBodyLimitPage
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


class Item(BaseModel):
    name: str
    count: int = 1


def _one_word(value: str) -> str:
    if " " in value:
        raise ValueError("must be one word")
    return value


class Tag(BaseModel):
    name: Annotated[str, AfterValidator(_one_word)]


def bare_app() -> FastAPI:
    app = FastAPI(redirect_slashes=False)

    @app.get("/items")
    def list_items(limit: int = Query(default=10, ge=1)) -> dict[str, int]:
        return {"limit": limit}

    @app.post("/items", status_code=201)
    def create_item(item: Item) -> Item:
        return item

    @app.post("/tags", status_code=201)
    def create_tag(tag: Tag) -> Tag:
        return tag

    @app.delete("/items/{item_id}", status_code=204)
    def delete_item(item_id: int) -> None:
        return None

    @app.get("/folder/")
    def folder() -> dict[str, str]:
        return {"folder": "yes"}

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    return app


@pytest.fixture
def app() -> FastAPI:
    return bare_app()


def client_of(app: FastAPI) -> TestClient:
    """A client for the app once its bridge is added (Starlette builds the stack on the
    first request, and refuses middleware after that)."""
    return TestClient(app, raise_server_exceptions=False)


def test_flask_json_response_escapes_sorts_and_ends_with_a_newline() -> None:
    response = FlaskJSONResponse({"z": 1, "detail": "zoë"})

    assert response.body == b'{"detail":"zo\\u00eb","z":1}\n'


def test_validation_errors_are_flask_pydantics_400(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, flask_pydantic_validation_errors)
    client = client_of(app)

    response = client.post("/items", json={"name": "x", "count": "many"})

    assert response.status_code == 400
    [error] = response.json()["validation_error"]["body_params"]
    assert (error["loc"], error["type"]) == (["count"], "int_parsing")
    assert error["url"].startswith("https://errors.pydantic.dev/")


def test_a_validators_error_is_described_by_its_type_and_message_as_flask_pydantic_does(
    app: FastAPI,
) -> None:
    app.add_exception_handler(RequestValidationError, flask_pydantic_validation_errors)
    client = client_of(app)

    response = client.post("/tags", json={"name": "two words"})

    [error] = response.json()["validation_error"]["body_params"]
    assert error["ctx"] == {"error": {"type": "ValueError", "message": "must be one word"}}


def test_a_path_parameter_that_fails_validation_is_werkzeugs_404(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, flask_pydantic_validation_errors)
    client = client_of(app)

    response = client.delete("/items/abc")

    assert (response.status_code, response.headers["content-type"]) == (
        404,
        "text/html; charset=utf-8",
    )
    assert "<h1>Not Found</h1>" in response.text


def test_a_json_body_with_another_content_type_is_get_jsons_415(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, flask_pydantic_validation_errors)
    client = client_of(app)

    response = client.post("/items", content=b"{}", headers={"Content-Type": "text/plain"})

    assert response.status_code == 415
    assert "Content-Type was not &#39;application/json&#39;" in response.text


def test_a_405_is_werkzeugs_page_with_every_method_of_the_url(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, werkzeug_http_errors)
    client = client_of(app)

    response = client.put("/items")

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, OPTIONS, POST"
    assert "<h1>Method Not Allowed</h1>" in response.text


def test_head_answers_the_get_routes_headers_without_a_body(app: FastAPI) -> None:
    app.add_middleware(AutomaticHeadMiddleware)
    client = client_of(app)

    response = client.head("/items")

    assert (response.status_code, response.content) == (200, b"")
    assert response.headers["content-length"] == str(len(client.get("/items").content))


def test_options_answers_200_with_allow(app: FastAPI) -> None:
    app.add_middleware(AutomaticOptionsMiddleware)
    client = client_of(app)

    response = client.options("/items")

    assert (response.status_code, response.content) == (200, b"")
    assert response.headers["allow"] == "GET, HEAD, OPTIONS, POST"


def test_options_on_an_unknown_path_is_left_to_the_app(app: FastAPI) -> None:
    app.add_middleware(AutomaticOptionsMiddleware)
    client = client_of(app)

    assert client.options("/nowhere").status_code == 404


def test_a_missing_trailing_slash_is_redirected_with_308(app: FastAPI) -> None:
    app.add_middleware(WerkzeugSlashesMiddleware)
    client = client_of(app)

    response = client.get("/folder", follow_redirects=False)

    assert (response.status_code, response.headers["location"]) == (
        308,
        "http://testserver/folder/",
    )
    assert client.get("/items/", follow_redirects=False).status_code == 404


def test_the_first_of_a_repeated_query_parameter_wins(app: FastAPI) -> None:
    app.add_middleware(FirstQueryValueMiddleware)
    client = client_of(app)

    assert client.get("/items?limit=3&limit=5").json() == {"limit": 3}


def test_a_repeatable_query_parameter_keeps_every_value() -> None:
    middleware = FirstQueryValueMiddleware(bare_app(), repeatable={"tag"})

    assert middleware.first_values(b"tag=a&tag=b&x=1&x=2") == b"tag=a&tag=b&x=1"


def test_a_204_is_labelled_as_flask_labels_it(app: FastAPI) -> None:
    app.add_middleware(EmptyResponseMimetypeMiddleware)
    client = client_of(app)

    assert client.delete("/items/1").headers["content-type"] == "text/html; charset=utf-8"


def test_an_unhandled_error_is_werkzeugs_500_page(app: FastAPI) -> None:
    app.add_middleware(FlaskServerErrorMiddleware)
    client = client_of(app)

    response = client.get("/boom")

    assert response.status_code == 500
    assert "<h1>Internal Server Error</h1>" in response.text


def test_static_files_carry_send_files_headers(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("hello")
    app = FastAPI()
    app.mount("/static", FlaskStaticFiles(directory=tmp_path))

    with TestClient(app) as client:
        response = client.get("/static/a.txt")
        not_modified = client.get(
            "/static/a.txt", headers={"If-None-Match": response.headers["etag"]}
        )

    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["content-disposition"] == "inline; filename=a.txt"
    assert not_modified.status_code == 304
    assert not_modified.headers["accept-ranges"] == "bytes"


def test_a_declared_body_over_the_limit_gets_werkzeugs_413_page(app: FastAPI) -> None:
    app.add_middleware(WerkzeugBodyLimitPage, max_body_bytes=20)
    client = client_of(app)

    response = client.post("/items", content=b"x" * 21, headers={"Content-Type": "text/plain"})
    within = client.post("/items", json={"name": "x"})

    assert response.status_code == 413
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "<title>413 Request Entity Too Large</title>" in response.text
    assert within.status_code == 201


def test_a_foreign_host_gets_werkzeugs_page_naming_it(app: FastAPI) -> None:
    app.add_middleware(WerkzeugHostRefusal, allowed_hosts=["testserver"])
    client = client_of(app)

    refused = client.get("/items", headers={"Host": "evil.example"})
    allowed = client.get("/items")

    assert refused.status_code == 400
    assert refused.headers["content-type"] == "text/html; charset=utf-8"
    assert "Host &#39;evil.example&#39; is not trusted." in refused.text
    assert "Invalid host header" not in refused.text
    assert allowed.json() == {"limit": 10}


def test_the_host_bridge_leaves_the_apps_own_400_alone(app: FastAPI) -> None:
    @app.get("/refuse")
    def refuse() -> None:
        raise StarletteHTTPException(400, "the app's own refusal")

    app.add_middleware(WerkzeugHostRefusal, allowed_hosts=["testserver"])

    response = client_of(app).get("/refuse")

    assert response.json() == {"detail": "the app's own refusal"}


def basic_app(reader: HTTPBasic) -> FastAPI:
    app = FastAPI()

    @app.get("/me")
    def me(credentials: Annotated[HTTPBasicCredentials, Depends(reader)]) -> dict[str, str]:
        return {"username": credentials.username}

    return app


def test_flask_basic_reads_utf8_credentials_that_httpbasic_refuses() -> None:
    header = {"Authorization": "Basic " + base64.b64encode("jörg:pässword".encode()).decode()}
    plain = client_of(basic_app(HTTPBasic())).get("/me", headers=header)

    bridged = client_of(basic_app(FlaskBasic(realm="twins"))).get("/me", headers=header)

    assert plain.status_code == 401
    assert bridged.json() == {"username": "jörg"}


def test_flask_basic_challenges_with_its_realm() -> None:
    response = client_of(basic_app(FlaskBasic(realm="twins"))).get("/me")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Basic realm="twins"'
