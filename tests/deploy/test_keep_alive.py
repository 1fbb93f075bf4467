"""A kept-alive connection stays usable after each server refuses a body it did not read."""

import runpy

import httpx2
import pytest
import uvicorn
from gunicorn.config import Config

from parity_tests.servers import ROOT
from parity_tests.sides import CLIENT_KEEPALIVE_EXPIRY_SECONDS
from tests.deploy.conftest import StartServer

ROUNDS = 20
JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize("name", ["flask", "fastapi"])
def test_the_request_after_a_refused_oversized_body_is_answered_on_the_same_client(
    start_server: StartServer, name: str
) -> None:
    # gunicorn drains at most 64 KiB of a body the app left unread and then closes the
    # connection, so a 413 that promised keep-alive broke the client's next request.
    with start_server(name) as server, httpx2.Client(base_url=server.url) as client:
        oversized = b" " * (client.get("/settings").json()["max_body_bytes"] * 2 + 1)
        failures = []
        for _ in range(ROUNDS):
            refused = client.post("/employees", content=oversized, headers=JSON)
            try:
                follow_up = client.get("/")
            except httpx2.TransportError as error:
                failures.append(f"{refused.headers.get('connection')}: {error!r}")
                continue
            assert (refused.status_code, follow_up.status_code) == (413, 200)

    assert failures == []


def test_live_clients_let_go_of_idle_connections_before_either_server_closes_them() -> None:
    flask_config = runpy.run_path(str(ROOT / "flask_app/gunicorn.conf.py"))
    server_idle_timeouts = {
        "gunicorn": flask_config.get("keepalive", Config().keepalive),
        "uvicorn": uvicorn.Config(app="fastapi_app.asgi:app").timeout_keep_alive,
    }

    assert all(
        timeout > CLIENT_KEEPALIVE_EXPIRY_SECONDS for timeout in server_idle_timeouts.values()
    ), server_idle_timeouts
