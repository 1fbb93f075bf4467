"""A worker killed mid-request: the server replaces it, and requests on other workers and new
requests are answered as if nothing happened. Only the requests the dead worker held are lost.
"""

import os
import signal
import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack

import httpx2
import psutil
import pytest

from parity_tests.servers import PRODUCTION_SERVERS, ProductionServer, Server
from tests.transport.conftest import port_of
from tests.transport.wire import read_answer

DELAY_SECONDS = 3.0
MAX_IN_FLIGHT = 16
FRESH_REQUESTS = 10
REPLACEMENT_TIMEOUT_SECONDS = 30.0


def workers(server: Server) -> set[int]:
    """The master's children that serve the listening socket (not, say, a resource tracker)."""
    port = port_of(server)
    found = set()
    for child in psutil.Process(server.process.pid).children():
        try:
            connections = child.net_connections(kind="tcp")
        except psutil.NoSuchProcess:
            continue
        if any(c.status == psutil.CONN_LISTEN and c.laddr.port == port for c in connections):
            found.add(child.pid)
    return found


def owner(server: Server, sock: socket.socket) -> int | None:
    """The worker holding the server side of our connection, once it has accepted it."""
    client_port = sock.getsockname()[1]
    for pid in workers(server):
        try:
            connections = psutil.Process(pid).net_connections(kind="tcp")
        except psutil.NoSuchProcess:
            continue
        if any(c.raddr and c.raddr.port == client_port for c in connections):
            return pid
    return None


def in_flight(server: Server, stack: ExitStack) -> Iterator[tuple[socket.socket, int]]:
    """Slow requests, each on its own connection, with the worker that holds each, until two
    workers hold some. An async worker tends to accept every connection while it waits, so
    all may land on one: then the victim holds them all and only fresh requests remain."""
    request = f"GET /async?delay={DELAY_SECONDS} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode()
    owners: set[int] = set()
    for _ in range(MAX_IN_FLIGHT):
        sock = stack.enter_context(socket.create_connection(("127.0.0.1", port_of(server))))
        sock.sendall(request)
        pid = None
        deadline = time.monotonic() + DELAY_SECONDS / 2
        while pid is None and time.monotonic() < deadline:
            pid = owner(server, sock)
        if pid is not None:
            owners.add(pid)
            yield sock, pid
        if len(owners) >= 2:
            return


@pytest.mark.parametrize(
    "production_server", PRODUCTION_SERVERS, ids=[server.id for server in PRODUCTION_SERVERS]
)
def test_a_worker_killed_mid_request_is_replaced_and_no_other_request_is_affected(
    servers: dict[str, Server], production_server: ProductionServer
) -> None:
    server = servers[production_server.id]
    with ExitStack() as stack:
        before = workers(server)
        assert len(before) >= 2, (
            f"{production_server.label} runs {len(before)} worker(s): none can take over"
        )
        held = list(in_flight(server, stack))
        victim = held[0][1]

        os.kill(victim, signal.SIGKILL)
        fresh = [
            httpx2.get(f"{server.url}/health", timeout=10).status_code
            for _ in range(FRESH_REQUESTS)
        ]
        answers = [(pid, read_answer(sock).statuses) for sock, pid in held]
    deadline = time.monotonic() + REPLACEMENT_TIMEOUT_SECONDS
    while time.monotonic() < deadline and len(workers(server) - {victim}) < len(before):
        time.sleep(0.2)
    after = workers(server)

    survivors = [statuses for pid, statuses in answers if pid != victim]
    assert all(statuses == [200] for statuses in survivors), answers
    assert fresh == [200] * FRESH_REQUESTS
    assert server.process.poll() is None
    assert victim not in after, (before, after)
    assert len(after) == len(before), (before, after)
