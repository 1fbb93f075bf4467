"""The twin's Host rule, remembering the Host values it let through.

HostHeaderRule decodes the request's Host fields and asks the shared RFC 9112 rule on every
request, though its verdict for a request with exactly one Host field depends on that value
alone (the HTTP version matters only when there is none). A single value it once let through
goes straight to the app; a request with no Host, with several, or with a value not yet seen
is judged by the twin's rule, as before. The memory is bounded, as the remembered trusted
hosts are, so that a client inventing a Host per request cannot grow it.
"""

from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from fastapi_app.additions import HostHeaderRule
from shared.hosts import host_header_problem
from tools.bench.tuned.fastapi_hosts import single_host
from tools.bench.tuned.starlette_middleware import replace_middleware

REMEMBERED_HOSTS = 64


class RememberingHostHeaderRule(HostHeaderRule):
    def __init__(self, app: ASGIApp) -> None:
        super().__init__(app)
        self.passed: set[bytes] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = single_host(scope)
            if host is not None and host in self.passed:
                await self.app(scope, receive, send)
                return
            if (
                host is not None
                and len(self.passed) < REMEMBERED_HOSTS
                and host_header_problem([host.decode("latin-1")], scope["http_version"]) is None
            ):
                self.passed.add(host)
        await super().__call__(scope, receive, send)


def remember_hosts_the_rule_let_through(app: FastAPI) -> None:
    replace_middleware(app, HostHeaderRule, RememberingHostHeaderRule)
