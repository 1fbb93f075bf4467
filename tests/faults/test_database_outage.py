"""The database goes away while both apps serve, then comes back: no 500 page, no restart.

Both servers reach PostgreSQL through a TCP proxy this test owns; cutting it drops their
connections and refuses new ones, as when the database host goes down.
"""

import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from sqlalchemy import make_url

from parity_tests.contract.helpers import new_employee
from parity_tests.databases import must_not_skip, postgres_database, postgres_unavailable_reason
from parity_tests.live import live_environment
from parity_tests.servers import Server, free_port, running
from parity_tests.sides import prepare_database
from shared.settings import Settings
from tests.faults.tcp_proxy import TcpProxy, tcp_proxy

RECOVERY_TIMEOUT_SECONDS = 20.0
APPS = ("flask", "fastapi")


@pytest.fixture(scope="module")
def proxied_servers(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[TcpProxy, dict[str, Server]]]:
    reason = postgres_unavailable_reason()
    if reason and must_not_skip():
        pytest.fail(f"{reason}: CI tests the database outage on PostgreSQL")
    if reason:
        pytest.skip(f"the outage is cut between the servers and PostgreSQL: {reason}")
    workdir: Path = tmp_path_factory.mktemp("outage")
    with postgres_database() as direct_url:
        prepare_database(Settings(database_url=direct_url))
        database = make_url(direct_url)
        with tcp_proxy((database.host or "127.0.0.1", database.port or 5432)) as proxy:
            proxied_url = database.set(host="127.0.0.1", port=proxy.port)
            environment = live_environment(proxied_url.render_as_string(False), workdir)
            with (
                running("flask", free_port(), environment, workdir / "flask.log") as flask,
                running("fastapi", free_port(), environment, workdir / "fastapi.log") as fastapi,
            ):
                yield proxy, {"flask": flask, "fastapi": fastapi}


def answers_while_away(server: Server) -> dict[str, tuple[int, str, object]]:
    with httpx2.Client(base_url=server.url, timeout=10) as client:
        responses = {
            "GET /health": client.get("/health"),
            "GET /employees": client.get("/employees"),
            "POST /employees": client.post("/employees", json=new_employee()),
        }
    return {
        request: (
            response.status_code,
            response.headers.get("content-type", ""),
            response.json() if "json" in response.headers.get("content-type", "") else None,
        )
        for request, response in responses.items()
    }


def serves_again(server: Server) -> bool:
    try:
        with httpx2.Client(base_url=server.url, timeout=5) as client:
            return (client.get("/health").status_code, client.get("/employees").status_code) == (
                200,
                200,
            )
    except httpx2.TransportError:
        return False


def test_while_the_database_is_away_every_answer_is_a_503_in_json(
    proxied_servers: tuple[TcpProxy, dict[str, Server]],
) -> None:
    proxy, servers = proxied_servers
    assert all(serves_again(server) for server in servers.values())

    proxy.cut()
    try:
        away = {name: answers_while_away(server) for name, server in servers.items()}
    finally:
        proxy.restore()

    for name in APPS:
        for request, (status, content_type, body) in away[name].items():
            assert (status, content_type) == (503, "application/json"), (name, request)
            assert isinstance(body, dict), (name, request, body)
        assert away[name]["GET /health"][2] == {"status": "unavailable", "database": "unreachable"}


def test_both_apps_serve_again_without_a_restart_once_the_database_is_back(
    proxied_servers: tuple[TcpProxy, dict[str, Server]],
) -> None:
    proxy, servers = proxied_servers
    pids = {name: server.process.pid for name, server in servers.items()}
    proxy.cut()
    for server in servers.values():
        assert httpx2.get(f"{server.url}/employees", timeout=10).status_code == 503

    proxy.restore()
    deadline = time.monotonic() + RECOVERY_TIMEOUT_SECONDS
    recovered: set[str] = set()
    while recovered != set(APPS) and time.monotonic() < deadline:
        recovered |= {name for name, server in servers.items() if serves_again(server)}
        time.sleep(0.2)

    assert recovered == set(APPS)
    assert all(server.process.poll() is None for server in servers.values())
    assert {name: server.process.pid for name, server in servers.items()} == pids
