"""Both apps on one database, as during a migration from one to the other."""

from collections.abc import Iterator

import httpx2
import pytest

from parity_tests.contract.helpers import new_employee
from tests.deploy.conftest import StartServer


@pytest.fixture(scope="module")
def clients(start_server: StartServer) -> Iterator[tuple[httpx2.Client, httpx2.Client]]:
    with (
        start_server("flask") as flask,
        start_server("fastapi") as fastapi,
        httpx2.Client(base_url=flask.url) as flask_client,
        httpx2.Client(base_url=fastapi.url) as fastapi_client,
    ):
        yield flask_client, fastapi_client


@pytest.mark.parametrize("writer", ["flask", "fastapi"])
def test_an_employee_written_by_one_app_reads_back_identically_through_the_other(
    clients: tuple[httpx2.Client, httpx2.Client], writer: str
) -> None:
    flask, fastapi = clients
    write, read = (flask, fastapi) if writer == "flask" else (fastapi, flask)

    created = write.post("/employees", json=new_employee(name="Zoë Ångström"))
    location = created.headers["location"]
    patched = write.patch(location, json={"salary": 1})

    assert created.status_code == 201
    assert read.get(location).json() == patched.json()
    assert flask.get(location).content == fastapi.get(location).content


def test_a_deletion_through_one_app_is_seen_by_the_other(
    clients: tuple[httpx2.Client, httpx2.Client],
) -> None:
    flask, fastapi = clients
    location = fastapi.post("/employees", json=new_employee()).headers["location"]

    deleted = flask.delete(location)

    assert deleted.status_code == 204
    assert fastapi.get(location).status_code == 404
