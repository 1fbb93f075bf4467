"""The edge cases of RFC 9112 and RFC 9110 sent to every production server, each with its rule.

A case is raw bytes, the rule the RFCs give a server for them (MUST, SHOULD or MAY, quoted
with its section) and `kept`, the check of that rule on the answer. Cases without a MUST
still have a check: the server answers without a 5xx and keeps serving.
"""

from collections.abc import Callable
from dataclasses import dataclass

from tests.transport.wire import Answer

RFC9110 = "https://www.rfc-editor.org/rfc/rfc9110"
RFC9112 = "https://www.rfc-editor.org/rfc/rfc9112"
CRLF = b"\r\n"
OVERSIZED_FIELD_BYTES = 64 * 1024
TOO_MANY_FIELDS = 200
OVERSIZED_TARGET_BYTES = 10_000
# Over every server's default MAX_BODY_BYTES (1 MiB), never sent: the client waits for 100.
EXPECTED_BODY_BYTES = 5_000_000
# Under MAX_BODY_BYTES, and over the 64 KiB that gunicorn drains of a body the app left unread.
UNREAD_BODY_BYTES = 100_000


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    request: str  # what is sent, for the report
    section: str  # "RFC 9112 §3.2"
    link: str
    rule: str
    parts: tuple[bytes, ...]
    kept: Callable[[Answer], bool]
    expected_responses: int = 1
    close_after_sending: bool = False


def request(*lines: bytes, body: bytes = b"") -> bytes:
    return CRLF.join(lines) + CRLF + CRLF + body


def statuses_are(*statuses: int) -> Callable[[Answer], bool]:
    return lambda answer: answer.statuses == list(statuses)


def refused_and_closed(answer: Answer) -> bool:
    return answer.statuses == [400] and answer.connection != "open"


def refused_or_served(answer: Answer) -> bool:
    """Rejected with 400, or served (the server replaced the bad octets with SP)."""
    return answer.statuses in ([400], [200])


def no_server_error(answer: Answer) -> bool:
    return len(answer.statuses) == 1 and answer.statuses[0] < 500


def both_answered_or_close_said(first: int) -> Callable[[Answer], bool]:
    """Both requests answered (the server read the first body through), or the first answer
    said `Connection: close` (the server closes instead, and the client knows to reconnect)."""

    def kept(answer: Answer) -> bool:
        if answer.statuses == [first, 200]:
            return True
        said_close = bool(answer.responses) and (
            answer.responses[0].headers.get("connection", "").lower() == "close"
        )
        return answer.statuses == [first] and said_close and answer.connection != "open"

    return kept


HOST = b"Host: localhost"
POST_JSON = (b"POST /employees HTTP/1.1", HOST, b"Content-Type: application/json")

CASES: tuple[Case, ...] = (
    Case(
        "host-missing",
        "HTTP/1.1 without Host",
        "GET / HTTP/1.1, no Host",
        "RFC 9112 §3.2",
        f"{RFC9112}#section-3.2",
        "A server MUST respond with 400 to an HTTP/1.1 request that lacks a Host header field.",
        (request(b"GET / HTTP/1.1"),),
        statuses_are(400),
    ),
    Case(
        "host-twice",
        "Two Host fields",
        "GET / HTTP/1.1, Host: localhost and Host: evil.example",
        "RFC 9112 §3.2",
        f"{RFC9112}#section-3.2",
        "A server MUST respond with 400 to a request with more than one Host header field line.",
        (request(b"GET / HTTP/1.1", HOST, b"Host: evil.example"),),
        statuses_are(400),
    ),
    Case(
        "host-invalid",
        "A Host that is no host",
        "GET / HTTP/1.1, Host: exa mple",
        "RFC 9112 §3.2",
        f"{RFC9112}#section-3.2",
        "A server MUST respond with 400 to a request whose Host has an invalid field value.",
        (request(b"GET / HTTP/1.1", b"Host: exa mple"),),
        statuses_are(400),
    ),
    Case(
        "content-length-and-chunked",
        "Content-Length with Transfer-Encoding",
        "POST /employees, Content-Length: 5 and Transfer-Encoding: chunked",
        "RFC 9112 §6.1",
        f"{RFC9112}#section-6.1",
        "A server MAY reject the request or process it by Transfer-Encoding alone; either way it "
        "MUST close the connection after responding.",
        (
            request(
                *POST_JSON, b"Content-Length: 5", b"Transfer-Encoding: chunked", body=b"0\r\n\r\n"
            ),
        ),
        lambda answer: no_server_error(answer) and answer.connection != "open",
    ),
    Case(
        "two-content-lengths",
        "Two different Content-Lengths",
        "POST /employees, Content-Length: 2 and Content-Length: 3",
        "RFC 9112 §6.3",
        f"{RFC9112}#section-6.3",
        "An invalid Content-Length is an unrecoverable framing error: the server MUST respond "
        "with 400 and then close the connection.",
        (request(*POST_JSON, b"Content-Length: 2", b"Content-Length: 3", body=b"{}x"),),
        refused_and_closed,
    ),
    Case(
        "bad-chunk-size",
        "A chunk size that is not hexadecimal",
        "POST /employees, Transfer-Encoding: chunked, chunk size zz",
        "RFC 9112 §7.1",
        f"{RFC9112}#section-7.1",
        "chunk-size is 1*HEXDIG: anything else is invalid framing, so 400 (a client error, "
        "never a 5xx) and close, as for an invalid Content-Length (§6.3).",
        (request(*POST_JSON, b"Transfer-Encoding: chunked", body=b"zz\r\n{}\r\n0\r\n\r\n"),),
        refused_and_closed,
    ),
    Case(
        "obs-fold",
        "A folded header line (obs-fold)",
        "GET /, X-Folded: a CRLF SP b",
        "RFC 9112 §5.2",
        f"{RFC9112}#section-5.2",
        "A server MUST either reject the message with 400 or replace each obs-fold with SP.",
        (request(b"GET / HTTP/1.1", HOST, b"X-Folded: a", b" b"),),
        refused_or_served,
    ),
    Case(
        "nul-in-value",
        "NUL in a header value",
        "GET /, X-Nul: a NUL b",
        "RFC 9110 §5.5",
        f"{RFC9110}#section-5.5",
        "A recipient of CR, LF or NUL in a field value MUST either reject the message or replace "
        "each of them with SP.",
        (request(b"GET / HTTP/1.1", HOST, b"X-Nul: a\x00b"),),
        refused_or_served,
    ),
    Case(
        "bare-cr-in-value",
        "A bare CR in a header value",
        "GET /, X-Cr: a CR b",
        "RFC 9112 §2.2",
        f"{RFC9112}#section-2.2",
        "A recipient of a bare CR MUST consider that element invalid or replace each bare CR "
        "with SP.",
        (request(b"GET / HTTP/1.1", HOST, b"X-Cr: a\rb"),),
        refused_or_served,
    ),
    Case(
        "oversized-header",
        "A 64 KiB header field",
        "GET /, X-Big: 64 KiB of a",
        "RFC 6585 §5",
        "https://www.rfc-editor.org/rfc/rfc6585#section-5",
        "No MUST: a server MAY refuse header fields larger than it will process with 431.",
        (request(b"GET / HTTP/1.1", HOST, b"X-Big: " + b"a" * OVERSIZED_FIELD_BYTES),),
        no_server_error,
    ),
    Case(
        "too-many-headers",
        f"{TOO_MANY_FIELDS} header fields",
        f"GET /, X-H0 ... X-H{TOO_MANY_FIELDS - 1}",
        "RFC 6585 §5",
        "https://www.rfc-editor.org/rfc/rfc6585#section-5",
        "No MUST: a server MAY refuse more header fields than it will process with 431 (or 400).",
        (request(b"GET / HTTP/1.1", HOST, *(b"X-H%d: v" % i for i in range(TOO_MANY_FIELDS))),),
        no_server_error,
    ),
    Case(
        "oversized-request-line",
        "A 10 KB request target",
        "GET /aaa… (10,000 bytes) HTTP/1.1",
        "RFC 9112 §3",
        f"{RFC9112}#section-3",
        "A server that receives a request-target longer than any URI it wishes to parse MUST "
        "respond with 414; one that parses it answers as for any unknown path (404).",
        (request(b"GET /" + b"a" * OVERSIZED_TARGET_BYTES + b" HTTP/1.1", HOST),),
        lambda answer: answer.statuses in ([414], [404]),
    ),
    Case(
        "http-1-0",
        "HTTP/1.0 without Host or keep-alive",
        "GET / HTTP/1.0",
        "RFC 9112 §9.3",
        f"{RFC9112}#section-9.3",
        "Host is not required of HTTP/1.0; without the keep-alive option the connection closes "
        "after the response.",
        (request(b"GET / HTTP/1.0"),),
        lambda answer: answer.statuses == [200] and answer.connection != "open",
    ),
    Case(
        "http-1-2",
        "A higher minor version (HTTP/1.2)",
        "GET / HTTP/1.2",
        "RFC 9110 §2.5",
        f"{RFC9110}#section-2.5",
        "A server MUST NOT send a version to which it is not conformant: the answer is HTTP/1.1 "
        "(or a 505 for the whole major version), never HTTP/1.2.",
        (request(b"GET / HTTP/1.2", HOST),),
        lambda answer: (
            bool(answer.responses)
            and all(response.version == "1.1" for response in answer.responses)
        ),
    ),
    Case(
        "absolute-form",
        "An absolute-form target",
        "GET http://localhost/health HTTP/1.1",
        "RFC 9112 §3.2.2",
        f"{RFC9112}#section-3.2.2",
        "A server MUST accept the absolute-form in requests.",
        (request(b"GET http://localhost/health HTTP/1.1", HOST),),
        statuses_are(200),
    ),
    Case(
        "pipelining",
        "Two requests in one write",
        "GET / and GET /health, pipelined",
        "RFC 9112 §9.3.2",
        f"{RFC9112}#section-9.3.2",
        "A server MUST send the responses to pipelined requests in the order the requests "
        "were received.",
        (request(b"GET / HTTP/1.1", HOST) + request(b"GET /health HTTP/1.1", HOST),),
        lambda answer: (
            answer.statuses == [200, 200]
            and b"Hello" in answer.responses[0].body
            and b"database" in answer.responses[1].body
        ),
        expected_responses=2,
    ),
    Case(
        "stopped-mid-body",
        "A client that stops mid-body",
        "POST /employees, Content-Length: 100, 4 bytes sent, then the client's side closed",
        "RFC 9112 §8",
        f"{RFC9112}#section-8",
        "An incomplete message: the server MAY send an error response before closing; it must "
        "never act on the partial body (no 2xx) nor fail with a 5xx.",
        (request(*POST_JSON, b"Content-Length: 100", body=b'{"na'),),
        lambda answer: (
            all(400 <= status < 500 for status in answer.statuses) and answer.connection != "open"
        ),
        close_after_sending=True,
    ),
    Case(
        "expect-100-over-limit",
        "Expect: 100-continue with a body over the limit",
        f"POST /employees, Content-Length: {EXPECTED_BODY_BYTES:,}, Expect: 100-continue",
        "RFC 9110 §10.1.1",
        f"{RFC9110}#section-10.1.1",
        "A server MUST either send an immediate final status, if the header fields suffice to "
        "decide it, or an immediate 100 (Continue): 413 first saves the client a useless upload.",
        (
            request(
                *POST_JSON,
                f"Content-Length: {EXPECTED_BODY_BYTES}".encode(),
                b"Expect: 100-continue",
            ),
        ),
        statuses_are(413),
    ),
    Case(
        "unread-body",
        "A body the app does not read, then another request",
        f"POST /no-such-path with a {UNREAD_BODY_BYTES:,}-byte body, then GET / on the same "
        "connection",
        "RFC 9112 §9.3",
        f"{RFC9112}#section-9.3",
        "A server MUST read the entire request message body or close the connection after "
        "sending its response; one that closes SHOULD send the close option in that response "
        "(§9.6), or the client's next request goes into a closing connection and is lost.",
        (
            request(
                b"POST /no-such-path HTTP/1.1",
                HOST,
                b"Content-Type: application/octet-stream",
                f"Content-Length: {UNREAD_BODY_BYTES}".encode(),
                body=b"x" * UNREAD_BODY_BYTES,
            ),
            request(b"GET / HTTP/1.1", HOST),
        ),
        both_answered_or_close_said(404),
        expected_responses=2,
    ),
)
