"""A router's endpoints rewritten as a FastAPI user would: another dependency in place of one,
`async def` in place of `def`, the endpoint's own JSON in place of the response model.

Each endpoint keeps its body: a wrapper calls it, and states the signature FastAPI reads
(`__signature__`) with the new dependency. Dependencies are changed in the signature rather
than through `app.dependency_overrides`, because FastAPI resolves an override anew on every
request, a cost no app written that way pays.
"""

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel

from tools.bench.tuned.fastapi_routes import ROUTE_OPTIONS

Endpoint = Callable[..., Any]


@dataclass(frozen=True)
class Rewrite:
    # Each parameter annotated with a key is annotated with its value instead.
    annotations: tuple[tuple[Any, Any], ...] = ()
    # `async def`: FastAPI calls it in the event loop, not in its thread pool.
    in_the_loop: bool = False
    # The endpoint answers its model's model_dump_json() itself, without a response model.
    as_json: bool = False


def rewritten(endpoint: Endpoint, rewrite: Rewrite) -> Endpoint:
    swap = dict(rewrite.annotations)
    signature = inspect.signature(endpoint)
    parameters = [
        parameter.replace(annotation=swap.get(parameter.annotation, parameter.annotation))
        for parameter in signature.parameters.values()
    ]

    def answer(result: Any) -> Any:
        if rewrite.as_json and isinstance(result, BaseModel):
            return Response(result.model_dump_json(), media_type="application/json")
        return result

    call: Endpoint
    if rewrite.in_the_loop:

        async def call(**arguments: Any) -> Any:
            return answer(endpoint(**arguments))

    else:

        def call(**arguments: Any) -> Any:
            return answer(endpoint(**arguments))

    functools.update_wrapper(call, endpoint)
    call.__signature__ = signature.replace(parameters=parameters)  # type: ignore[union-attr]
    return call


def rewired_router(source: APIRouter, rewrites: dict[str, Rewrite]) -> APIRouter:
    """A router with `source`'s routes and options, the endpoints `rewrites` names (by route
    name) rewritten; the others served as they are."""
    router = APIRouter()
    for route in source.routes:
        if not isinstance(route, APIRoute):
            raise TypeError(f"{route!r} is not an API route")
        options = {name: getattr(route, name) for name in ROUTE_OPTIONS}
        endpoint = route.endpoint
        rewrite = rewrites.get(route.name)
        if rewrite is not None:
            endpoint = rewritten(endpoint, rewrite)
            if rewrite.as_json:
                options["response_model"] = None
        router.add_api_route(route.path, endpoint, form_limits=route.form_limits or None, **options)
    return router
