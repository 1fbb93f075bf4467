"""Werkzeug's routing answers in front of a FastAPI app: HEAD, OPTIONS, Allow, trailing slashes.

Each class is a pure ASGI middleware; add them with `app.add_middleware` (inside
CORSMiddleware, so that a CORS preflight is still answered by CORS). Each reads the app's own
route table from `scope["app"]`, so nothing is listed twice.

    app.add_middleware(AutomaticHeadMiddleware)     # bridges automatic-head
    app.add_middleware(AutomaticOptionsMiddleware)  # bridges automatic-options
    app.add_middleware(WerkzeugSlashesMiddleware)   # bridges trailing-slash-redirect
    # and FastAPI(redirect_slashes=False), so that Starlette's own 307s stop.
"""

from starlette.datastructures import URL, MutableHeaders
from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from migration.compat.pages import HTML, werkzeug_redirect

# The methods a route table is asked about; Werkzeug adds HEAD and OPTIONS itself.
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def methods_at(scope: Scope, path: str | None = None) -> set[str]:
    """Every method some route of the app serves at this path (a mount counts as GET)."""
    routes = scope["app"].router.routes
    found: set[str] = set()
    for method in METHODS:
        probe = {**scope, "method": method, "path": path or scope["path"]}
        for route in routes:
            match, _ = route.matches(probe)
            if match == Match.FULL and (method == "GET" or not isinstance(route, Mount)):
                found.add(method)
                break
    return found


def allow_header(methods: set[str]) -> str:
    """Allow as Werkzeug writes it: HEAD with GET, and always OPTIONS. Bridges
    allow-header-per-route when a 405 handler sets it (see compat.errors)."""
    allowed = set(methods) | {"OPTIONS"} | ({"HEAD"} if "GET" in methods else set())
    return ", ".join(sorted(allowed))


class AutomaticHeadMiddleware:
    """HEAD runs the GET route and sends its headers without the body, as Flask does.

    FastAPI keeps HEAD out of its routes so that the OpenAPI schema does not list it; this
    keeps the schema as it is and answers HEAD on the wire."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


class AutomaticOptionsMiddleware:
    """A non-CORS OPTIONS gets 200, an empty body and Allow, as Flask's automatic OPTIONS does."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        methods = methods_at(scope) if _is_options(scope) else set()
        if not methods:
            await self.app(scope, receive, send)
            return
        headers = [
            (b"content-type", HTML.encode()),
            (b"allow", allow_header(methods).encode()),
            (b"content-length", b"0"),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b""})


def _is_options(scope: Scope) -> bool:
    return scope["type"] == "http" and bool(scope["method"] == "OPTIONS")


class WerkzeugSlashesMiddleware:
    """Werkzeug's strict slashes: a path that only matches with a trailing slash is redirected
    there with 308 (and Werkzeug's page); any other mismatch is left to the app, which answers
    404. Build the app with redirect_slashes=False so that Starlette does not redirect too."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if (
            scope["type"] != "http"
            or path.endswith("/")
            or methods_at(scope)
            or "GET" not in methods_at(scope, path + "/")
        ):
            await self.app(scope, receive, send)
            return
        location = URL(scope=scope).replace(path=path + "/")
        await werkzeug_redirect(str(location))(scope, receive, send)


class EmptyResponseMimetypeMiddleware:
    """Bridges empty-response-content-type: a 204 labelled as Flask labels every response
    by default (text/html; charset=utf-8), where FastAPI's route class says application/json."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def relabel(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 204:
                MutableHeaders(scope=message)["content-type"] = HTML
            await send(message)

        await self.app(scope, receive, relabel)
