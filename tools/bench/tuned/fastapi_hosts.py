"""Starlette's TrustedHostMiddleware, remembering the Host values it let through.

Starlette's verdict depends on the Host value alone, yet it parses the request's headers and
matches every pattern on every request. A value it has once let through goes straight to the
app; every other value, refused ones included, is judged by Starlette each time, and so is a
request with no Host or with several (Starlette refuses the first and judges the second by its
first value, as before). The memory holds a few values (clients send the same names), and
stops growing at its bound, so that a client inventing a Host per request cannot grow it.
"""

from collections.abc import Sequence

from fastapi import FastAPI
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from tools.bench.tuned.starlette_middleware import replace_middleware


def host_values(scope: Scope) -> list[bytes]:
    """Every Host field of the request, raw: a request may carry none, or several."""
    return [value for name, value in scope["headers"] if name == b"host"]


def single_host(scope: Scope) -> bytes | None:
    hosts = host_values(scope)
    return hosts[0] if len(hosts) == 1 else None


class RememberingTrustedHostMiddleware(TrustedHostMiddleware):
    REMEMBERED_HOSTS = 64

    def __init__(
        self, app: ASGIApp, allowed_hosts: Sequence[str] | None = None, www_redirect: bool = True
    ) -> None:
        self.allowed: set[bytes] = set()
        # Starlette calls the app it was given only for a request it let through: the place
        # to learn the value from.
        super().__init__(self._remembering(app), allowed_hosts, www_redirect)
        self.inner = app

    def _remembering(self, app: ASGIApp) -> ASGIApp:
        async def let_through(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http" and len(self.allowed) < self.REMEMBERED_HOSTS:
                host = single_host(scope)
                if host is not None:
                    self.allowed.add(host)
            await app(scope, receive, send)

        return let_through

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and single_host(scope) in self.allowed:
            await self.inner(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def remember_allowed_hosts(app: FastAPI) -> None:
    replace_middleware(app, TrustedHostMiddleware, RememberingTrustedHostMiddleware)
