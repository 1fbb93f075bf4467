"""The twin's routers' routes registered on the app itself, each matched once.

The twin groups its endpoints in one APIRouter per feature and includes each, as FastAPI's
"Bigger Applications" teaches. FastAPI 0.16x keeps an included router as a single entry of the
app's route table: a request is matched by asking that router's routes, then matched again by
them to be served, with FastAPI's routing state saved and restored in the scope at each step.
Registering each route on the app with its own options (`app.router.add_api_route`, the call
`@app.get` makes) gives the same route, matched once, at the same place in the table.

Only routers included as the twin includes them are moved: no prefix, tags, dependencies,
callbacks or body limit of the inclusion's own, no router nested in them, no low-priority
(frontend) route, API routes only. The OpenAPI schema is built first, from the app as the twin
made it, and kept: FastAPI builds it once and serves that.
"""

from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from tools.bench.tuned import RecipeError

# What a route was given, as `add_api_route` takes it: each an attribute of APIRoute.
ROUTE_OPTIONS = (
    "response_model",
    "status_code",
    "tags",
    "dependencies",
    "summary",
    "description",
    "response_description",
    "responses",
    "deprecated",
    "methods",
    "operation_id",
    "response_model_include",
    "response_model_exclude",
    "response_model_by_alias",
    "response_model_exclude_unset",
    "response_model_exclude_defaults",
    "response_model_exclude_none",
    "include_in_schema",
    "response_class",
    "name",
    "callbacks",
    "openapi_extra",
    "generate_unique_id_function",
    "strict_content_type",
    "max_body_size",
)


def register_routes_on_the_app(app: FastAPI) -> None:
    if not any(map(is_an_included_router, app.router.routes)):
        raise RecipeError("the app includes no router")
    app.openapi()
    table: list[BaseRoute] = []
    for entry in app.router.routes:
        table.extend(registered_on(app, entry) if is_an_included_router(entry) else [entry])
    app.router.routes[:] = table


def is_an_included_router(entry: BaseRoute) -> bool:
    # FastAPI's class for it is private; what marks it is the router it stands for.
    return hasattr(entry, "original_router") and hasattr(entry, "include_context")


def registered_on(app: FastAPI, included: Any) -> list[APIRoute]:
    """The included router's routes, each registered on the app with its own options."""
    why_not = why_it_cannot_move(app, included)
    if why_not:
        raise RecipeError(f"a router cannot move onto the app: {why_not}")
    moved: list[APIRoute] = []
    for route in included.original_router.routes:
        options = {name: getattr(route, name) for name in ROUTE_OPTIONS}
        app.router.add_api_route(
            route.path, route.endpoint, form_limits=route.form_limits or None, **options
        )
        registered = app.router.routes.pop()
        assert isinstance(registered, APIRoute)
        moved.append(registered)
    return moved


def why_it_cannot_move(app: FastAPI, included: Any) -> str | None:
    context, router = included.include_context, included.original_router
    if context.prefix or context.tags or context.dependencies or context.callbacks:
        return "it is included with a prefix, tags, dependencies or callbacks of its own"
    if context.max_body_size is not None or context.responses != app.router.responses:
        return "it is included with a body limit or responses of its own"
    if router._low_priority_routes:
        return "it has low-priority (frontend) routes"
    if not all(type(route) is APIRoute for route in router.routes):
        return "it holds something other than API routes (a router, a mount, a websocket)"
    return None
