"""The same rules in every corner of each app: a subclass of a domain error, non-ASCII
credentials alike on every protected path, and an engine that is disposed when the app is
done."""

import gc

import httpx2
import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import Engine, event

from parity_tests.contract.helpers import add_get_route, basic_auth
from parity_tests.sides import App, Side, build_app, client_for
from shared.errors import NotFound

NON_ASCII_USER = ("jörg", "pässwörd")
ADMIN_INDEX = "/admin/"


class EmployeeGone(NotFound):
    pass


def raise_a_subclass_of_not_found() -> str:
    raise EmployeeGone("Employee 7 has left")


def needs_an_app_built_in_process(side: Side) -> None:
    if side.live:
        pytest.skip("needs an app built in-process; a live server is not")


def app_for(side: Side, **changes: object) -> App:
    return build_app(side.name, side.settings.model_copy(update=changes))


def test_a_subclass_of_a_domain_error_answers_like_its_parent(side: Side) -> None:
    needs_an_app_built_in_process(side)
    app = app_for(side)
    add_get_route(app, "/gone", raise_a_subclass_of_not_found)
    with client_for(app) as client:
        response = client.get("/gone")

    assert response.status_code == 404
    assert response.json() == {"detail": "Employee 7 has left"}


@pytest.mark.parametrize("path", ["/whoami", ADMIN_INDEX])
def test_utf8_credentials_open_every_protected_path_where_the_framework_reads_utf8(
    side: Side, path: str
) -> None:
    needs_an_app_built_in_process(side)
    user, password = NON_ASCII_USER
    app = app_for(side, auth_username=user, auth_password=SecretStr(password))
    with client_for(app) as client:
        response = client.get(path, headers=basic_auth(user, password))

    # Werkzeug decodes Basic credentials as UTF-8; FastAPI's HTTPBasic as ASCII only
    # (basic-credentials-ascii, which compat mode bridges).
    assert response.status_code == (401 if side.name == "fastapi" else 200)


def test_the_app_disposes_its_engine_once_it_is_done(side: Side) -> None:
    needs_an_app_built_in_process(side)
    disposed: list[Engine] = []
    app = build_app(side.name, side.settings)
    engine: Engine = (
        app.state.engine if isinstance(app, FastAPI) else app.extensions["twins"].engine
    )
    event.listen(engine, "engine_disposed", disposed.append)
    client: httpx2.Client
    with client_for(app) as client:
        assert client.get("/health").status_code == 200

    del app, client
    gc.collect()

    assert disposed == [engine]
