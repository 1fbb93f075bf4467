# flask-pydantic ships no type information; this types the one decorator the Flask twin uses.
# The decorated view may return a model (or a coroutine of one); what Flask sees is a Response.
from collections.abc import Callable
from typing import Any, ParamSpec

from flask import Response
from pydantic import BaseModel

_P = ParamSpec("_P")

def validate(
    body: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    on_success_status: int = 200,
    exclude_none: bool = False,
    response_many: bool = False,
    request_body_many: bool = False,
    response_by_alias: bool = False,
    get_json_params: dict[str, Any] | None = None,
    form: type[BaseModel] | None = None,
) -> Callable[[Callable[_P, Any]], Callable[_P, Response]]: ...
