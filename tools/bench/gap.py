"""Why the FastAPI twin serves a database read slower than the Flask twin: each candidate cause
measured in-process on `GET /employees?limit=10`, as tools.bench.layers measures a layer (the
app with the cause minus the app without it, lowest CPU µs of interleaved passes).

The causes: FastAPI runs a `def` endpoint in its thread pool, and with it the validation of
what the endpoint returned; each `def` dependency is a hand-off of its own (get_session_factory),
a `def` generator two, one to open and one to close (get_db); the response model validates and
serialises what the endpoint already built as that model; FastAPI 0.16x matches an included
router's route twice (tools.bench.tuned.fastapi_routes); and each request opens and closes a
database session, as both twins do. The endpoint changes are made on a rebuilt copy of the
twin's employees router (tools.bench.variants.rewired); the copy as it is, a control, is
measured beside the twin.
"""

from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI
from sqlalchemy.orm import Session

from fastapi_app import deps
from fastapi_app.deps import SessionFactoryDep
from fastapi_app.routes import employees
from tools.bench.inprocess import Serve, asgi_driver, lowest_of, wsgi_driver
from tools.bench.layers import fastapi_twin, flask_twin
from tools.bench.tuned.fastapi_routes import register_routes_on_the_app
from tools.bench.variants import fastapi_async_deps
from tools.bench.variants.rewired import Rewrite, rewired_router
from tools.bench.variants.routers import swap_included_router

ROWS = 10
URL = f"/employees?limit={ROWS}"
LIST_ROUTE = "list_employees"
# The twin's thread-pool hand-offs for the list: get_session_factory, get_db opened, the
# endpoint, its response validated, get_db closed.
TWIN_HANDOFFS = 5


async def get_db_in_the_loop(session_factory: SessionFactoryDep) -> AsyncIterator[Session]:
    with session_factory() as session:
        yield session


async def get_db_all_in_the_loop(
    session_factory: fastapi_async_deps.AsyncSessionFactoryDep,
) -> AsyncIterator[Session]:
    with session_factory() as session:
        yield session


GET_DB_IN_THE_LOOP = (deps.SessionDep, Annotated[Session, Depends(get_db_in_the_loop)])
ALL_IN_THE_LOOP = (deps.SessionDep, Annotated[Session, Depends(get_db_all_in_the_loop)])
Change = Callable[[FastAPI], None]


def list_rewritten(rewrite: Rewrite) -> Change:
    def change(app: FastAPI) -> None:
        router = rewired_router(employees.router, {LIST_ROUTE: rewrite})
        swap_included_router(app, employees.router, router)

    return change


REBUILT = list_rewritten(Rewrite())
ENDPOINT_IN_THE_LOOP = list_rewritten(Rewrite(in_the_loop=True))
# key: (label, thread-pool hand-offs it accounts for, the app with it, the app without it)
CAUSES: dict[str, tuple[str, int, tuple[Change, ...], tuple[Change, ...]]] = {
    "endpoint-thread": (
        "`def` endpoint run in the thread pool (its call and its response's validation)",
        2,
        (REBUILT,),
        (ENDPOINT_IN_THE_LOOP,),
    ),
    "factory-thread": (
        "`def` dependency get_session_factory run in the thread pool",
        1,
        (REBUILT,),
        (list_rewritten(Rewrite(annotations=(fastapi_async_deps.WITH_ASYNC_GETTER.annotations))),),
    ),
    "get-db-thread": (
        "`def` generator dependency get_db run in the thread pool (to open and to close)",
        2,
        (REBUILT,),
        (list_rewritten(Rewrite(annotations=(GET_DB_IN_THE_LOOP,))),),
    ),
    "response-model": (
        "response model: the returned EmployeeList validated and serialised by FastAPI "
        "(against model_dump_json in the endpoint; both `async def`)",
        0,
        (ENDPOINT_IN_THE_LOOP,),
        (list_rewritten(Rewrite(in_the_loop=True, as_json=True)),),
    ),
    "router-matched-twice": (
        "employees router matched twice (what the recipe routes-on-the-app removes)",
        0,
        (),
        (register_routes_on_the_app,),
    ),
}
NONE_OF_THEM: tuple[Change, ...] = (
    list_rewritten(Rewrite(annotations=(ALL_IN_THE_LOOP,), in_the_loop=True, as_json=True)),
    register_routes_on_the_app,
)


def fastapi_serving(changes: tuple[Change, ...]) -> Serve:
    app = fastapi_twin()
    for change in changes:
        change(app)
    return asgi_driver(app, URL)


def session_life() -> tuple[Serve, Callable[[], None]]:
    """A session opened, its transaction begun and the session closed, as each twin's request
    does around its queries (the same code in both); and what closes its engine."""
    from shared.db import create_db_engine, create_session_factory
    from shared.settings import Settings

    engine = create_db_engine(Settings().database_url)
    sessions = create_session_factory(engine)

    def serve(count: int) -> None:
        for _ in range(count):
            with sessions() as session:
                session.connection()

    return serve, engine.dispose


def measure_gap(passes: int, requests: int) -> list[dict[str, Any]]:
    """The gap's rows; DATABASE_URL must name a seeded database."""
    session_serve, dispose = session_life()
    servers: dict[str, Serve] = {
        "flask-twin": wsgi_driver(flask_twin(), URL),
        "twin": fastapi_serving(()),
        "rebuilt": fastapi_serving((REBUILT,)),
        "none": fastapi_serving(NONE_OF_THEM),
        "session-life": session_serve,
    }
    for key, (_, _, with_it, without_it) in CAUSES.items():
        servers[f"{key}:with"] = fastapi_serving(with_it)
        servers[f"{key}:without"] = fastapi_serving(without_it)
    try:
        costs = lowest_of(servers, passes, requests)
    finally:
        dispose()
    return gap_table(costs)


def gap_table(costs: dict[str, float]) -> list[dict[str, Any]]:
    """Both twins, each cause (with minus without), the session's life, the control, and the
    FastAPI twin with every cause removed, in CPU µs per request."""
    rows: list[dict[str, Any]] = [
        {"layer": "twin", "label": "the FastAPI twin", "us": costs["twin"]},
        {"layer": "flask-twin", "label": "the Flask twin", "us": costs["flask-twin"]},
    ]
    for key, (label, handoffs, _, _) in CAUSES.items():
        cost = costs[f"{key}:with"] - costs[f"{key}:without"]
        rows.append({"layer": key, "label": label, "us": cost, "handoffs": handoffs})
    rows += [
        {
            "layer": "session-life",
            "label": "database session opened, begun and closed (both twins, the same code)",
            "us": costs["session-life"],
        },
        {
            "layer": "rebuilt",
            "label": "control: the FastAPI twin, its employees router rebuilt unchanged",
            "us": costs["rebuilt"],
        },
        {
            "layer": "none",
            "label": "the FastAPI twin with every cause above removed",
            "us": costs["none"],
        },
    ]
    return rows
