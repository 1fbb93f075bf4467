"""Bridges repeated-query-parameter: the first of a repeated query parameter, as Flask reads it.

Werkzeug's MultiDict gives a view the first value of `?limit=1&limit=2`, Starlette the last.
This pure ASGI middleware drops the later values of a repeated key before FastAPI sees the
query string; name the parameters that are lists in `repeatable`, which keep every value.

    app.add_middleware(FirstQueryValueMiddleware, repeatable={"tag"})
"""

from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Receive, Scope, Send


class FirstQueryValueMiddleware:
    def __init__(self, app: ASGIApp, repeatable: Iterable[str] = ()) -> None:
        self.app = app
        self.repeatable = frozenset(repeatable)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            scope = {**scope, "query_string": self.first_values(scope["query_string"])}
        await self.app(scope, receive, send)

    def first_values(self, query_string: bytes) -> bytes:
        pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
        seen: set[str] = set()
        kept = []
        for key, value in pairs:
            if key in seen and key not in self.repeatable:
                continue
            seen.add(key)
            kept.append((key, value))
        if len(kept) == len(pairs):
            return query_string
        return urlencode(kept, encoding="latin-1").encode("latin-1")
