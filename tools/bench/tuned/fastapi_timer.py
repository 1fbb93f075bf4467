"""The process-time header appended to the response's raw header pairs.

The twin's ProcessTimeMiddleware writes the header as Starlette's pure-ASGI middleware docs
show, through a MutableHeaders over the start message; building that view per response costs
more than reading the clock. Appending the (name, value) pair to the message's header list
gives the same header, in the same place.
"""

import time

from fastapi import FastAPI
from starlette.types import Message, Receive, Scope, Send

from fastapi_app.middleware import PROCESS_TIME_HEADER, ProcessTimeMiddleware
from migration.compat.middleware_base import HTTPOnlyMiddleware
from tools.bench.tuned.starlette_middleware import replace_middleware

_KEY = PROCESS_TIME_HEADER.lower().encode()


class RawPairProcessTimeMiddleware(HTTPOnlyMiddleware):
    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()

        async def send_with_time(message: Message) -> None:
            if message["type"] == "http.response.start":
                elapsed = f"{time.perf_counter() - started:.6f}".encode()
                message["headers"] = [*message.get("headers", ()), (_KEY, elapsed)]
            await send(message)

        await self.app(scope, receive, send_with_time)


def append_time_as_a_raw_pair(app: FastAPI) -> None:
    replace_middleware(app, ProcessTimeMiddleware, RawPairProcessTimeMiddleware)
