"""Dependency injection, and where the resources it hands out are created."""

import warnings
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from flask import Flask
from sqlalchemy.orm import Session

from fastapi_app import deps
from parity_tests.sides import Pair, client_for
from tools.claims.ledger import Finding, Link, claim, judge

SECTION = "Dependency injection"


def _flask_view_wanting_a_session(session: object) -> dict[str, str]:
    return {"session": repr(session)}


@claim(
    "Flask has no dependency injection of its own; FastAPI's `Depends` hands each view what "
    "it declares, such as a database session."
)
def dependency_injection(twins: Pair) -> Finding:
    flask_app = Flask("claims_probe")
    flask_app.add_url_rule("/", view_func=_flask_view_wanting_a_session)
    with client_for(flask_app) as client:
        flask_status = client.get("/").status_code
    fastapi_app = twins.fastapi.app
    assert isinstance(fastapi_app, FastAPI), "the claims run the FastAPI twin in-process"
    handed_out: list[str] = []

    def recorded_session(request: Request) -> Iterator[Session]:
        handed_out.append(request.url.path)
        with request.app.state.session_factory() as session:
            yield session

    # The twin's views declare `get_db`; replacing it shows who hands them their session.
    fastapi_app.dependency_overrides[deps.get_db] = recorded_session
    try:
        status = twins.fastapi.client.get("/employees", params={"limit": 1}).status_code
    finally:
        del fastapi_app.dependency_overrides[deps.get_db]
    return judge(
        article_right=flask_status >= 500 and status == 200 and bool(handed_out),
        observed=f"A Flask view that declares a parameter the URL does not fill: "
        f"{flask_status}. GET /employees on the FastAPI twin, with `get_db` overridden: "
        f"{status}, its session handed out {len(handed_out)} time(s) by the override.",
        today="Flask filled a view parameter the URL does not give"
        if flask_status < 500
        else "The FastAPI twin's view did not receive its session through `Depends`.",
        evidence=[
            Link("fastapi_app/deps.py", "fastapi_app/deps.py"),
            Link("flask_app/deps.py", "flask_app/deps.py"),
        ],
    )


def _opened(state: list[str]) -> None:
    state.append("opened")


@claim(
    "The resources that dependencies hand out, a database connection say, are created in the "
    "app's startup event handler."
)
def startup_event_handler() -> Finding:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        app = FastAPI()
        app.on_event("startup")(lambda: None)
    deprecations = [
        str(w.message).split(".")[0].strip()
        for w in caught
        if issubclass(w.category, DeprecationWarning)
    ]
    opened: list[str] = []

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        _opened(opened)
        yield

    with client_for(FastAPI(lifespan=lifespan)):
        pass
    return judge(
        article_right=not deprecations,
        observed='`app.on_event("startup")` '
        + (f"warns “{deprecations[0]}”" if deprecations else "registers without a warning")
        + f"; a `lifespan` handler ran at start-up ({', '.join(opened) or 'did not run'}).",
        today="Create and close resources in a lifespan handler, `FastAPI(lifespan=...)`, as "
        "the FastAPI twin does in `create_app`.",
        changed="FastAPI deprecated `on_event` in favour of lifespan handlers",
        evidence=[Link("fastapi_app/__init__.py", "fastapi_app/__init__.py")],
    )
