"""A raw-socket HTTP/1.1 client: sends bytes exactly as given, reads the answers with h11.

No HTTP client library would send a request without Host, with two Content-Lengths or with a
bare CR, so the requests are bytes of our own; h11 (the strict parser uvicorn and httpcore use)
reads what comes back, so that a response is never misread by a parser of ours.
"""

import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import h11

ANSWER_TIMEOUT_SECONDS = 5.0
# How long to watch for the server closing the connection once its answers are in.
CLOSE_WINDOW_SECONDS = 0.5
# A pause between the parts of a request sent in several writes.
PART_PAUSE_SECONDS = 0.2


class Response(NamedTuple):
    """One response as h11 read it off the wire, its body whole."""

    status: int
    version: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Answer:
    """What came back on one connection: informational responses, final responses, and how
    the connection ended: "closed" by the server, "open" still, or "reset"."""

    informational: list[int] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    connection: str = "open"
    unparseable: str | None = None

    @property
    def statuses(self) -> list[int]:
        return [response.status for response in self.responses]


def exchange(
    port: int,
    parts: Sequence[bytes],
    *,
    expected_responses: int = 1,
    close_after_sending: bool = False,
    host: str = "127.0.0.1",
) -> Answer:
    """Send `parts` (one write each, with a short pause between), then read until
    `expected_responses` final responses are in, the server closes, or the time is up."""
    with socket.create_connection((host, port), timeout=ANSWER_TIMEOUT_SECONDS) as sock:
        for index, part in enumerate(parts):
            if index:
                time.sleep(PART_PAUSE_SECONDS)
            try:
                sock.sendall(part)
            except (BrokenPipeError, ConnectionResetError):
                break  # the server closed before taking the rest: its answers say why
        if close_after_sending:
            sock.shutdown(socket.SHUT_WR)
        return read_answer(sock, expected_responses)


def read_answer(sock: socket.socket, expected: int = 1) -> Answer:
    """Read from a connection whose requests were sent, as `exchange` does."""
    answer = Answer()
    reader = _Reader()
    deadline = time.monotonic() + ANSWER_TIMEOUT_SECONDS
    while len(answer.responses) < expected and answer.connection == "open":
        chunk = _receive(sock, deadline - time.monotonic(), answer)
        if chunk is None:
            break
        if not chunk and not reader.pending:
            break  # closed between responses: nothing left for the parser to finish
        try:
            reader.feed(chunk, answer)
        except h11.RemoteProtocolError as error:
            answer.unparseable = f"{error}"
            return answer
    if answer.connection == "open":
        _receive(sock, CLOSE_WINDOW_SECONDS, answer)
    return answer


def _receive(sock: socket.socket, timeout: float, answer: Answer) -> bytes | None:
    """The next bytes; b"" when the server closed. None on a timeout or a reset."""
    if timeout <= 0:
        return None
    sock.settimeout(timeout)
    try:
        chunk = sock.recv(65536)
    except TimeoutError:
        return None
    except ConnectionResetError:
        answer.connection = "reset"
        return None
    if not chunk:
        answer.connection = "closed"
    return chunk


class _Reader:
    """h11 on the client side, told that a GET was sent for every response it reads."""

    def __init__(self) -> None:
        self.connection = h11.Connection(h11.CLIENT)
        self._begin()
        self.response: h11.Response | None = None
        self.body = bytearray()
        # Bytes received that are not yet part of a finished response.
        self.pending = False

    def _begin(self) -> None:
        self.connection.send(h11.Request(method="GET", target="/", headers=[("Host", "x")]))
        self.connection.send(h11.EndOfMessage())

    def feed(self, data: bytes, answer: Answer) -> None:
        self.pending = self.pending or bool(data)
        self.connection.receive_data(data)
        while True:
            event = self.connection.next_event()
            if event is h11.NEED_DATA or isinstance(event, h11.ConnectionClosed):
                return
            if event is h11.PAUSED:
                if self.connection.our_state is h11.MUST_CLOSE:
                    return
                self.connection.start_next_cycle()
                self._begin()
            elif isinstance(event, h11.InformationalResponse):
                answer.informational.append(event.status_code)
            elif isinstance(event, h11.Response):
                self.response, self.body = event, bytearray()
            elif isinstance(event, h11.Data):
                self.body += event.data
            elif isinstance(event, h11.EndOfMessage) and self.response is not None:
                answer.responses.append(_finished(self.response, bytes(self.body)))
                self.response = None
                self.pending = bool(self.connection.trailing_data[0])


def _finished(response: h11.Response, body: bytes) -> Response:
    headers = {name.decode().lower(): value.decode("latin-1") for name, value in response.headers}
    return Response(response.status_code, response.http_version.decode(), headers, body)
