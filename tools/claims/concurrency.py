"""How many waits an ASGI app serves at once on one thread: counted, not timed.

Requests are sent together from one event loop through an in-process ASGI transport; a wrapper
counts how many are inside the app at the same moment, and on which threads. The count says
whether the waits overlapped; no test here asserts how long anything took.
"""

import asyncio
import threading
from dataclasses import dataclass

import httpx2
from starlette.types import ASGIApp, Receive, Scope, Send

from parity_tests.sides import BASE_URL


class InFlight:
    """The number of requests inside an app now, the most at once, and the threads they ran on."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.now = 0
        self.peak = 0
        self.threads: set[int] = set()

    def enter(self) -> None:
        with self._lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
            self.threads.add(threading.get_ident())

    def leave(self) -> None:
        with self._lock:
            self.now -= 1


def counted(app: ASGIApp, counter: InFlight) -> ASGIApp:
    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        counter.enter()
        try:
            await app(scope, receive, send)
        finally:
            counter.leave()

    return wrapped


@dataclass(frozen=True)
class Overlap:
    sent: int
    peak: int
    threads: int
    statuses: tuple[int, ...]


async def _send_together(app: ASGIApp, path: str, count: int) -> list[httpx2.Response]:
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        return list(await asyncio.gather(*(client.get(path) for _ in range(count))))


def overlap(app: ASGIApp, path: str, count: int, counter: InFlight | None = None) -> Overlap:
    """Send `count` GETs of `path` at once; count them inside the app unless given a counter
    that the app itself moves."""
    own = counter is None
    counter = counter or InFlight()
    responses = asyncio.run(_send_together(counted(app, counter) if own else app, path, count))
    return Overlap(
        count, counter.peak, len(counter.threads), tuple(r.status_code for r in responses)
    )
