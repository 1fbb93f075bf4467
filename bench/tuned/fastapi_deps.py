"""The app.state getters as coroutines, through `app.dependency_overrides`.

The twin's getters (fastapi_app/deps.py) are plain functions, as FastAPI's tutorial writes
dependencies; FastAPI runs a plain `def` dependency in its thread pool, a hand-off per getter
per request, for what only reads an attribute. These coroutines read the same attribute on the
event loop. `get_db` stays as it is: closing a session can wait on the database. FastAPI
builds the overriding dependency anew for each request once any override is set, a cost the
benchmark weighs against the hand-offs saved.
"""

from fastapi import FastAPI, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from fastapi_app import deps
from shared.settings import Settings


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


async def get_session_factory(request: Request) -> sessionmaker[Session]:
    factory: sessionmaker[Session] = request.app.state.session_factory
    return factory


OVERRIDES = {
    deps.get_settings: get_settings,
    deps.get_engine: get_engine,
    deps.get_session_factory: get_session_factory,
}


def read_state_in_coroutines(app: FastAPI) -> None:
    app.dependency_overrides.update(OVERRIDES)
