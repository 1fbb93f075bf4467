"""The in-flight counter: waits that overlap are counted as overlapping, and ones that block
are not. Each request here waits for all the others, so no test depends on timing."""

import asyncio

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from tools.claims.concurrency import InFlight, overlap

COUNT = 5


def _app_whose_requests_wait_for_each_other() -> Starlette:
    arrived = 0
    everyone: asyncio.Event | None = None

    async def wait_for_the_others(request: Request) -> PlainTextResponse:
        nonlocal arrived, everyone
        everyone = everyone or asyncio.Event()
        arrived += 1
        if arrived == COUNT:
            everyone.set()
        await everyone.wait()
        return PlainTextResponse("together")

    return Starlette(routes=[Route("/", wait_for_the_others)])


def _app_counting_a_view_that_never_awaits(counter: InFlight) -> Starlette:
    async def never_awaits(request: Request) -> PlainTextResponse:
        counter.enter()
        sum(range(10_000))  # work that holds the event loop
        counter.leave()
        return PlainTextResponse("done")

    return Starlette(routes=[Route("/", never_awaits)])


def test_requests_that_await_together_are_counted_in_flight_together_on_one_thread() -> None:
    seen = overlap(_app_whose_requests_wait_for_each_other(), "/", COUNT)

    assert (seen.peak, seen.threads, seen.statuses) == (COUNT, 1, (200,) * COUNT)


def test_views_that_never_await_are_counted_one_at_a_time_by_their_own_counter() -> None:
    counter = InFlight()

    seen = overlap(_app_counting_a_view_that_never_awaits(counter), "/", COUNT, counter)

    assert (seen.peak, seen.statuses) == (1, (200,) * COUNT)
