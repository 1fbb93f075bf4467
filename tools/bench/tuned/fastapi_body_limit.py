"""The body limit skipped for a request that declares no body.

The twin's BodySizeLimitMiddleware reads the request's headers and wraps `receive` on every
request, to count a body that a GET almost never has. An HTTP/1.1 request carries a body only
when it sends Content-Length or Transfer-Encoding (RFC 9112 section 6.3); without either,
there is nothing to count, and the request goes straight to the app. Every other request is
judged by the twin's middleware, unchanged.
"""

from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from fastapi_app.additions import BodySizeLimitMiddleware
from tools.bench.tuned.starlette_middleware import replace_middleware

_BODY_HEADERS = (b"content-length", b"transfer-encoding")


def declares_a_body(scope: Scope) -> bool:
    return any(name in _BODY_HEADERS for name, _value in scope["headers"])


class BodySizeLimitForBodiesOnly(BodySizeLimitMiddleware):
    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        super().__init__(app, max_body_bytes)
        self.inner = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not declares_a_body(scope):
            await self.inner(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def limit_only_requests_with_a_body(app: FastAPI) -> None:
    replace_middleware(app, BodySizeLimitMiddleware, BodySizeLimitForBodiesOnly)
