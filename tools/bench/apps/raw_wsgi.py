"""A WSGI callable with no framework: the server's own limit for the hello."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

BODY = b'{"Hello":"World"}'
HEADERS = [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))]


def hello(_environ: "WSGIEnvironment", start_response: "StartResponse") -> Iterable[bytes]:
    start_response("200 OK", list(HEADERS))
    return [BODY]


def create_app() -> "WSGIApplication":
    return hello
