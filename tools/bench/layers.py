"""What each layer of a twin costs: `GET /` driven in-process, the twin with one layer removed.

No server and no socket: the app is called directly (WSGI) or awaited (ASGI) in a loop, and the
CPU time per request is taken as the lowest of several interleaved passes, the figure least
disturbed by other work on the machine. The difference between the whole twin and the twin
without a layer is that layer's cost; what no layer explains is the rest of the app (its larger
URL map, its blueprints or routers, its request hooks).
"""

from collections.abc import Callable
from typing import Any

from tools.bench.apps import bare_fastapi, bare_flask, bare_flask_pydantic
from tools.bench.inprocess import (
    PASSES,
    REQUESTS_PER_PASS,
    Variant,
    asgi_driver,
    cpu_us_per_request,
    measure,
    wsgi_driver,
)

__all__ = ["PASSES", "REQUESTS_PER_PASS", "Variant", "layer_table", "measure_layers"]


class LayerMissingError(LookupError):
    """An ablation found nothing to take away: the twin's structure changed under it, and
    its row would read as a free layer."""


# --- the twins with one layer removed ---------------------------------------------------------


def flask_twin() -> Any:
    from flask_app import create_app

    return create_app()


def flask_without_cors() -> Any:
    from tools.bench.tuned.flask_cors_guard import is_flask_cors_hook

    app = flask_twin()
    hooks = app.after_request_funcs[None]
    kept = [hook for hook in hooks if not is_flask_cors_hook(hook)]
    if len(kept) == len(hooks):
        raise LayerMissingError("no flask-cors after-request hook on the Flask twin")
    app.after_request_funcs[None] = kept
    return app


def flask_without_vary() -> Any:
    from flask_app.additions import vary_on_origin

    app = flask_twin()
    hooks = app.after_request_funcs[None]
    if vary_on_origin not in hooks:
        raise LayerMissingError("no vary_on_origin hook on the Flask twin")
    app.after_request_funcs[None] = [hook for hook in hooks if hook is not vary_on_origin]
    return app


def flask_without_wsgi_layer(name: str) -> Callable[[], Any]:
    """The twin with the WSGI middleware of class `name` spliced out of app.wsgi_app's chain
    (each layer holds the next as `.app`), wherever it stands."""

    def build() -> Any:
        app = flask_twin()
        holder, attribute = app, "wsgi_app"
        layer = getattr(holder, attribute)
        while type(layer).__name__ != name:
            if not hasattr(layer, "app"):
                raise LayerMissingError(f"no {name} around the Flask twin's wsgi_app")
            holder, attribute = layer, "app"
            layer = layer.app
        setattr(holder, attribute, layer.app)
        return app

    return build


def flask_without_trusted_hosts() -> Any:
    app = flask_twin()
    app.config["TRUSTED_HOSTS"] = None
    return app


def flask_without_session() -> Any:
    app = flask_twin()
    app.secret_key = None
    return app


def flask_without_teardown() -> Any:
    app = flask_twin()
    app.teardown_appcontext_funcs = []
    return app


def flask_hello_without_validate() -> Any:
    app = flask_twin()
    # The function @validate() wraps (functools.wraps keeps it), its model returned as a dict
    # through Flask's own JSON response, as bare Flask's hello.
    wrapped = getattr(app.view_functions["hello.hello"], "__wrapped__", None)
    if wrapped is None:
        raise LayerMissingError("the Flask twin's hello is not wrapped by @validate()")
    app.view_functions["hello.hello"] = lambda: wrapped().model_dump()
    return app


def fastapi_twin() -> Any:
    from fastapi_app import create_app

    return create_app()


def fastapi_without(middleware_name: str) -> Callable[[], Any]:
    def build() -> Any:
        app = fastapi_twin()
        kept = [m for m in app.user_middleware if m.cls.__name__ != middleware_name]
        if len(kept) == len(app.user_middleware):
            raise LayerMissingError(f"no {middleware_name} in the FastAPI twin's middleware")
        app.user_middleware = kept
        return app

    return build


def fastapi_without_error_handlers() -> Any:
    app = fastapi_twin()
    app.exception_handlers = {}
    return app


def fastapi_bare_with_model() -> Any:
    from fastapi import FastAPI

    from shared.schemas import Hello

    app = FastAPI()

    @app.get("/")
    async def hello() -> Hello:
        return Hello()

    return app


def flask_bare_blueprint() -> Any:
    from flask import Blueprint, Flask

    app, blueprint = Flask(__name__), Blueprint("hello", __name__)

    @blueprint.get("/")
    def hello() -> dict[str, str]:
        return {"Hello": "World"}

    app.register_blueprint(blueprint)
    return app


def fastapi_bare_with_router() -> Any:
    from fastapi import APIRouter, FastAPI

    from shared.schemas import Hello

    app, router = FastAPI(), APIRouter()

    @router.get("/")
    async def hello() -> Hello:
        return Hello()

    app.include_router(router)
    return app


FLASK_VARIANTS = (
    Variant("twin", "the Flask twin", flask_twin),
    Variant("cors", "flask-cors (its after-request hook, every request)", flask_without_cors),
    Variant("vary", "`Vary: Origin` on every answer (an after-request hook)", flask_without_vary),
    Variant(
        "process-time",
        "process-time WSGI middleware",
        flask_without_wsgi_layer("ProcessTimeMiddleware"),
    ),
    Variant(
        "host-rule",
        "Host header rule (WSGI middleware)",
        flask_without_wsgi_layer("HostHeaderRule"),
    ),
    Variant(
        "unreadable-body",
        "unreadable body is a 400 (WSGI middleware)",
        flask_without_wsgi_layer("UnreadableBodyIsBadRequestMiddleware"),
    ),
    Variant("trusted-hosts", "TRUSTED_HOSTS (Werkzeug's host check)", flask_without_trusted_hosts),
    Variant("session", "cookie session (SECRET_KEY set)", flask_without_session),
    Variant("teardown", "teardown: database and admin sessions", flask_without_teardown),
    Variant(
        "validate",
        "flask-pydantic's @validate() on the hello (against a dict through Flask's JSON)",
        flask_hello_without_validate,
    ),
    Variant("bare-pydantic", "bare Flask + flask-pydantic", bare_flask_pydantic.create_app),
    Variant("bare-blueprint", "bare Flask, its hello in a Blueprint", flask_bare_blueprint),
    Variant("bare", "bare Flask", bare_flask.create_app),
)
# Modularity measured on bare apps: the same hello in a Blueprint or an APIRouter, less the
# same hello on the app itself.
MODULARITY = {
    "flask": ("blueprint", "a Blueprint (measured on bare Flask)", "bare-blueprint", "bare"),
    "fastapi": ("router", "include_router (measured on bare FastAPI)", "bare-router", "bare-model"),
}
FASTAPI_VARIANTS = (
    Variant("twin", "the FastAPI twin", fastapi_twin),
    Variant(
        "cors",
        "Starlette's CORSMiddleware (every request)",
        fastapi_without("CORSMiddleware"),
    ),
    Variant("body-size", "body-size limit middleware", fastapi_without("BodySizeLimitMiddleware")),
    Variant("host-rule", "Host header rule (ASGI middleware)", fastapi_without("HostHeaderRule")),
    Variant(
        "allowed-hosts",
        "allowed hosts (Starlette's TrustedHostMiddleware)",
        fastapi_without("TrustedHostMiddleware"),
    ),
    Variant(
        "process-time", "process-time ASGI middleware", fastapi_without("ProcessTimeMiddleware")
    ),
    Variant("error-handlers", "exception handlers", fastapi_without_error_handlers),
    Variant("bare-model", "bare FastAPI + the twin's response model", fastapi_bare_with_model),
    Variant("bare-router", "bare FastAPI, its hello in an APIRouter", fastapi_bare_with_router),
    Variant("bare", "bare FastAPI", bare_fastapi.create_app),
)


def layer_table(
    variants: tuple[Variant, ...],
    costs: dict[str, float],
    modularity: tuple[str, str, str, str],
    bare_key: str = "bare",
) -> list[dict[str, Any]]:
    """Rows: the twin, each layer's cost (twin minus twin-without), the rest, the bare apps."""
    twin = costs["twin"]
    rows: list[dict[str, Any]] = [{"layer": "twin", "label": variants[0].label, "us": twin}]
    explained = 0.0
    for variant in variants[1:]:
        if variant.key.startswith("bare"):
            continue
        cost = twin - costs[variant.key]
        explained += cost
        rows.append({"layer": variant.key, "label": variant.label, "us": cost})
    key, label, with_it, without_it = modularity
    modular = costs[with_it] - costs[without_it]
    explained += modular
    rows.append({"layer": key, "label": label, "us": modular})
    rows += [
        {"layer": v.key, "label": v.label, "us": costs[v.key]}
        for v in variants
        if v.key.startswith("bare")
    ]
    rest = twin - costs[bare_key] - explained
    rows.append({"layer": "rest", "label": "the rest of the twin", "us": rest})
    return rows


# --- the employee list, part by part ----------------------------------------------------------


def list_parts(rows: int, passes: int, requests: int) -> dict[str, float]:
    """CPU µs per `GET /employees?limit=rows`: the core's parts, and each whole twin request."""
    from sqlalchemy import func, select

    from shared.db import create_db_engine, create_session_factory
    from shared.employees import _EMPLOYEE_ROWS, _EMPLOYEES_OUT
    from shared.models import Employee
    from shared.schemas import EmployeeList
    from shared.settings import Settings

    engine = create_db_engine(Settings().database_url)
    sessions = create_session_factory(engine)
    page = _EMPLOYEE_ROWS.order_by(Employee.id).limit(rows)
    counted = select(func.count()).select_from(Employee)
    with sessions() as session:
        fetched = list(session.execute(page))
    listed = EmployeeList(
        items=_EMPLOYEES_OUT.validate_python(fetched, from_attributes=True),
        total=0,
        limit=rows,
        offset=0,
    )

    def query(count: int) -> None:
        for _ in range(count):
            with sessions() as session:
                list(session.execute(page))
                session.scalar(counted)

    def validate(count: int) -> None:
        for _ in range(count):
            _EMPLOYEES_OUT.validate_python(fetched, from_attributes=True)

    def serialise(count: int) -> None:
        for _ in range(count):
            listed.model_dump_json()

    url = f"/employees?limit={rows}"
    parts = {
        "query": query,
        "validate": validate,
        "serialise": serialise,
        "flask": wsgi_driver(flask_twin(), url),
        "fastapi": asgi_driver(fastapi_twin(), url),
    }
    lowest = {key: float("inf") for key in parts}
    for serve in parts.values():
        serve(1)
    for _ in range(passes):
        for key, serve in parts.items():
            lowest[key] = min(lowest[key], cpu_us_per_request(serve, requests))
    engine.dispose()
    return lowest


def list_table(
    sizes: tuple[int, ...], passes: int, requests_for_ten_rows: int
) -> list[dict[str, Any]]:
    """Per list size: SQLAlchemy, validation, JSON, and what is left to each framework."""
    rows = []
    for size in sizes:
        requests = max(2, requests_for_ten_rows * 10 // size)
        parts = list_parts(size, passes, requests)
        core = parts["query"] + parts["validate"] + parts["serialise"]
        rows.append(
            {
                "rows": size,
                "query_us": parts["query"],
                "validate_us": parts["validate"],
                "serialise_us": parts["serialise"],
                "flask_us": parts["flask"],
                "fastapi_us": parts["fastapi"],
                "flask_framework_us": parts["flask"] - core,
                "fastapi_framework_us": parts["fastapi"] - core,
            }
        )
    return rows


def measure_layers(passes: int = PASSES, requests: int = REQUESTS_PER_PASS) -> dict[str, Any]:
    """Both twins' layer tables, what each recipe wins, the list's parts and the causes of the
    database gap (tools.bench.gap); DATABASE_URL
    must name a seeded database."""
    from tools.bench.gap import measure_gap
    from tools.bench.recipe_costs import measure_recipes
    from tools.bench.workloads import LIST_SIZES

    flask_costs = measure(FLASK_VARIANTS, wsgi_driver, passes, requests)
    fastapi_costs = measure(FASTAPI_VARIANTS, asgi_driver, passes, requests)
    return {
        "method": f"in-process GET /, lowest CPU µs per request of {passes} interleaved passes "
        f"of {requests} requests",
        "flask": layer_table(FLASK_VARIANTS, flask_costs, MODULARITY["flask"]),
        "fastapi": layer_table(FASTAPI_VARIANTS, fastapi_costs, MODULARITY["fastapi"]),
        "recipes": measure_recipes(passes, requests),
        "list": list_table(LIST_SIZES, passes, max(2, requests // 10)),
        # A list of ten rows costs about ten hellos: a tenth of the requests a pass.
        "gap": measure_gap(passes, max(2, requests // 10)),
    }
