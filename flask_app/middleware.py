"""Pure WSGI middleware: the process-time header, on every response Flask produces, and the
Host rule of RFC 9112 section 3.2, which gunicorn enforces only in part.

The body-size limit needs no middleware in Flask: MAX_CONTENT_LENGTH (set by create_app from
Settings.max_body_bytes) makes Werkzeug answer 413.
"""

import json
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from shared.hosts import host_header_problem

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

PROCESS_TIME_HEADER = "X-Process-Time"


class ProcessTimeMiddleware:
    """Adds `X-Process-Time` (seconds, as a decimal) measured up to the start of the response."""

    def __init__(self, app: "WSGIApplication") -> None:
        self.app = app

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        started = time.perf_counter()

        def start_with_time(status, headers, exc_info=None):  # type: ignore[no-untyped-def]
            elapsed = time.perf_counter() - started
            headers.append((PROCESS_TIME_HEADER, f"{elapsed:.6f}"))
            return start_response(status, headers, exc_info)

        return self.app(environ, start_with_time)


class HostHeaderRule:
    """400 for a request whose Host header breaks RFC 9112 section 3.2.

    gunicorn refuses two Host fields itself, but passes an HTTP/1.1 request without one, or
    with a value that is no host, to the app (see docs/transport.md). WSGI shows one Host at
    most, so the count is gunicorn's to check.
    """

    def __init__(self, app: "WSGIApplication") -> None:
        self.app = app

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST")
        version = str(environ.get("SERVER_PROTOCOL", "")).removeprefix("HTTP/")
        problem = host_header_problem([] if host is None else [host], version)
        if problem is None:
            return self.app(environ, start_response)
        body = json.dumps({"detail": problem}).encode()
        headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        start_response("400 Bad Request", headers)
        return [body]
