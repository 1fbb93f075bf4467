"""A base for pure ASGI middleware that acts on HTTP requests only.

The twin's own middleware (`fastapi_app/middleware.py`, `fastapi_app/additions.py`) writes the
pass-through for other scopes inline, as Starlette's pure ASGI middleware documentation shows
it, which costs its request path no extra call. The pieces built on the twin (this kit's
bridges, the benchmark's recipes) inherit it from here instead of copying it; it is no bridge
itself, and kept out of the twin so that the lesson holds only what the twin uses.
"""

from starlette.types import ASGIApp, Receive, Scope, Send


class HTTPOnlyMiddleware:
    """Hands lifespan and websocket scopes straight to the app; `http` handles the rest."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handle = self.http if scope["type"] == "http" else self.app
        await handle(scope, receive, send)

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError(f"{type(self).__name__} handles no HTTP request")
