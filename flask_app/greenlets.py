"""Flask's async views under gevent's monkey-patching: one asyncio loop per worker, on gevent.

Flask runs an `async def` view through asgiref, which starts an event loop per request on a
thread of its own. Once gevent has patched threading, that thread is a greenlet of the same OS
thread, and asyncio keeps one running loop per OS thread: a second request waiting beside the
first finds the first one's loop running and fails ("You cannot use AsyncToSync in the same
thread as an async event loop"; pallets/flask#5881, django/asgiref#443). So, under gevent, the
worker runs one asyncio loop in a greenlet of its own, waiting on gevent's selector, and each
request hands its coroutine to that loop and waits for it cooperatively: the other greenlets
keep serving meanwhile, as gevent is meant to let them.

This belongs to the gevent server, not to the app: flask_app/gunicorn.conf.py installs it
on each worker once the app is loaded, and only where gevent runs. Without it, that server
answers 500 to a second async request waiting beside the first (tests/deploy/test_gevent_async.py).
"""

import asyncio
import contextvars
import sys
from collections.abc import Callable, Coroutine
from typing import Any

from flask import Flask

CoroutineFunction = Callable[..., Coroutine[Any, Any, Any]]


def gevent_patched() -> bool:
    """Whether gevent has monkey-patched threading in this process (gunicorn's gevent worker)."""
    monkey = sys.modules.get("gevent.monkey")
    return monkey is not None and bool(monkey.is_module_patched("threading"))


class GreenletLoop:
    """One asyncio loop, started on first use in the greenlet that runs it."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None

    def loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None or self._loop.is_closed():
            # gevent is imported only where it already runs: the app does not depend on it.
            import gevent
            import gevent.selectors

            self._loop = asyncio.SelectorEventLoop(gevent.selectors.DefaultSelector())
            gevent.spawn(self._loop.run_forever)
        return self._loop

    def run(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        """`coroutine`'s result, computed on the loop while this greenlet yields to others."""
        import gevent.event

        done: gevent.event.AsyncResult = gevent.event.AsyncResult()
        # The view reads Flask's request context from its context variables: the task runs in
        # a copy of this greenlet's context, as asgiref would have run it.
        context = contextvars.copy_context()
        loop = self.loop()

        def settle(task: "asyncio.Task[Any]") -> None:
            if task.cancelled():
                done.set_exception(asyncio.CancelledError())
            elif (error := task.exception()) is not None:
                done.set_exception(error)
            else:
                done.set(task.result())

        def start() -> None:
            loop.create_task(coroutine, context=context).add_done_callback(settle)

        # The thread-safe call writes to the loop's wake-up socket: a plain call_soon from
        # another greenlet would wait until the loop's selector next returned on its own.
        loop.call_soon_threadsafe(start)
        return done.get()

    def async_to_sync(self, func: CoroutineFunction) -> Callable[..., Any]:
        def run_on_loop(*args: Any, **kwargs: Any) -> Any:
            return self.run(func(*args, **kwargs))

        return run_on_loop


def run_async_views_on_one_loop(app: Flask) -> None:
    """Under gevent, run the app's async views on the worker's one loop; elsewhere, leave
    Flask's own way (a loop per request, on the worker's thread) in place."""
    if gevent_patched():
        app.async_to_sync = GreenletLoop().async_to_sync  # type: ignore[method-assign]
