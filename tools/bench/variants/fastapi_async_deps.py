"""The FastAPI twin with the dependencies that never block written `async def`, for a server:
`uvicorn --factory tools.bench.variants.fastapi_async_deps:create_app`.

FastAPI runs a `def` dependency in its thread pool, as it runs a `def` endpoint: each is a
hand-off to a worker thread and back. The twin's getters only read the app's state, so they
can run in the event loop. The session dependency (get_db) stays `def`: closing a session ends
its transaction on the database, which blocks.
"""

from fastapi import FastAPI, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from fastapi_app import create_app as create_twin
from fastapi_app import deps
from shared.settings import Settings


async def get_settings(request: Request) -> Settings:
    return deps.get_settings(request)


async def get_engine(request: Request) -> Engine:
    return deps.get_engine(request)


async def get_session_factory(request: Request) -> sessionmaker[Session]:
    return deps.get_session_factory(request)


ASYNC_GETTERS = {
    deps.get_settings: get_settings,
    deps.get_engine: get_engine,
    deps.get_session_factory: get_session_factory,
}


def with_async_getters(app: FastAPI) -> FastAPI:
    app.dependency_overrides.update(ASYNC_GETTERS)
    return app


def create_app(settings: Settings | None = None) -> FastAPI:
    return with_async_getters(create_twin(settings or Settings()))
