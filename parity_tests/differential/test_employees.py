import pytest

from parity_tests.contract.helpers import new_employee
from parity_tests.differential.compare import compare, probe_id
from parity_tests.differential.probes import A_NEW_EMPLOYEE, OVER_THE_BODY_LIMIT, an_employee
from parity_tests.parity import Probe
from parity_tests.targets import Pair

JSON = {"Content-Type": "application/json"}
EMPLOYEE = "/employees/{id}"

PROBES = [
    Probe("employees", "the first page of employees", "GET", "/employees?limit=2"),
    Probe("employees", "a department filter", "GET", "/employees?department=research"),
    Probe("employees", "creating an employee", "POST", "/employees", {"json": A_NEW_EMPLOYEE}),
    Probe("employees", "reading an employee", "GET", EMPLOYEE, setup=an_employee),
    Probe(
        "employees",
        "replacing an employee",
        "PUT",
        EMPLOYEE,
        {"json": A_NEW_EMPLOYEE},
        setup=an_employee,
    ),
    Probe(
        "employees",
        "patching an employee",
        "PATCH",
        EMPLOYEE,
        {"json": {"salary": 1}},
        setup=an_employee,
    ),
    Probe(
        "employees",
        "deleting an employee",
        "DELETE",
        EMPLOYEE,
        setup=an_employee,
        differences=("empty-response-content-type",),
    ),
    Probe("employees", "a missing employee", "GET", "/employees/9223372036854775807"),
    Probe(
        "employees",
        "a duplicate email",
        "POST",
        "/employees",
        {"json": new_employee(email="ada@example.com")},
    ),
    Probe(
        "validation",
        "a field that fails validation",
        "POST",
        "/employees",
        {"json": new_employee(salary=-1)},
        differences=("validation-error-format",),
    ),
    Probe(
        "validation",
        "an unknown field",
        "POST",
        "/employees",
        {"json": new_employee(extra=1)},
        differences=("validation-error-format",),
    ),
    Probe(
        "validation",
        "malformed JSON",
        "POST",
        "/employees",
        {"content": b'{"name": ', "headers": JSON},
        differences=("malformed-json",),
    ),
    Probe(
        "validation",
        "no Content-Type",
        "POST",
        "/employees",
        {"content": b"{}"},
        differences=("json-content-type-required",),
    ),
    Probe(
        "validation",
        "a text/plain Content-Type",
        "POST",
        "/employees",
        {"content": b"{}", "headers": {"Content-Type": "text/plain"}},
        differences=("json-content-type-required",),
    ),
    Probe(
        "validation",
        "a JSON body that is null",
        "POST",
        "/employees",
        {"content": b"null", "headers": JSON},
        differences=("non-object-body",),
    ),
    Probe(
        "validation",
        "a JSON body that is a list",
        "POST",
        "/employees",
        {"content": b"[]", "headers": JSON},
        differences=("non-object-body",),
    ),
    Probe(
        "validation",
        "a non-integer id",
        "GET",
        "/employees/abc",
        differences=("path-converter-mismatch",),
    ),
    Probe(
        "validation",
        "a negative id",
        "GET",
        "/employees/-1",
        differences=("path-converter-mismatch",),
    ),
    Probe(
        "validation",
        "an id beyond 64 bits",
        "GET",
        "/employees/18446744073709551616",
        differences=("path-converter-mismatch",),
    ),
    Probe(
        "validation",
        "a query parameter that fails validation",
        "GET",
        "/employees?limit=0",
        differences=("validation-error-format",),
    ),
    Probe(
        "validation",
        "a repeated query parameter",
        "GET",
        "/employees?limit=1&limit=2",
        differences=("repeated-query-parameter",),
    ),
    Probe(
        "validation",
        "a repeated query parameter whose first value is invalid",
        "GET",
        "/employees?limit=0&limit=5",
        differences=("repeated-query-parameter",),
    ),
    Probe(
        "validation",
        "a salary that is a boolean",
        "POST",
        "/employees",
        {"json": new_employee(salary=False)},
        differences=("validation-error-format",),
    ),
    Probe(
        "validation",
        "a hiring date that is a number",
        "POST",
        "/employees",
        {"json": new_employee(hired_on=0)},
        differences=("validation-error-format",),
    ),
    Probe(
        "validation",
        "deleting an id beyond 64 bits",
        "DELETE",
        "/employees/9223372036854775808",
        differences=("converter-rejection-method-not-allowed",),
    ),
    Probe(
        "validation",
        "a body over the size limit",
        "POST",
        "/employees",
        {"content": OVER_THE_BODY_LIMIT, "headers": JSON},
        differences=("werkzeug-html-errors",),
    ),
]


@pytest.mark.parametrize("probe", PROBES, ids=probe_id)
def test_employees_and_their_validation_answer_alike_or_as_registered(
    probe: Probe, pair: Pair, request: pytest.FixtureRequest
) -> None:
    compare(probe, pair, request.config)
