"""Apps driven in-process: no server and no socket, the app called directly (WSGI) or awaited
(ASGI) in a loop, and the CPU time per request taken as the lowest of several interleaved
passes, the figure least disturbed by other work on the machine."""

import asyncio
import io
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from werkzeug.test import EnvironBuilder

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

PASSES = 7
REQUESTS_PER_PASS = 2000
WARMUP_REQUESTS = 500

Serve = Callable[[int], None]


@dataclass(frozen=True)
class Variant:
    key: str
    label: str
    build: Callable[[], Any]
    # What must hold while this variant serves, for a change that is process-wide (a frozen
    # heap): entered and left around each of its passes, so that no other variant has it.
    within: Callable[[], AbstractContextManager[None]] | None = None


def wsgi_driver(app: "WSGIApplication", url: str = "/") -> Serve:
    path, _, query = url.partition("?")
    base = EnvironBuilder(path=path, query_string=query).get_environ()

    statuses: list[str] = []

    def start_response(status: str, _headers: list[tuple[str, str]], _exc: Any = None) -> Any:
        statuses[:] = [status]

    def serve(count: int) -> None:
        for _ in range(count):
            environ = {**base, "wsgi.input": io.BytesIO(b"")}
            body = app(environ, start_response)
            for _chunk in body:
                pass
            close = getattr(body, "close", None)
            if close is not None:
                close()
        answered_ok(statuses[0].split()[0], url)

    return serve


def answered_ok(status: object, url: str) -> None:
    """A variant that answers anything but 200 would be measuring an error page."""
    if str(status) != "200":
        raise RuntimeError(f"GET {url} answered {status} in-process, not 200")


HTTP_SCOPE: dict[str, Any] = {
    "type": "http",
    "asgi": {"version": "3.0"},
    "http_version": "1.1",
    "method": "GET",
    "scheme": "http",
    "path": "/",
    "raw_path": b"/",
    "root_path": "",
    "query_string": b"",
    "headers": [(b"host", b"127.0.0.1")],
    "client": ("127.0.0.1", 50000),
    "server": ("127.0.0.1", 8000),
    "state": {},
}


def asgi_driver(app: Any, url: str = "/") -> Serve:
    path, _, query = url.partition("?")
    scope = {**HTTP_SCOPE, "path": path, "raw_path": path.encode(), "query_string": query.encode()}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    statuses: list[int] = []

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses[:] = [message["status"]]

    async def serve_all(count: int) -> None:
        for _ in range(count):
            await app({**scope, "headers": list(scope["headers"])}, receive, send)
        answered_ok(statuses[0], url)

    def serve(count: int) -> None:
        asyncio.run(serve_all(count))

    return serve


def cpu_us_per_request(serve: Serve, requests: int) -> float:
    started = time.process_time()
    serve(requests)
    return (time.process_time() - started) / requests * 1e6


def serving_within(serve: Serve, within: Callable[[], AbstractContextManager[None]]) -> Serve:
    def serve_within(count: int) -> None:
        with within():
            serve(count)

    return serve_within


def measure(
    variants: Iterable[Variant],
    driver: Callable[[Any], Serve],
    passes: int = PASSES,
    requests: int = REQUESTS_PER_PASS,
) -> dict[str, float]:
    """The lowest CPU µs per request of each variant, over passes that interleave them."""
    servers = {}
    for variant in variants:
        serve = driver(variant.build())
        servers[variant.key] = (
            serve if variant.within is None else serving_within(serve, variant.within)
        )
    return lowest_of(servers, passes, requests)


def lowest_of(servers: dict[str, Serve], passes: int, requests: int) -> dict[str, float]:
    """The lowest CPU µs per request of each server, warmed up, over interleaved passes."""
    for serve in servers.values():
        serve(min(WARMUP_REQUESTS, requests))
    lowest = {key: float("inf") for key in servers}
    for _ in range(passes):
        for key, serve in servers.items():
            lowest[key] = min(lowest[key], cpu_us_per_request(serve, requests))
    return lowest
