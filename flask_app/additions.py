"""What this twin adds to Flask, and why: each a guard a production service needs that Flask,
Werkzeug and gunicorn do not give.

- HostHeaderRule: the Host rule of RFC 9112 section 3.2, which gunicorn enforces only in part.
- UnreadableBodyIsBadRequestMiddleware: a body the server cannot decode is the client's 400,
  not a 500 (gunicorn decodes chunked bodies while the view reads).
- SafeJSONProvider: JSON nested too deeply is a 400, not a 500.
- vary_on_origin: `Vary: Origin` on every response. flask-cors adds it only when several
  origins are configured, yet with one its answers still depend on the Origin (CORS headers
  for that origin, none for another), so a shared cache could hand one origin's answer to
  another.

The body-size limit needs nothing here: MAX_CONTENT_LENGTH (set by create_app from
Settings.max_body_bytes) makes Werkzeug answer 413.
"""

import json
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from flask import Response
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import BadRequest, ClientDisconnected, HTTPException

from shared.hosts import host_header_problem

if TYPE_CHECKING:
    from _typeshed.wsgi import InputStream, StartResponse, WSGIApplication, WSGIEnvironment


class HostHeaderRule:
    """400 for a request whose Host header breaks RFC 9112 section 3.2.

    gunicorn refuses two Host fields itself, but passes an HTTP/1.1 request without one, or
    with a value that is no host, to the app (see docs/transport.md). WSGI shows one Host at
    most, so the count is gunicorn's to check.
    """

    def __init__(self, app: "WSGIApplication") -> None:
        self.app = app

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST")
        version = str(environ.get("SERVER_PROTOCOL", "")).removeprefix("HTTP/")
        problem = host_header_problem([] if host is None else [host], version)
        if problem is None:
            return self.app(environ, start_response)
        body = json.dumps({"detail": problem}).encode()
        headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        start_response("400 Bad Request", headers)
        return [body]


Result = TypeVar("Result")


class _ClientErrorsOnRead:
    """wsgi.input, with the server's failures to decode the body raised as Werkzeug's 400s."""

    def __init__(self, stream: "InputStream") -> None:
        self._stream = stream

    def _read(self, method: Callable[..., Result], *args: Any) -> Result:
        try:
            return method(*args)
        except HTTPException:
            raise
        except OSError as error:
            # gunicorn's NoMoreData: the client went away before the end of its body.
            raise ClientDisconnected() from error
        except Exception as error:
            # PEP 3333 leaves the type to the server: gunicorn raises InvalidChunkSize,
            # ChunkMissingTerminator and their kin, all about the bytes the client sent.
            raise BadRequest("The request body could not be decoded.") from error

    def read(self, *args: Any) -> bytes:
        return self._read(self._stream.read, *args)

    def readline(self, *args: Any) -> bytes:
        return self._read(self._stream.readline, *args)

    def readlines(self, *args: Any) -> list[bytes]:
        return self._read(self._stream.readlines, *args)

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.readline, b"")


class UnreadableBodyIsBadRequestMiddleware:
    """A request body the server cannot decode is answered 400, not 500.

    gunicorn decodes a chunked body while the app reads wsgi.input, so a malformed chunk
    raises inside the view, where Flask turns any unknown exception into a 500 (uvicorn, which
    decodes before the app runs, answers 400 itself). Upstream: benoitc/gunicorn#2832.
    """

    def __init__(self, app: "WSGIApplication") -> None:
        self.app = app

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        if "wsgi.input" in environ:
            environ["wsgi.input"] = _ClientErrorsOnRead(environ["wsgi.input"])
        return self.app(environ, start_response)


class SafeJSONProvider(DefaultJSONProvider):
    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        # Deeply nested JSON makes json.loads raise RecursionError, which Flask does not
        # catch (it expects ValueError) and would answer with a 500. As a ValueError it
        # becomes Flask's ordinary 400 for an unreadable body.
        try:
            return super().loads(s, **kwargs)
        except RecursionError as error:
            raise ValueError("JSON nested too deeply") from error


def vary_on_origin(response: Response) -> Response:
    response.vary.add("Origin")
    return response
