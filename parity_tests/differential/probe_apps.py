"""Apps built for the probes that need them: a route that fails, a user with a non-ASCII name."""

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Annotated

from fastapi import FastAPI, Query
from flask import Flask
from flask_pydantic import validate
from pydantic import BaseModel, SecretStr

from migration.strangler import Strangler
from parity_tests.sides import (
    DEFAULT_PAIR,
    App,
    Pair,
    PairSpec,
    Side,
    client_for,
    side_spec,
)
from shared.settings import Settings

NON_ASCII_USER = ("jörg", "pässwörd")


def raise_an_unexpected_error() -> str:
    raise RuntimeError("a bug in a view")


class Search(BaseModel):
    q: str


def add_probe_routes(app: App) -> None:
    """The same two extra routes in each framework's own idiom."""
    if isinstance(app, Flask):
        app.add_url_rule("/boom", view_func=raise_an_unexpected_error)

        @app.get("/search")
        @validate()
        def search(query: Search) -> Search:
            return query
    elif isinstance(app, Strangler):
        # Both halves, so that the probe reaches the route whichever half serves it.
        add_probe_routes(app.ported_app)
        add_probe_routes(app.legacy_wsgi_app)
    elif isinstance(app, FastAPI):
        app.add_api_route("/boom", raise_an_unexpected_error)

        @app.get("/search")
        def search_(query: Annotated[Search, Query()]) -> Search:
            return query
    else:
        raise TypeError(f"no probe routes for a {type(app).__name__}: add them here")


def built_side(name: str, settings: Settings, stack: ExitStack) -> Side:
    """The app called `name`, in-process on `settings`, with the probe routes added and a
    non-ASCII Basic user; its client closes with `stack`."""
    spec = side_spec(name)
    settings = spec.settings(
        settings.model_copy(
            update={
                "auth_username": NON_ASCII_USER[0],
                "auth_password": SecretStr(NON_ASCII_USER[1]),
            }
        )
    )
    app = spec.factory(settings)
    add_probe_routes(app)
    client = stack.enter_context(client_for(app))
    return Side(spec.framework, client, settings, live=False, app=app, name=name)


@contextmanager
def built_pair(
    make_settings: Callable[[str], Settings], pair: PairSpec = DEFAULT_PAIR
) -> Iterator[Pair]:
    """Both apps, in-process, with the probe routes added and a non-ASCII Basic user."""
    with ExitStack() as stack:
        yield Pair(
            *(built_side(name, make_settings(f"built-{name}"), stack) for name in pair.names)
        )
