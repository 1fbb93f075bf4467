"""Bridges untrusted-host-page: a foreign Host refused with Werkzeug's page, not Starlette's text.

Flask refuses a Host outside TRUSTED_HOSTS with Werkzeug's HTML 400 page, which names the host
it refused ("Host 'evil.example' is not trusted."); Starlette's TrustedHostMiddleware answers
"Invalid host header" as text/plain. This is TrustedHostMiddleware deciding as it always does
(so its other answers, a www redirect, the case of a name, stay its own), with only its refusal
rendered as Werkzeug renders it:

    app.add_middleware(WerkzeugHostRefusal, allowed_hosts=settings.allowed_hosts)
"""

from contextvars import ContextVar

from starlette.datastructures import Headers
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from migration.compat.pages import werkzeug_page

# Whether TrustedHostMiddleware let the request through: an answer sent before that is its refusal.
_let_through: ContextVar[bool] = ContextVar("let_through", default=False)


class WerkzeugHostRefusal(TrustedHostMiddleware):
    def __init__(self, app: ASGIApp, allowed_hosts: list[str]) -> None:
        super().__init__(self._through, allowed_hosts=allowed_hosts)
        self.inner = app

    async def _through(self, scope: Scope, receive: Receive, send: Send) -> None:
        _let_through.set(True)
        await self.inner(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        _let_through.set(False)
        host = Headers(scope=scope).get("host", "")
        if scope.get("scheme") == "http":
            host = host.removesuffix(":80")

        replaced = False

        async def send_as_werkzeug(message: Message) -> None:
            nonlocal replaced
            if replaced:
                return  # the rest of Starlette's refusal: Werkzeug's page was sent instead
            if (
                not _let_through.get()
                and message["type"] == "http.response.start"
                and message["status"] == 400
            ):
                replaced = True
                page = werkzeug_page(400, f"Host {host!r} is not trusted.")
                await page(scope, receive, send)
                return
            await send(message)

        await super().__call__(scope, receive, send_as_werkzeug)
