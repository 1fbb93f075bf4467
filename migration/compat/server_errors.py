"""Bridges unhandled-error-body and errors-outside-cors: Flask's 500 page, from inside the stack.

Starlette answers an unhandled exception in ServerErrorMiddleware, the outermost layer, so its
plain-text 500 skips CORSMiddleware (no Vary, no CORS headers); an exception handler for
Exception is installed there too. Flask's 500 is an ordinary response that passes through
flask-cors. Added with `app.add_middleware` inside CORSMiddleware, this catches the exception,
logs it as Flask does, and answers Werkzeug's 500 page, which CORS then decorates.

    app.add_middleware(FlaskServerErrorMiddleware)   # before CORSMiddleware is added
"""

import logging

from starlette.types import Message, Receive, Scope, Send

from migration.compat.middleware_base import HTTPOnlyMiddleware
from migration.compat.pages import werkzeug_page

logger = logging.getLogger("fastapi_app")


class FlaskServerErrorMiddleware(HTTPOnlyMiddleware):
    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def noting_start(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, noting_start)
        except Exception:
            if started:
                raise  # too late for a page: the server closes the connection
            logger.exception("Exception on %s [%s]", scope["path"], scope["method"])
            await werkzeug_page(500)(scope, receive, send)
