"""The two sides: an app driven in-process (WSGI or ASGI, told apart here) or a server by URL.

A side is written as `package.module:name`, where name is an app or a factory that takes no
argument and returns one, or as a base URL (`http://127.0.0.1:8000`) of a running server.
"""

import importlib
import inspect
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import httpx2

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

# A WSGI or an ASGI application; `is_asgi` tells which.
App = Any
BASE_URL = "http://testserver"
TIMEOUT_SECONDS = 10.0
# A server may close a connection once it has been idle for its keep-alive timeout (gunicorn:
# 2 s, uvicorn: 5 s); a client that reuses it at that moment loses its request. Letting go
# of idle connections sooner than any of the servers avoids the race.
CLIENT_KEEPALIVE_EXPIRY_SECONDS = 1.0


def is_asgi(app: App) -> bool:
    """An ASGI app is a coroutine function of (scope, receive, send); anything else callable
    is taken for WSGI."""
    call = app if inspect.isfunction(app) or inspect.ismethod(app) else type(app).__call__
    return inspect.iscoroutinefunction(call)


def is_url(side: str) -> bool:
    return side.startswith(("http://", "https://"))


class TargetError(ValueError):
    """A side that names no importable app, factory or URL."""


def _is_factory(found: object) -> bool:
    """A plain function that needs no argument builds the app; an app needs two (WSGI) or
    three (ASGI)."""
    if not inspect.isfunction(found):
        return False
    parameters = inspect.signature(found).parameters.values()
    return not any(
        parameter.default is inspect.Parameter.empty
        and parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD)
        for parameter in parameters
    )


def load_app(import_string: str) -> App:
    """The app that `package.module:name` names, built by calling name if it is a factory."""
    module_name, separator, attribute = import_string.partition(":")
    if not separator or not module_name or not attribute:
        raise TargetError(f"an app is named module:attribute, not {import_string!r}")
    try:
        found: object = importlib.import_module(module_name)
        for part in attribute.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError) as error:
        raise TargetError(f"cannot import {import_string!r}: {error}") from error
    app = found() if callable(found) and _is_factory(found) else found
    if not callable(app):
        raise TargetError(f"{import_string!r} is not an app: {type(app).__name__}")
    return app


class Pep3333Path:
    """Rewrites PATH_INFO as PEP 3333 asks: the path's UTF-8 bytes, each as one latin-1 character.

    httpx2's WSGITransport puts the percent-decoded path there as text, so a path such as
    /employees/Ā reaches Werkzeug as a character latin-1 cannot encode, and Werkzeug raises
    UnicodeEncodeError before the app sees the request. A real WSGI server passes the bytes.
    """

    def __init__(self, app: "WSGIApplication") -> None:
        self.app = app

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        environ["PATH_INFO"] = environ["PATH_INFO"].encode("utf-8").decode("latin-1")
        return self.app(environ, start_response)


@contextmanager
def client_for(app: App) -> Iterator[httpx2.Client]:
    """A client that drives the app without a server; server errors come back as 500s, and
    redirects are answers, not followed."""
    if not is_asgi(app):
        transport = httpx2.WSGITransport(app=Pep3333Path(app), raise_app_exceptions=False)
        with httpx2.Client(
            transport=transport, base_url=BASE_URL, follow_redirects=False
        ) as client:
            yield client
        return
    try:
        from starlette.testclient import TestClient
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise TargetError("an ASGI app in-process needs starlette: sidebyside[asgi]") from error
    # TestClient runs the app's lifespan, as a server would, on entry and exit.
    with TestClient(
        app, base_url=BASE_URL, raise_server_exceptions=False, follow_redirects=False
    ) as client:
        yield client


@contextmanager
def client_for_url(url: str) -> Iterator[httpx2.Client]:
    """A client of a running server."""
    with httpx2.Client(
        base_url=url,
        follow_redirects=False,
        timeout=TIMEOUT_SECONDS,
        limits=httpx2.Limits(keepalive_expiry=CLIENT_KEEPALIVE_EXPIRY_SECONDS),
    ) as client:
        yield client


@contextmanager
def open_side(side: str, build: Callable[[str], App] = load_app) -> Iterator[httpx2.Client]:
    """A client for one side: a fresh app built from its import string, or its URL."""
    if is_url(side):
        with client_for_url(side) as client:
            yield client
        return
    with client_for(build(side)) as client:
        yield client
