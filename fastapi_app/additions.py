"""What this twin adds to FastAPI, and why: each a guard a production service needs that
Starlette and uvicorn do not give.

- BodySizeLimitMiddleware: a request body limit (Flask has MAX_CONTENT_LENGTH; Starlette has
  no equivalent, so a client could stream any size into a handler).
- HostHeaderRule: the Host rule of RFC 9112 section 3.2, which uvicorn does not enforce.
"""

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.hosts import host_header_problem


class BodySizeLimitMiddleware:
    """413 for a body over the limit, by Content-Length or by the bytes actually received.

    A declared length over the limit is refused before the app runs; a body found too long
    while it arrives is the app's HTTPException(413), answered by its exception handling.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = [value for name, value in scope["headers"] if name == b"content-length"]
        if declared and declared[-1].isdigit() and int(declared[-1]) > self.max_body_bytes:
            await JSONResponse({"detail": self._detail}, 413)(scope, receive, send)
            return

        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            # Counted whatever its type: http.disconnect, the only other, carries no body.
            received += len(message.get("body", b""))
            if received > self.max_body_bytes:
                # Raised inside the app, so its exception handling answers with a 413.
                raise HTTPException(413, self._detail)
            return message

        await self.app(scope, counting_receive, send)

    @property
    def _detail(self) -> str:
        return f"Request body over {self.max_body_bytes} bytes"


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
        await JSONResponse({"detail": problem}, 400)(scope, receive, send)
