"""Apps built for the probes that need them: a route that fails, a user with a non-ASCII name."""

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Annotated

from fastapi import FastAPI, Query
from flask import Flask
from flask_pydantic import validate
from pydantic import BaseModel, SecretStr

from parity_tests.targets import (
    FRAMEWORKS,
    Pair,
    Target,
    build_app,
    client_for,
)
from shared.settings import Settings

NON_ASCII_USER = ("jörg", "pässwörd")


def raise_an_unexpected_error() -> str:
    raise RuntimeError("a bug in a view")


class Search(BaseModel):
    q: str


def add_probe_routes(app: Flask | FastAPI) -> None:
    """The same two extra routes in each framework's own idiom."""
    if isinstance(app, Flask):
        app.add_url_rule("/boom", view_func=raise_an_unexpected_error)

        @app.get("/search")
        @validate()
        def search(query: Search) -> Search:
            return query
    else:
        app.add_api_route("/boom", raise_an_unexpected_error)

        @app.get("/search")
        def search_(query: Annotated[Search, Query()]) -> Search:
            return query


@contextmanager
def built_pair(make_settings: Callable[[str], Settings]) -> Iterator[Pair]:
    """Both apps, in-process, with the probe routes added and a non-ASCII Basic user."""
    with ExitStack() as stack:
        targets = {}
        for framework in FRAMEWORKS:
            settings = make_settings(f"built-{framework}").model_copy(
                update={
                    "auth_username": NON_ASCII_USER[0],
                    "auth_password": SecretStr(NON_ASCII_USER[1]),
                }
            )
            app = build_app(framework, settings)
            add_probe_routes(app)
            client = stack.enter_context(client_for(app))
            targets[framework] = Target(framework, client, settings, live=False, app=app)
        yield Pair(targets["flask"], targets["fastapi"])
