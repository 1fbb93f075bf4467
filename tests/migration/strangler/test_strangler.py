"""The strangler: one ASGI app, FastAPI for the ported features and Flask for the rest, over one
database and one set of settings."""

import io
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from starlette.testclient import TestClient

from migration.strangler import (
    ALL,
    FEATURES,
    Porting,
    UnknownFeatureError,
    create_strangler,
    steps,
)
from parity_tests.contract.helpers import basic_auth, new_employee
from parity_tests.servers import ROOT, free_port, procfile_commands, running
from parity_tests.sides import isolated_settings, prepare_database
from shared.db import create_db_engine, create_session_factory
from shared.settings import Settings
from shared.uploads import store_upload

PROCESSING_TIMEOUT_SECONDS = 10.0
# What `make up-strangler` runs on port 8000, beside Flask on 5000.
STRANGLER_PROCFILE = ROOT / "Procfile.strangler"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = isolated_settings(tmp_path)
    prepare_database(settings)
    return settings


def strangler_client(settings: Settings, *ported: str) -> TestClient:
    app = create_strangler(settings, list(ported))
    return TestClient(app, raise_server_exceptions=False, follow_redirects=False)


@pytest.fixture
def employees_ported(settings: Settings) -> Iterator[TestClient]:
    with strangler_client(settings, "employees") as client:
        yield client


def test_a_ported_path_goes_to_fastapi_and_any_other_to_flask() -> None:
    porting = Porting.of(["employees", "static"])

    assert [porting.is_ported(path) for path in ("/employees/7", "/static/a.css", "/whoami")] == [
        True,
        True,
        False,
    ]


def test_with_everything_ported_fastapi_answers_unknown_paths_too() -> None:
    assert Porting.of([ALL]).is_ported("/no-such-page")
    assert not Porting.of(list(FEATURES)).is_ported("/no-such-page")


def test_a_feature_that_does_not_exist_is_refused() -> None:
    with pytest.raises(UnknownFeatureError, match="employes"):
        Porting.of(["employes"])


def test_the_steps_port_nothing_then_half_then_everything() -> None:
    assert [len(ported) for ported in steps().values()] == [0, len(FEATURES) // 2, 1]


def test_both_halves_share_one_database(employees_ported: TestClient, settings: Settings) -> None:
    created = employees_ported.post("/employees", json=new_employee(name="Katherine Johnson"))
    credentials = basic_auth(settings.auth_username, settings.auth_password.get_secret_value())

    # Flask-Admin's list (Flask, not ported) shows the row FastAPI (ported) wrote.
    listed = employees_ported.get("/admin/employee/", headers=credentials)

    assert created.status_code == 201
    assert listed.status_code == 200
    assert "Katherine Johnson" in listed.text


def test_one_requests_basic_credentials_work_on_both_sides(settings: Settings) -> None:
    credentials = basic_auth(settings.auth_username, settings.auth_password.get_secret_value())

    with strangler_client(settings, "auth") as client:
        on_fastapi = client.get("/whoami", headers=credentials)
        on_flask = client.get("/admin/", headers=credentials)
        refused_by_flask = client.get("/admin/", headers=basic_auth("admin", "wrong"))

    assert (on_fastapi.status_code, on_flask.status_code) == (200, 200)
    assert on_fastapi.json()["username"] == settings.auth_username
    assert refused_by_flask.status_code == 401


def test_the_start_up_of_both_halves_runs(settings: Settings) -> None:
    # An upload a stopped server accepted but never processed: the start-up recovers it.
    session = create_session_factory(create_db_engine(settings.database_url))()
    upload = store_upload(session, settings.upload_dir, "notes.txt", io.BytesIO(b"a b\nc\n"))
    session.close()

    with strangler_client(settings, "uploads") as client:
        assert client.get("/health").status_code == 200  # Flask: health is not ported
        deadline = time.monotonic() + PROCESSING_TIMEOUT_SECONDS
        while (status := client.get(f"/uploads/{upload.id}").json()["status"]) == "pending":
            assert time.monotonic() < deadline, "the pending upload was never recovered"
            time.sleep(0.05)

    assert status == "done"


def test_the_strangler_runs_on_uvicorn_as_make_up_strangler_starts_it(
    settings: Settings, tmp_path: Path
) -> None:
    environment = {**settings.as_environment(), "STRANGLER_PORTED": "hello,employees"}
    command = procfile_commands(STRANGLER_PROCFILE)["strangler"]

    log = tmp_path / "strangler.log"
    with running("fastapi", free_port(), environment, log, command) as server:
        hello = httpx2.get(f"{server.url}/")
        schema = httpx2.get(f"{server.url}/openapi.json")

    assert hello.json() == {"Hello": "World"}
    assert schema.status_code == 404  # Flask's answer: the docs are not ported
