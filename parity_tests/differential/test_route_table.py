"""Both apps expose the same (method, path) pairs, apart from registered differences."""

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from flask import Flask
from starlette.routing import Mount, Route

from fastapi_app import create_app as create_fastapi_app
from flask_app import create_app as create_flask_app
from parity_tests.registry import REGISTRY
from parity_tests.sides import isolated_settings

RouteKey = tuple[str, str]

# A Werkzeug placeholder, <converter(arguments):name>, becomes OpenAPI's {name}; a path
# converter or a mounted app serves a whole subtree, written {...} in both.
_WERKZEUG_SUBTREE = re.compile(r"<path:\w+>")
_WERKZEUG_PLACEHOLDER = re.compile(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>")

# Routes one framework has and the other does not, each with the entry that explains it.
EXCLUDED: dict[str, re.Pattern[str]] = {
    "automatic-head": re.compile(r"^HEAD "),
    "automatic-options": re.compile(r"^OPTIONS "),
    "docs-builtin": re.compile(r"^GET /(openapi\.json|docs(/.*)?|redoc)$"),
    "admin-ui": re.compile(r"^\w+ /admin/"),
}


def flask_route_table(app: Flask) -> set[RouteKey]:
    table = set()
    for rule in app.url_map.iter_rules():
        path = _WERKZEUG_PLACEHOLDER.sub(r"{\1}", _WERKZEUG_SUBTREE.sub("{...}", rule.rule))
        table |= {(method, path) for method in rule.methods or ()}
    return table


def fastapi_route_table(app: FastAPI) -> set[RouteKey]:
    # The OpenAPI schema is FastAPI's own public account of its API routes.
    table = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    for route in app.routes:
        if isinstance(route, Mount):
            table.add(("GET", f"{route.path}/{{...}}"))
        elif isinstance(route, Route) and not route.include_in_schema:
            table |= {(method, route.path) for method in route.methods or ()}
    return table


def registered_exclusion(route: RouteKey) -> str | None:
    line = " ".join(route)
    return next((name for name, pattern in EXCLUDED.items() if pattern.search(line)), None)


@pytest.fixture(scope="module")
def route_tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[RouteKey]]:
    settings = isolated_settings(Path(tmp_path_factory.mktemp("route-table")))
    return {
        "flask": flask_route_table(create_flask_app(settings)),
        "fastapi": fastapi_route_table(create_fastapi_app(settings)),
    }


def test_both_apps_expose_the_same_routes_apart_from_registered_differences(
    route_tables: dict[str, set[RouteKey]],
) -> None:
    flask, fastapi = route_tables["flask"], route_tables["fastapi"]
    unexplained = {
        route: framework
        for framework, routes in (
            ("flask only", flask - fastapi),
            ("fastapi only", fastapi - flask),
        )
        for route in routes
        if registered_exclusion(route) is None
    }
    assert unexplained == {}
    assert ("GET", "/employees/{employee_id}") in flask & fastapi


def test_every_route_exclusion_still_excludes_something(
    route_tables: dict[str, set[RouteKey]],
) -> None:
    one_sided = route_tables["flask"] ^ route_tables["fastapi"]
    used = {registered_exclusion(route) for route in one_sided}
    assert set(EXCLUDED) - used == set()
    assert set(EXCLUDED) <= set(REGISTRY)
