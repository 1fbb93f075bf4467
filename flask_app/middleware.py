"""The article's middleware: `X-Process-Time` on every response Flask produces, as pure WSGI."""

import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

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
