"""Every path and query parameter of the apps, sent each value class of its declared type.

The parameters come from the FastAPI twin's OpenAPI schema; the classes from value_classes.py;
what each probe must show from expectations.py. None is chosen by hand, so a parameter added
to the apps is probed with every class the moment it is declared.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import httpx2
from sidebyside import Probe, Setup

from parity_tests.contract_schema import twin_openapi
from parity_tests.differential import expectations
from parity_tests.differential.parameters import (
    Kind,
    Parameter,
    UnprobedParameterError,
    declared_parameters,
)
from parity_tests.differential.request_values import A_NEW_EMPLOYEE
from parity_tests.differential.setups import a_processed_upload, an_employee
from parity_tests.differential.value_classes import ValueClass, value_classes

FEATURE = "parameter values"


@dataclass(frozen=True)
class Resource:
    """What a path parameter names, made afresh for each probe in the app it is sent to; and
    an id of the same shape, to work out the expectation and show the class in a title (a
    class's outcome depends on the id's shape, not on its value)."""

    create: Setup
    sample: str


# Each path with a parameter, and the resource the parameter names.
RESOURCES: dict[str, Resource] = {
    "/employees/{employee_id}": Resource(an_employee, "42"),
    "/uploads/{upload_id}": Resource(a_processed_upload, "12345678-1234-4678-9234-567812345678"),
}


@dataclass(frozen=True)
class Operation:
    """What a request needs besides the parameter, and what it shows when both twins take
    the value (the hand-written probe of the same operation shows the same)."""

    json: Any = None
    answered_alike: tuple[str, ...] = ()


OPERATIONS: dict[tuple[str, str], Operation] = {
    ("PUT", "/employees/{employee_id}"): Operation(A_NEW_EMPLOYEE),
    ("PATCH", "/employees/{employee_id}"): Operation({"salary": 1}),
    ("DELETE", "/employees/{employee_id}"): Operation(
        answered_alike=("empty-response-content-type",)
    ),
    # The async view, where the releases of flask-pydantic before 0.14 cannot answer.
    ("GET", "/async"): Operation(answered_alike=("flask-pydantic-async-view",)),
}

# A valid value of each type for a query parameter: small, so that /async waits 10 ms; the
# seed's department, so that a filter read alike finds the same rows.
QUERY_BASES: dict[Kind, float | str] = {"integer": 5, "number": 0.01, "string": "research"}


def query_base(parameter: Parameter) -> str:
    base = QUERY_BASES.get(parameter.kind)
    if base is None:
        raise UnprobedParameterError(f"no base value for a {parameter.kind} query parameter")
    if isinstance(base, str):
        return base
    # The base, moved inside the declared bounds (infinite where none is declared).
    return str(min(max(base, parameter.minimum), parameter.maximum))


def another_value(parameter: Parameter, base: str) -> str:
    """A second valid value, which a filter or page answers differently."""
    if parameter.kind == "string":
        return base + "-other"
    return str(float(base) * 2 if parameter.kind == "number" else int(base) + 1)


def spelled_resource(resource: Resource, value_class: ValueClass) -> Setup:
    """The resource's setup, with its id spelled as the class spells it."""

    def setup(client: httpx2.Client) -> Mapping[str, object]:
        return {"id": value_class.spell(str(resource.create(client)["id"]))}

    return setup


def _example(spelled: str) -> str:
    return f' ("{spelled}")' if len(spelled) <= 24 else ""


def path_probes(parameter: Parameter) -> Iterator[Probe]:
    resource = RESOURCES.get(parameter.path)
    if resource is None:
        raise UnprobedParameterError(f"{parameter.path}: no resource for {parameter.name}")
    operation = OPERATIONS.get(parameter.operation, Operation())
    path = parameter.path.replace(f"{{{parameter.name}}}", "{id}")
    for value_class in value_classes(parameter.kind, "path"):
        spelled = value_class.spell(resource.sample)
        reading = value_class.reads(resource.sample)
        yield Probe(
            f"{parameter.method} {parameter.name} {value_class.name}{_example(spelled)}",
            parameter.method,
            path,
            json=operation.json,
            feature=FEATURE,
            differences=expectations.in_path(parameter, spelled, reading, operation.answered_alike),
            setup=spelled_resource(resource, value_class),
        )


def query_probes(parameter: Parameter) -> Iterator[Probe]:
    if "{" in parameter.path:
        raise UnprobedParameterError(f"{parameter.path}: a query parameter beside a path one")
    base = query_base(parameter)
    operation = OPERATIONS.get(parameter.operation, Operation())

    def probe(title: str, query: str, differences: tuple[str, ...]) -> Probe:
        return Probe(
            f"{parameter.method} {parameter.path} {parameter.name} {title}",
            parameter.method,
            f"{parameter.path}?{query}",
            json=operation.json,
            feature=FEATURE,
            differences=differences,
        )

    for value_class in value_classes(parameter.kind, "query"):
        yield probe(
            value_class.name,
            f"{parameter.name}={value_class.spell(base)}",
            expectations.in_query(parameter, value_class.reads(base), operation.answered_alike),
        )
    yield probe(
        "repeated with two valid values",
        f"{parameter.name}={base}&{parameter.name}={another_value(parameter, base)}",
        expectations.repeated_in_query(operation.answered_alike),
    )


PROBE_MAKERS: dict[str, Callable[[Parameter], Iterator[Probe]]] = {
    "path": path_probes,
    "query": query_probes,
}


def generated_probes(parameters: list[Parameter]) -> list[Probe]:
    return [
        probe for parameter in parameters for probe in PROBE_MAKERS[parameter.location](parameter)
    ]


PROBES = generated_probes(declared_parameters(twin_openapi()))
