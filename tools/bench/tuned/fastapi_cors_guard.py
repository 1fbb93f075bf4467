"""Starlette's CORSMiddleware consulted only for a request that carries an Origin header.

Without an Origin a request is not a CORS request, and the middleware's only change to the
answer is `Origin` added to its Vary header; yet it parses the request's headers into a
`Headers`, wraps `send`, and rebuilds the response's headers as a `MutableHeaders` on every
request. The guard adds the same Vary itself (the same bytes, in the same place) and hands
every request with an Origin, preflights included, to Starlette's middleware unchanged.
"""

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.types import Message, Receive, Scope, Send

from tools.bench.tuned.starlette_middleware import replace_middleware


def add_vary_on_origin(start: Message) -> None:
    """Origin added to the Vary of a response's start message, as CORSMiddleware adds it to
    the answer of a request without an Origin."""
    headers = list(start.get("headers", ()))
    if any(name.lower() == b"vary" for name, _ in headers):
        # Rare (no route of the twin sets Vary): Starlette's own merge, kept as it is.
        start["headers"] = headers
        vary = MutableHeaders(scope=start)
        vary["Vary"] = ", ".join([*vary.getlist("Vary"), "Origin"])
    else:
        # What MutableHeaders appends for a new field: a lower-case name, at the end.
        start["headers"] = [*headers, (b"vary", b"Origin")]


def with_vary_on_origin(send: Send) -> Send:
    """`send`, adding Origin to the answer's Vary as CORSMiddleware does without an Origin."""

    async def send_with_vary(message: Message) -> None:
        if message["type"] == "http.response.start":
            add_vary_on_origin(message)
        await send(message)

    return send_with_vary


class OriginOnlyCORSMiddleware(CORSMiddleware):
    """Starlette's CORSMiddleware for a request with an Origin; only its Vary for the rest."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or any(name == b"origin" for name, _ in scope["headers"]):
            await super().__call__(scope, receive, send)
            return
        await self.app(scope, receive, with_vary_on_origin(send))


def consult_cors_only_with_origin(app: FastAPI) -> None:
    replace_middleware(app, CORSMiddleware, OriginOnlyCORSMiddleware)
