"""The twin's middleware folded into one layer, passed in one step by the plain request.

Starlette runs each middleware as a layer of its own: a call per request, and one more per
message sent for a layer that watches the answer. The twin stacks five: its timer, then four
guards (its Host rule, TrustedHostMiddleware, CORSMiddleware and its body limit). The common
request, a GET with one Host header, no Origin and no body, goes through the four guards and
comes out as it went in, with `Origin` added to the answer's Vary by CORS, and the timer adds
X-Process-Time. This recipe replaces the five entries with one that builds the very same five,
with their options, in their order; a plain request whose Host value the guards have let
through before goes straight to the app below them, its answer given the same Vary and the
time in one step. Every other request (an Origin, a body, no Host or several, a Host not yet
let through) goes through the five as before.
"""

import time
from collections.abc import Sequence

from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fastapi_app.additions import BodySizeLimitMiddleware, HostHeaderRule
from fastapi_app.middleware import PROCESS_TIME_HEADER, ProcessTimeMiddleware
from tools.bench.tuned import RecipeError
from tools.bench.tuned.fastapi_cors_guard import add_vary_on_origin
from tools.bench.tuned.fastapi_hosts import single_host
from tools.bench.tuned.fastapi_timer import RawPairProcessTimeMiddleware

# Outermost first, as they stand in the twin's middleware list; the timer, as the twin writes
# it or as the raw-pair recipe does.
FOLDED: tuple[tuple[type, ...], ...] = (
    (ProcessTimeMiddleware, RawPairProcessTimeMiddleware),
    (HostHeaderRule,),
    (TrustedHostMiddleware,),
    (CORSMiddleware,),
    (BodySizeLimitMiddleware,),
)
# Headers that make a request more than plain: CORS would answer it, or the limit count it.
_NOT_PLAIN = frozenset({b"origin", b"content-length", b"transfer-encoding"})
_TIME = PROCESS_TIME_HEADER.lower().encode()
REMEMBERED_HOSTS = 64


def plain_host(scope: Scope) -> bytes | None:
    """The Host value of a request with one Host header, no Origin and no body; else None."""
    headers: list[tuple[bytes, bytes]] = scope["headers"]
    hosts = [value for name, value in headers if name == b"host"]
    if len(hosts) != 1 or any(name in _NOT_PLAIN for name, _ in headers):
        return None
    return hosts[0]


class FoldedMiddleware:
    def __init__(self, app: ASGIApp, stack: Sequence[Middleware]) -> None:
        self.app = app
        # Host values a request reached the app with: the guards let it through, and neither
        # host guard's verdict on a single Host header depends on anything but its value.
        self.let_through: set[bytes] = set()
        stacked = self._learning(app)
        for entry in reversed(stack):
            stacked = entry.cls(stacked, *entry.args, **entry.kwargs)
        self.stacked = stacked

    def _learning(self, app: ASGIApp) -> ASGIApp:
        async def reached(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http" and len(self.let_through) < REMEMBERED_HOSTS:
                host = single_host(scope)
                if host is not None:
                    self.let_through.add(host)
            await app(scope, receive, send)

        return reached

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or plain_host(scope) not in self.let_through:
            await self.stacked(scope, receive, send)
            return
        started = time.perf_counter()

        async def send_plainly(message: Message) -> None:
            if message["type"] == "http.response.start":
                add_vary_on_origin(message)
                elapsed = f"{time.perf_counter() - started:.6f}".encode()
                message["headers"].append((_TIME, elapsed))
            await send(message)

        await self.app(scope, receive, send_plainly)


def is_one_of(entry: Middleware, classes: tuple[type, ...]) -> bool:
    return isinstance(entry.cls, type) and issubclass(entry.cls, classes)


def fold_the_middleware(app: FastAPI) -> None:
    if app.middleware_stack is not None:
        raise RecipeError("the app has served a request: its middleware stack is built")
    entries = app.user_middleware
    starts = [
        index
        for index in range(len(entries) - len(FOLDED) + 1)
        if all(is_one_of(entries[index + k], kinds) for k, kinds in enumerate(FOLDED))
    ]
    if len(starts) != 1:
        names = ", ".join(kinds[0].__name__ for kinds in FOLDED)
        raise RecipeError(f"the app does not stack {names} once, in this order")
    start = starts[0]
    stack = tuple(entries[start : start + len(FOLDED)])
    entries[start : start + len(FOLDED)] = [Middleware(FoldedMiddleware, stack=stack)]
