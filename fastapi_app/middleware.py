"""Pure ASGI middleware: the process-time header, the request body size limit, and the Host
rule of RFC 9112 section 3.2, which uvicorn does not enforce.

The `@app.middleware("http")` form (BaseHTTPMiddleware) is shorter but copies every response
through a stream of its own: on a 2-core machine, adding it cost about a third of the
throughput of `GET /` (wrk, 20 connections). It is shown in `fastapi_app/middleware_http.py`
for comparison and not used.
"""

import json
import time
from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.hosts import host_header_problem

PROCESS_TIME_HEADER = "X-Process-Time"


class ProcessTimeMiddleware:
    """Adds `X-Process-Time` (seconds, as a decimal) measured up to the start of the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def send_with_time(message: Message) -> None:
            if message["type"] == "http.response.start":
                elapsed = time.perf_counter() - started
                MutableHeaders(scope=message)[PROCESS_TIME_HEADER] = f"{elapsed:.6f}"
            await send(message)

        await self.app(scope, receive, send_with_time)


class BodySizeLimitMiddleware:
    """413 for a body over the limit, by Content-Length or by the bytes actually received.

    Flask has this built in (MAX_CONTENT_LENGTH); Starlette has no equivalent. `refusal`
    builds the answer to a declared length over the limit (compat mode answers Werkzeug's
    page); a body found too long while it arrives is the app's HTTPException(413).
    """

    def __init__(
        self,
        app: ASGIApp,
        max_body_bytes: int,
        refusal: Callable[[str], Response] | None = None,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.refusal = refusal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            if self.refusal is not None:
                await self.refusal(self._detail)(scope, receive, send)
                return
            await self._refuse(send)
            return

        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    # Raised inside the app, so its exception handling answers with a 413.
                    raise HTTPException(413, self._detail)
            return message

        await self.app(scope, counting_receive, send)

    @property
    def _detail(self) -> str:
        return f"Request body over {self.max_body_bytes} bytes"

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"detail": self._detail}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class HostHeaderRule:
    """400 for a request whose Host header breaks RFC 9112 section 3.2.

    uvicorn (httptools or h11 under gunicorn's worker alike) hands the app an HTTP/1.1
    request without a Host, with two, or with a value that is no host (see docs/transport.md).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        hosts = [value.decode("latin-1") for name, value in scope["headers"] if name == b"host"]
        problem = host_header_problem(hosts, scope["http_version"])
        if problem is None:
            await self.app(scope, receive, send)
            return
        body = json.dumps({"detail": problem}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": 400, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class AllowedHostsMiddleware(TrustedHostMiddleware):
    """Starlette's allowed-hosts check, except for a request that carries no Host at all.

    RFC 9112 lets an HTTP/1.0 request omit Host (HostHeaderRule refuses HTTP/1.1 without
    one), and Starlette would refuse it as an empty host. Werkzeug takes the server's own
    address instead, which no client controls, so nothing can be reflected from it either.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not any(name == b"host" for name, _ in scope["headers"]):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)
