"""Clients that send their headers and then stall mid-body must not deny service to others."""

import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import httpx2
import pytest

from parity_tests.servers import PRODUCTION_SERVERS, ProductionServer, Server
from tests.transport.conftest import port_of

SLOW_CLIENTS = 40
HEALTH_DEADLINE_SECONDS = 2.0
CHECKS = 3
DECLARED_BODY_BYTES = 1000
# Long enough for every stalled request to have reached a worker and started reading its body.
SETTLE_SECONDS = 1.0


@contextmanager
def stalled_clients(port: int, count: int) -> Iterator[None]:
    """`count` connections that each send a request's headers and a few bytes of its body."""
    head = (
        "POST /employees HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        f"Content-Length: {DECLARED_BODY_BYTES}\r\n\r\n"
    ).encode()
    with ExitStack() as stack:
        for _ in range(count):
            sock = stack.enter_context(socket.create_connection(("127.0.0.1", port)))
            sock.sendall(head + b'{"name": "')
        time.sleep(SETTLE_SECONDS)
        yield


@pytest.mark.parametrize(
    "production_server", PRODUCTION_SERVERS, ids=[server.id for server in PRODUCTION_SERVERS]
)
def test_health_answers_within_two_seconds_while_forty_clients_stall_mid_body(
    servers: dict[str, Server], production_server: ProductionServer
) -> None:
    server = servers[production_server.id]
    with stalled_clients(port_of(server), SLOW_CLIENTS):
        answers = []
        for _ in range(CHECKS):
            started = time.monotonic()
            try:
                status = httpx2.get(
                    f"{server.url}/health", timeout=HEALTH_DEADLINE_SECONDS
                ).status_code
            except httpx2.TimeoutException:
                status = 0
            answers.append((status, time.monotonic() - started))

    assert all(status == 200 for status, _ in answers), answers
    assert all(seconds < HEALTH_DEADLINE_SECONDS for _, seconds in answers), answers
