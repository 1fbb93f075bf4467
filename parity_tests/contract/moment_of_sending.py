"""Look at the database at the moment an app has handed over the last byte of a response.

An in-process client only returns once an app has finished, background work included, so it
cannot tell work done after the response from work done before it. These wrappers can: the
WSGI one once the app's body iterable is exhausted but not yet closed (Flask runs
`call_on_close` on close), the ASGI one when the final body message has been sent (Starlette
runs background tasks after that).
"""

import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import TYPE_CHECKING, Any

import httpx2
from fastapi import FastAPI
from flask import Flask
from starlette.testclient import TestClient

from parity_tests.sides import BASE_URL

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

Look = Callable[[Any], object]
"""Given the parsed response body, returns what the test wants to see at that moment."""

Message = MutableMapping[str, Any]


class _ClosingBody:
    """The body already read, closed as the original would have been."""

    def __init__(self, chunks: list[bytes], original: Iterable[bytes]) -> None:
        self.chunks, self.original = chunks, original

    def __iter__(self) -> Any:
        return iter(self.chunks)

    def close(self) -> None:
        close = getattr(self.original, "close", None)
        if close is not None:
            close()


def _wsgi_looking(app: Flask, look: Look, seen: list[object]) -> Any:
    def wrapped(environ: "WSGIEnvironment", start_response: "StartResponse") -> _ClosingBody:
        original = app(environ, start_response)
        chunks = list(original)
        seen.append(look(json.loads(b"".join(chunks))))
        return _ClosingBody(chunks, original)

    return wrapped


def _asgi_looking(app: FastAPI, look: Look, seen: list[object]) -> Any:
    async def wrapped(
        scope: Message,
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
    ) -> None:
        body = bytearray()

        async def send_then_look(message: Message) -> None:
            await send(message)
            if message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
                if not message.get("more_body", False):
                    seen.append(look(json.loads(bytes(body))))

        await app(scope, receive, send_then_look)

    return wrapped


def request_looking_when_sent(
    app: Flask | FastAPI, look: Look, method: str, path: str, **options: Any
) -> tuple[httpx2.Response, object]:
    """Send one request to `app`; return its response and what `look` saw when it was sent."""
    seen: list[object] = []
    if isinstance(app, Flask):
        transport = httpx2.WSGITransport(app=_wsgi_looking(app, look, seen))
        with httpx2.Client(transport=transport, base_url=BASE_URL) as client:
            response = client.request(method, path, **options)
    else:
        with TestClient(_asgi_looking(app, look, seen), base_url=BASE_URL) as client:
            response = client.request(method, path, **options)
    assert len(seen) == 1, f"the response was sent {len(seen)} times"
    return response, seen[0]
