"""CORS for the FastAPI twin: Starlette's CORSMiddleware, consulted only for requests that carry
an Origin header, and `Vary: Origin` on every response.

Without an Origin a request is not a CORS request, and Starlette's middleware only adds
`Vary: Origin` to its response; yet it still parsed the request's headers into a `Headers`,
wrapped `send` and rebuilt the response's headers on every request: about a fifth of the
twin's `GET /` under uvicorn. The guard adds the same Vary itself, and changes no response.
The Flask twin guards flask-cors the same way (flask_app/cors.py).
"""

from typing import Any

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.cors import CorsPolicy


def cors_middleware_options(policy: CorsPolicy) -> dict[str, Any]:
    """The policy as Starlette's CORSMiddleware takes it."""
    return {
        "allow_origins": policy.origins,
        "allow_credentials": policy.allow_credentials,
        "allow_methods": list(policy.methods),
        "allow_headers": list(policy.headers),
        "expose_headers": list(policy.expose_headers),
        "max_age": policy.max_age_seconds,
    }


def with_vary_on_origin(send: Send) -> Send:
    """`send`, adding Origin to the response's Vary as CORSMiddleware does without an Origin."""

    async def send_with_vary(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", ()))
            if any(name.lower() == b"vary" for name, _ in headers):
                # Rare (no route of the twin sets Vary): merged into one field, as Starlette does.
                message["headers"] = headers
                vary = MutableHeaders(scope=message)
                vary["Vary"] = ", ".join([*vary.getlist("Vary"), "Origin"])
            else:
                message["headers"] = [*headers, (b"vary", b"Origin")]
        await send(message)

    return send_with_vary


class OriginOnlyCORSMiddleware:
    """CORSMiddleware for requests with an Origin header; the Vary alone for the rest."""

    def __init__(self, app: ASGIApp, policy: CorsPolicy) -> None:
        self.app = app
        self.cors = CORSMiddleware(app, **cors_middleware_options(policy))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or any(name == b"origin" for name, _ in scope["headers"]):
            await self.cors(scope, receive, send)
            return
        await self.app(scope, receive, with_vary_on_origin(send))


def add_middleware(app: FastAPI, policy: CorsPolicy) -> None:
    app.add_middleware(OriginOnlyCORSMiddleware, policy=policy)
