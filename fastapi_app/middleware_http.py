"""The article's `@app.middleware("http")` form of the process-time header, for comparison.

Not used by create_app: BaseHTTPMiddleware, which this decorator builds, copies every
response through a stream of its own. `fastapi_app.middleware.ProcessTimeMiddleware` is the
pure ASGI equivalent that the app runs.
"""

import time
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

from fastapi_app.middleware import PROCESS_TIME_HEADER


def add_http_process_time(app: FastAPI) -> None:
    @app.middleware("http")
    async def process_time(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        response.headers[PROCESS_TIME_HEADER] = f"{time.perf_counter() - started:.6f}"
        return response
