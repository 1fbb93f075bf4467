"""What the report says where the servers answer differently, and the guards of ours."""

from dataclasses import dataclass

NOTES: dict[str, str] = {
    "host-twice": "gunicorn refuses a second Host itself; uvicorn's httptools parser does not "
    "check (h11, its other parser, does), so the request reaches the app "
    "(<https://github.com/Kludex/uvicorn/pull/3125>, open).",
    "bad-chunk-size": "uvicorn's parser refuses the chunk before the app runs; gunicorn "
    "decodes chunks as the app reads the body, so the app meets the error; both refuse it with "
    "400 and close.",
    "oversized-header": "gunicorn refuses a field over `limit_request_field_size` (8190 bytes) "
    "with 431. uvicorn with httptools has no limit to set "
    "(<https://github.com/Kludex/uvicorn/issues/157>): the whole header block is buffered before "
    "any app code runs, so no middleware can bound it; a proxy in front (nginx's "
    "`large_client_header_buffers`) or `--http h11` (`--h11-max-incomplete-event-size`, 16 KiB) "
    "can.",
    "too-many-headers": "gunicorn refuses more than `limit_request_fields` (100) with 431; "
    "uvicorn has no count limit (<https://github.com/python-hyper/h11/issues/155>: the size of "
    "the block is what matters, see the 64 KiB case).",
    "oversized-request-line": "gunicorn refuses a request line over `limit_request_line` (4094 "
    "bytes) with 414; uvicorn passes the target to the app, which answers 404 as for any "
    "unknown path.",
    "http-1-0": "gunicorn answers an HTTP/1.0 request in HTTP/1.0, uvicorn in HTTP/1.1; both "
    "are allowed (RFC 9110 §2.5) and both close.",
    "http-1-2": "uvicorn's parsers refuse an unknown minor version with 400; gunicorn serves "
    "it, and answered in HTTP/1.2 until the Flask twin's `pre_request` hook (see Guards).",
    "stopped-mid-body": "gunicorn hands the app the short body, and Werkzeug answers 400; uvicorn "
    "tells the app the client is gone (`http.disconnect`), and nothing is sent on a connection "
    "that is half closed.",
    "unread-body": "uvicorn reads a body the app left unread through and discards it, so the "
    "connection serves the next request; gunicorn drains at most 64 KiB of it and then closes "
    "the connection although its answer promised keep-alive, so the next request was lost, "
    "until the Flask twin's `pre_request` hook said `Connection: close` for every body that "
    "may be larger (see Guards).",
    "expect-100-over-limit": "gunicorn sends `100 Continue` before the app runs, so the client "
    "starts its upload and then gets the 413 with `Connection: close` "
    "(<https://github.com/benoitc/gunicorn/issues/3374>); uvicorn sends 100 only when the app "
    "reads the body (<https://github.com/Kludex/uvicorn/pull/166>), so the 413 comes first "
    "and the client never sends the 5 MB.",
}


@dataclass(frozen=True)
class Guard:
    name: str
    where: str
    enforces: str
    cases: tuple[str, ...]  # the cases whose refusal shows the guard at work
    # Servers that need it but where the evidence is not in who wrote the answer.
    also_needed_by: tuple[str, ...] = ()


GUARDS: tuple[Guard, ...] = (
    Guard(
        "HostHeaderRule",
        "`flask_app/middleware.py` (WSGI) and `fastapi_app/middleware.py` (ASGI), over "
        "`shared/hosts.py`",
        "RFC 9112 §3.2: 400 for an HTTP/1.1 request without Host, with two, or with a value "
        "that is not `host[:port]`",
        ("host-missing", "host-twice", "host-invalid"),
    ),
    Guard(
        "pre_request (HTTP/1.1 in the status line)",
        "`flask_app/gunicorn.conf.py`: a status line is the server's, out of any middleware's "
        "reach",
        "RFC 9110 §2.5: never answer in a version the server does not conform to (HTTP/1.2)",
        (),
        also_needed_by=("gthread",),
    ),
    Guard(
        "pre_request (Connection: close for a body gunicorn may not drain)",
        "`flask_app/gunicorn.conf.py`: gunicorn drops a Connection header set by a WSGI app",
        "RFC 9112 §9.3: read the whole body or close, and say so (§9.6): every body over "
        "64 KiB, or chunked, is answered with `Connection: close`",
        (),
        also_needed_by=("gthread",),
    ),
)
