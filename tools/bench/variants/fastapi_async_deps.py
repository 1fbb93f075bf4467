"""The FastAPI twin with the dependencies that never block written `async def`, for a server:
`uvicorn --factory tools.bench.variants.fastapi_async_deps:create_app`.

FastAPI runs a `def` dependency in its thread pool, as it runs a `def` endpoint: each is a
hand-off to a worker thread and back. The session factory's getter only reads the app's state,
so here it runs in the event loop. The session dependency (get_db) stays a `def` generator:
closing a session ends its transaction on the database, which blocks. The employees endpoints
(the database workloads) take their session from it.
"""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from sqlalchemy.orm import Session, sessionmaker

from fastapi_app import create_app as create_twin
from fastapi_app import deps
from fastapi_app.routes import employees
from shared.settings import Settings
from tools.bench.variants.rewired import Rewrite, rewired_router
from tools.bench.variants.routers import swap_included_router


async def get_session_factory(request: Request) -> sessionmaker[Session]:
    return deps.get_session_factory(request)


AsyncSessionFactoryDep = Annotated[sessionmaker[Session], Depends(get_session_factory)]


def get_db(session_factory: AsyncSessionFactoryDep) -> Iterator[Session]:
    """The twin's get_db, its session factory from the `async def` getter."""
    with session_factory() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_db)]
WITH_ASYNC_GETTER = Rewrite(annotations=((deps.SessionDep, SessionDep),))


def with_async_getters(app: FastAPI) -> FastAPI:
    rewrites = {route.name: WITH_ASYNC_GETTER for route in employees.router.routes}  # type: ignore[attr-defined]
    swap_included_router(app, employees.router, rewired_router(employees.router, rewrites))
    return app


def create_app(settings: Settings | None = None) -> FastAPI:
    return with_async_getters(create_twin(settings or Settings()))
