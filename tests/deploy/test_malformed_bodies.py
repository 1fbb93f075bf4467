"""A request body the server cannot decode is the client's error, on every server: a 400.

The server decodes chunked encoding while the app reads the body, so the failure surfaces
inside the app: gunicorn raised InvalidChunkSize from wsgi.input and Flask answered 500.
These need real servers and raw sockets: no HTTP client library sends a malformed chunk.
"""

import socket
from collections.abc import Iterator

import pytest

from parity_tests.servers import Server
from tests.deploy.conftest import StartServer

CHUNKED_POST = (
    b"POST /employees HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
)
MALFORMED_CHUNKS = {
    "a chunk size that is not hex": b"zz\r\n{}\r\n0\r\n\r\n",
    "a chunk without its CRLF": b"2\r\n{}XX0\r\n\r\n",
    "a chunk size line with no end": b"2" * 9_000,
}


def exchange(url: str, request: bytes, timeout: float = 10.0) -> bytes:
    """Send raw bytes to the server at url, then read until it closes the connection."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as connection:
        connection.sendall(request)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    return received


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


@pytest.fixture(scope="module", params=["flask", "fastapi"])
def server(start_server: StartServer, request: pytest.FixtureRequest) -> Iterator[Server]:
    with start_server(request.param) as started:
        yield started


@pytest.mark.parametrize("case", MALFORMED_CHUNKS)
def test_a_malformed_chunked_body_is_a_400_not_a_server_error(server: Server, case: str) -> None:
    logged_before = server.log_tail(10_000)

    response = exchange(server.url, CHUNKED_POST + MALFORMED_CHUNKS[case])

    assert status_of(response) == 400, response[:300]
    assert "Traceback" not in server.log_tail(10_000).removeprefix(logged_before)


def test_a_well_formed_chunked_body_still_reaches_the_app(server: Server) -> None:
    response = exchange(server.url, CHUNKED_POST + b"2\r\n{}\r\n0\r\n\r\n")

    # The body arrived whole: {} is a JSON object that misses every field.
    assert status_of(response) in (400, 422)
    assert b"missing" in response
