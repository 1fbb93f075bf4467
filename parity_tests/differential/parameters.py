"""Every path and query parameter the apps take, as the FastAPI twin's OpenAPI schema declares
it: the route table both twins serve (test_route_table.py), so no parameter can be added to
either app without the value classes reaching it."""

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

Location = Literal["path", "query"]
# The declared types the value classes know: a parameter of any other is refused, so that a
# new one cannot go unprobed.
Kind = Literal["integer", "number", "string", "uuid"]


class UnprobedParameterError(LookupError):
    """A parameter whose location or type has no value classes."""


@dataclass(frozen=True)
class Parameter:
    method: str
    path: str  # OpenAPI's template, such as /employees/{employee_id}
    location: Location
    name: str
    kind: Kind
    # Unbounded unless the schema says: the comparisons need no None case.
    minimum: float = -math.inf
    maximum: float = math.inf
    max_length: int | None = None
    pattern: str | None = None

    @property
    def operation(self) -> tuple[str, str]:
        return self.method, self.path


def _kind(schema: Mapping[str, Any]) -> Kind:
    declared = schema.get("type")
    if declared in ("integer", "number"):
        return "integer" if declared == "integer" else "number"
    if declared == "string":
        return "uuid" if schema.get("format") == "uuid" else "string"
    raise UnprobedParameterError(f"no value classes for the type {declared!r}")


def _value_schema(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    # An optional parameter is anyOf [its type, null]: the values are those of its type.
    alternatives = [item for item in schema.get("anyOf", ()) if item.get("type") != "null"]
    return alternatives[0] if len(alternatives) == 1 else schema


def _parameters(method: str, path: str, operation: Mapping[str, Any]) -> Iterator[Parameter]:
    for declared in operation.get("parameters", ()):
        location = declared["in"]
        if location not in ("path", "query"):
            raise UnprobedParameterError(f"{method} {path}: no value classes for {location}")
        schema = _value_schema(declared["schema"])
        yield Parameter(
            method=method,
            path=path,
            location=location,
            name=declared["name"],
            kind=_kind(schema),
            minimum=schema.get("minimum", -math.inf),
            maximum=schema.get("maximum", math.inf),
            max_length=schema.get("maxLength"),
            pattern=schema.get("pattern"),
        )


def declared_parameters(document: Mapping[str, Any]) -> list[Parameter]:
    """Each path and query parameter of each operation of an OpenAPI document."""
    return [
        parameter
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        for parameter in _parameters(method.upper(), path, operation)
    ]
