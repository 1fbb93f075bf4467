"""A view that takes no input answers its model without flask-pydantic's request machinery.

flask-pydantic's `@validate()` does two things: it checks the request (path parameters, query,
body, form) and answers a returned model as JSON. A view with nothing to check, as the hello,
still pays for the first on every request: the path parameters matched against its
annotations, its decorator arguments and annotations looked up, the request's
`query_params`, `body_params` and `form_params` set. The recipe replaces such a view, in
`app.view_functions`, by one that calls the function `@validate()` wraps and answers its model
as flask-pydantic does (the same JSON, status and headers); every view with input keeps
`@validate()`.
"""

import inspect
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, current_app
from flask_pydantic import validate
from pydantic import BaseModel

from tools.bench.tuned import RecipeError

View = Callable[..., Any]


def _probe() -> None:
    """Wrapped once by @validate(), so that its wrapper's code is known."""


# Every view @validate() wraps runs this one code object, whatever its arguments.
_VALIDATE_WRAPPER_CODE = validate()(_probe).__code__


def validate_arguments(view: View) -> dict[str, Any] | None:
    """What @validate() was given and what it wraps (its closure), or None for another view."""
    if getattr(view, "__code__", None) is not _VALIDATE_WRAPPER_CODE:
        return None
    return dict(inspect.getclosurevars(view).nonlocals)


def takes_no_input(arguments: dict[str, Any]) -> bool:
    """Nothing for @validate() to check: no model given to it, no parameter on the view."""
    checked = ("body", "query", "form")
    return (
        not any(arguments.get(name) for name in checked)
        and not arguments.get("response_many")
        and not inspect.signature(arguments["func"]).parameters
    )


def json_answer(model: BaseModel, status: Any, options: dict[str, Any]) -> Response:
    """The model as flask-pydantic's make_json_response answers it, built directly."""
    body = model.model_dump_json(
        exclude_none=options["exclude_none"], by_alias=options["response_by_alias"]
    )
    return current_app.response_class(body, status=status, mimetype="application/json")


def answering_models(arguments: dict[str, Any]) -> View:
    func, on_success = arguments["func"], arguments["on_success_status"]

    def view() -> Any:
        result = current_app.ensure_sync(func)()
        if isinstance(result, BaseModel):
            return json_answer(result, on_success, arguments)
        if isinstance(result, tuple) and len(result) in (2, 3) and isinstance(result[0], BaseModel):
            # flask-pydantic's reading of (model, status), (model, headers) and
            # (model, status, headers), kept as it is.
            headers, status = None, on_success
            if isinstance(result[1], dict | tuple | list):
                headers = result[1]
            elif len(result) == 3 and isinstance(result[2], dict | tuple | list):
                status, headers = result[1], result[2]
            else:
                status = result[1]
            answer = json_answer(result[0], status, arguments)
            if headers:
                answer.headers.update(headers)
            return answer
        return result

    view.__name__ = func.__name__
    return view


def answer_models_without_validate(app: Flask) -> None:
    replaced = []
    for endpoint, view in list(app.view_functions.items()):
        arguments = validate_arguments(view)
        if arguments is not None and takes_no_input(arguments):
            app.view_functions[endpoint] = answering_models(arguments)
            replaced.append(endpoint)
    if not replaced:
        raise RecipeError("no view of the app is a @validate() view without input")
