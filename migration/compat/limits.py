"""Bridges body-limit-page: a declared body over the limit refused with Werkzeug's 413 page.

The FastAPI twin refuses such a body in JSON (fastapi_app.additions.BodySizeLimitMiddleware);
Flask answers its own HTML page for MAX_CONTENT_LENGTH. Put this outside the twin's limit, so
that it answers first; a body found too long only while it arrives is the app's
HTTPException(413), which errors.werkzeug_http_errors already renders as Flask does.

    app.add_middleware(WerkzeugBodyLimitPage, max_body_bytes=settings.max_body_bytes)
"""

from starlette.types import ASGIApp, Receive, Scope, Send

from migration.compat.pages import werkzeug_page


class WerkzeugBodyLimitPage:
    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            declared = [value for name, value in scope["headers"] if name == b"content-length"]
            if declared and declared[-1].isdigit() and int(declared[-1]) > self.max_body_bytes:
                await werkzeug_page(413)(scope, receive, send)
                return
        await self.app(scope, receive, send)
