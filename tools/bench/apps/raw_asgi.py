"""An ASGI callable with no framework: the server's own limit for the hello."""

from typing import Any

from tools.bench.apps.raw_wsgi import BODY

START = {
    "type": "http.response.start",
    "status": 200,
    "headers": [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(BODY))],
}
RESPONSE_BODY = {"type": "http.response.body", "body": BODY}

Scope = dict[str, Any]


async def hello(scope: Scope, receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        # Answer startup and shutdown so that every server runs it the same way.
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    await send(START)
    await send(RESPONSE_BODY)


def create_app() -> Any:
    return hello
