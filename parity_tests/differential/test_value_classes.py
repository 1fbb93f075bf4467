"""The generator reaches every parameter the apps declare with every class of its type, and
the classes are the ones where parsers commonly disagree."""

from typing import Any

import pytest

from parity_tests.contract_schema import twin_openapi
from parity_tests.differential.cases import every_probe
from parity_tests.differential.cases.values import PROBES, path_probes
from parity_tests.differential.parameters import (
    Parameter,
    UnprobedParameterError,
    declared_parameters,
)
from parity_tests.differential.value_classes import value_classes

DECLARED = declared_parameters(twin_openapi())


def spelled(kind: Any, location: Any, base: str) -> set[str]:
    return {value_class.spell(base) for value_class in value_classes(kind, location)}


def test_the_declared_parameters_are_read_from_the_twins_schema() -> None:
    names = {(parameter.method, parameter.path, parameter.name) for parameter in DECLARED}

    assert ("GET", "/employees", "limit") in names
    assert ("DELETE", "/employees/{employee_id}", "employee_id") in names
    assert ("GET", "/uploads/{upload_id}", "upload_id") in names
    assert {parameter.kind for parameter in DECLARED} == {"integer", "number", "string", "uuid"}


@pytest.mark.parametrize("parameter", DECLARED, ids=lambda p: f"{p.method} {p.path} {p.name}")
def test_every_declared_parameter_is_sent_every_class_of_its_type(parameter: Parameter) -> None:
    titles = {probe.title for probe in PROBES if probe.method == parameter.method}
    prefix = parameter.method if parameter.location == "path" else f"GET {parameter.path}"

    missing = [
        value_class.name
        for value_class in value_classes(parameter.kind, parameter.location)
        if not any(
            title.startswith(f"{prefix} {parameter.name} {value_class.name}") for title in titles
        )
    ]

    assert missing == []


def test_an_integer_is_sent_the_classes_where_parsers_disagree() -> None:
    sent = spelled("integer", "query", "5")

    assert {"%2B5", "+5", "-0", "-5", "5.0", "5.5", "1e3", "5e0"} <= sent
    assert {"%205", "5%20", "%C2%A05", "005", "0_5", ""} <= sent
    assert {"%D9%A5", "%EF%BC%95"} <= sent  # Arabic-Indic and full-width five
    assert {str(2**63), str(2**64), "9" * 30} <= sent


def test_a_query_parameter_is_also_sent_twice() -> None:
    repeated = [probe for probe in PROBES if probe.path.count("limit=") == 2]

    assert [probe.path for probe in repeated] == ["/employees?limit=5&limit=6"]


def test_a_string_is_sent_the_classes_where_parsers_disagree() -> None:
    sent = spelled("string", "path", "name")

    assert {"", "%20%20", "%C2%A0", "name%00", "name%2Fname", "%C3%A9name"} <= sent
    assert max(len(text) for text in sent) >= 1000


def test_a_number_and_a_uuid_are_sent_classes_of_their_own() -> None:
    numbers = spelled("number", "query", "0.01")
    uuids = spelled("uuid", "path", "12345678-1234-4678-9234-567812345678")

    assert {"nan", "inf", "1e309", "1e-02", "0,01", ".01"} <= numbers
    assert {
        "12345678123446789234567812345678",
        "urn:uuid:12345678-1234-4678-9234-567812345678",
    } <= uuids


def test_a_path_is_only_sent_what_a_path_can_carry_and_a_query_what_a_query_can() -> None:
    assert "+5" not in spelled("integer", "path", "5")  # a path's + is a plus: %2B covers it
    assert "5%2F5" not in spelled("integer", "query", "5")


def test_probe_titles_name_the_operation_the_parameter_and_the_class() -> None:
    titles = {probe.title for probe in PROBES}

    assert 'DELETE employee_id with a leading plus sign ("%2B42")' in titles
    assert "GET /async delay as nan" in titles


def document(parameter: dict[str, Any], path: str = "/things") -> dict[str, Any]:
    return {"paths": {path: {"get": {"parameters": [parameter]}}}}


def test_a_parameter_of_a_type_without_classes_is_refused() -> None:
    flag = {"in": "query", "name": "flag", "schema": {"type": "boolean"}}

    with pytest.raises(UnprobedParameterError, match="boolean"):
        declared_parameters(document(flag))


def test_a_header_parameter_is_refused() -> None:
    header = {"in": "header", "name": "x-thing", "schema": {"type": "string"}}

    with pytest.raises(UnprobedParameterError, match="header"):
        declared_parameters(document(header))


def test_an_optional_parameter_is_probed_as_its_type() -> None:
    optional = {
        "in": "query",
        "name": "tag",
        "schema": {"anyOf": [{"type": "string", "maxLength": 3}, {"type": "null"}]},
    }

    [parameter] = declared_parameters(document(optional))

    assert (parameter.kind, parameter.max_length) == ("string", 3)


def test_a_path_parameter_naming_no_known_resource_is_refused() -> None:
    thing = {"in": "path", "name": "thing_id", "schema": {"type": "integer", "maximum": 9}}
    [parameter] = declared_parameters(document(thing, "/things/{thing_id}"))

    with pytest.raises(UnprobedParameterError, match="no resource"):
        list(path_probes(parameter))


def test_every_generated_probe_is_sent_by_the_one_driver() -> None:
    sent = {(probe.feature, probe.title) for probe in every_probe()}

    assert {(probe.feature, probe.title) for probe in PROBES} <= sent
