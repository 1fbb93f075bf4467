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

from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.hosts import host_header_problem

PROCESS_TIME_HEADER = "X-Process-Time"
_PROCESS_TIME_KEY = PROCESS_TIME_HEADER.lower().encode()


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
                elapsed = f"{time.perf_counter() - started:.6f}".encode()
                # Appended as a raw pair: a MutableHeaders per response cost more than the timing.
                message["headers"] = [*message.get("headers", ()), (_PROCESS_TIME_KEY, elapsed)]
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
        declared = None
        for name, value in scope["headers"]:
            if name == b"content-length":
                declared = value
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


def host_values(scope: Scope) -> list[bytes]:
    """Every Host field of the request, raw: a request may carry none, or several."""
    return [value for name, value in scope["headers"] if name == b"host"]


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
        hosts = [value.decode("latin-1") for value in host_values(scope)]
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
    """Starlette's allowed-hosts check, remembering the Host values it let through.

    A request that carries no Host at all goes through: RFC 9112 lets an HTTP/1.0 request
    omit it (HostHeaderRule refuses HTTP/1.1 without one), and Starlette would refuse it as an
    empty host. Werkzeug takes the server's own address instead, which no client controls, so
    nothing can be reflected from it either.

    Starlette's verdict depends on the Host value alone, yet it parses the request's headers
    and matches every pattern on every request. A value it has once let through skips straight
    to the app; every other value, refused ones included, is judged by Starlette each time. The
    memory holds a few values (clients send the same names), and stops growing at its bound.
    """

    REMEMBERED_HOSTS = 64

    def __init__(self, app: ASGIApp, allowed_hosts: list[str]) -> None:
        self.allowed: set[bytes] = set()
        super().__init__(self._remembering(app), allowed_hosts=allowed_hosts)
        self.inner = app

    def _remembering(self, app: ASGIApp) -> ASGIApp:
        async def let_through(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http" and len(self.allowed) < self.REMEMBERED_HOSTS:
                hosts = host_values(scope)
                if len(hosts) == 1:
                    self.allowed.add(hosts[0])
            await app(scope, receive, send)

        return let_through

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        hosts = host_values(scope)
        if not hosts or (len(hosts) == 1 and hosts[0] in self.allowed):
            await self.inner(scope, receive, send)
            return
        await super().__call__(scope, receive, send)
