"""Probes that need an app built for them: a route that fails, a user with a non-ASCII name."""

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Annotated

import pytest
from fastapi import FastAPI, Query
from flask import Flask
from flask_pydantic import validate
from pydantic import BaseModel, SecretStr

from parity_tests.contract.helpers import basic_auth
from parity_tests.differential.compare import compare, probe_id
from parity_tests.options import is_live
from parity_tests.parity import Probe
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


@pytest.fixture(scope="module")
def built(
    request: pytest.FixtureRequest, make_settings: Callable[[str], Settings]
) -> Iterator[Pair]:
    if is_live(request.config):
        pytest.skip("these probes add routes and users to apps built in-process")
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
            targets[framework] = Target(framework, client, settings, live=False)
        yield Pair(targets["flask"], targets["fastapi"])


PROBES = [
    Probe(
        "errors",
        "an unhandled error in a view",
        "GET",
        "/boom",
        differences=("unhandled-error-body",),
    ),
    Probe(
        "validation",
        "a missing required query parameter",
        "GET",
        "/search",
        differences=("validation-error-format",),
    ),
    Probe("validation", "a required query parameter given", "GET", "/search?q=flask"),
    Probe(
        "auth",
        "whoami as a user whose name is not ASCII",
        "GET",
        "/whoami",
        {"headers": basic_auth(*NON_ASCII_USER)},
    ),
]


@pytest.mark.parametrize("probe", PROBES, ids=probe_id)
def test_apps_built_for_a_probe_answer_alike_or_as_registered(
    probe: Probe, built: Pair, request: pytest.FixtureRequest
) -> None:
    compare(probe, built, request.config)
