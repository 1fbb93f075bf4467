"""The FastAPI twin with its employees endpoints written `async def` over SQLAlchemy's async
session (SQLAlchemy's asyncio extension on aiosqlite), for a server:
`uvicorn --factory tools.bench.variants.fastapi_async_db:create_app`. The benchmark's database
is SQLite; a PostgreSQL URL maps to asyncpg, which the bench extra does not install.

The endpoints run the twin's own repository functions (shared.employees) through
`AsyncSession.run_sync`, SQLAlchemy's way to run Session code on an async session: every
statement is awaited on the async driver, and the answers are the twin's by construction.
"""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, FastAPI, Query, Request, Response
from sqlalchemy import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from fastapi_app import create_app as create_twin
from fastapi_app.responses import CONFLICT, NOT_FOUND, WITH_BODY
from fastapi_app.routes import employees as twin_employees
from fastapi_app.routes.employees import EmployeeId
from shared import employees
from shared.db import tune_sqlite
from shared.schemas import EmployeeIn, EmployeeList, EmployeeOut, EmployeePatch, EmployeeQuery
from shared.settings import Settings
from tools.bench.variants.routers import swap_included_router

# The async driver of each database the twins run on.
ASYNC_DRIVERS = {"sqlite": "aiosqlite", "postgresql": "asyncpg"}

Result = TypeVar("Result")


def async_database_url(database_url: str) -> str:
    url = make_url(database_url)
    backend = url.get_backend_name()
    if backend not in ASYNC_DRIVERS:
        raise ValueError(f"no async driver known for {backend} ({database_url})")
    return url.set(drivername=f"{backend}+{ASYNC_DRIVERS[backend]}").render_as_string(
        hide_password=False
    )


def create_async_db_engine(database_url: str) -> AsyncEngine:
    """The twin's engine settings on the async driver: SQLite's pragmas and BEGIN included."""
    engine = create_async_engine(async_database_url(database_url))
    if engine.dialect.name == "sqlite":
        tune_sqlite(engine.sync_engine)
    return engine


async def get_async_db(request: Request) -> AsyncIterator[AsyncSession]:
    sessions: async_sessionmaker[AsyncSession] = request.app.state.async_session_factory
    async with sessions() as session:
        yield session


AsyncSessionDep = Annotated[AsyncSession, Depends(get_async_db)]


async def reading(db: AsyncSession, work: Callable[..., Result], *arguments: Any) -> Result:
    return await db.run_sync(work, *arguments)


async def writing(
    request: Request, db: AsyncSession, work: Callable[..., Result], *arguments: Any
) -> Result:
    # The repository's writers take turns on a blocking lock (shared.db.writing): a second
    # writer waiting on it in the event loop would stop the loop the first one needs to finish.
    # Here a writer waits its turn in the loop first, so the blocking lock is always free.
    lock: asyncio.Lock = request.app.state.async_writer_lock
    async with lock:
        return await db.run_sync(work, *arguments)


router = APIRouter(tags=["employees"])


@router.get("/employees")
async def list_employees(
    db: AsyncSessionDep, query: Annotated[EmployeeQuery, Query()]
) -> EmployeeList:
    return await reading(db, employees.list_employees, query)


@router.post("/employees", status_code=201, responses=WITH_BODY | CONFLICT)
async def create_employee(
    db: AsyncSessionDep, body: EmployeeIn, request: Request, response: Response
) -> EmployeeOut:
    employee = await writing(request, db, employees.create_employee, body)
    response.headers["Location"] = request.app.url_path_for(
        "get_employee", employee_id=str(employee.id)
    )
    return employee


@router.get("/employees/{employee_id}", responses=NOT_FOUND)
async def get_employee(db: AsyncSessionDep, employee_id: EmployeeId) -> EmployeeOut:
    return await reading(db, employees.get_employee, employee_id)


@router.put("/employees/{employee_id}", responses=WITH_BODY | NOT_FOUND | CONFLICT)
async def replace_employee(
    db: AsyncSessionDep, employee_id: EmployeeId, body: EmployeeIn, request: Request
) -> EmployeeOut:
    return await writing(request, db, employees.replace_employee, employee_id, body)


@router.patch("/employees/{employee_id}", responses=WITH_BODY | NOT_FOUND | CONFLICT)
async def update_employee(
    db: AsyncSessionDep, employee_id: EmployeeId, body: EmployeePatch, request: Request
) -> EmployeeOut:
    return await writing(request, db, employees.update_employee, employee_id, body)


@router.delete("/employees/{employee_id}", status_code=204, responses=NOT_FOUND)
async def delete_employee(db: AsyncSessionDep, employee_id: EmployeeId, request: Request) -> None:
    await writing(request, db, employees.delete_employee, employee_id)


def on_async_sessions(app: FastAPI, database_url: str) -> FastAPI:
    """`app` (a FastAPI twin) with its employees router replaced, in its place, by the async
    one; the async engine is disposed when the app's lifespan ends."""
    swap_included_router(app, twin_employees.router, router)
    engine = create_async_db_engine(database_url)
    app.state.async_session_factory = async_sessionmaker(engine, expire_on_commit=False)
    app.state.async_writer_lock = asyncio.Lock()
    app.router.lifespan_context = disposing(engine, app.router.lifespan_context)
    return app


def disposing(
    engine: AsyncEngine, lifespan: Callable[[Any], AbstractAsyncContextManager[Any]]
) -> Callable[[Any], AbstractAsyncContextManager[Any]]:
    @asynccontextmanager
    async def lifespan_then_dispose(app: Any) -> AsyncIterator[Any]:
        try:
            async with lifespan(app) as state:
                yield state
        finally:
            await engine.dispose()

    return lifespan_then_dispose


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return on_async_sessions(create_twin(settings), settings.database_url)
