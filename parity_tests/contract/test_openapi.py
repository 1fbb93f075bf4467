"""FastAPI's OpenAPI schema is the contract of both apps: every answer below, from either app,
is a status the operation declares, with the media type and body the schema gives it.

Where the Flask twin answers its own way (a registered difference), its case is a strict
expected failure that names the entry: it fails the suite if the Flask answer ever conforms.
"""

import re
from collections.abc import Callable

import httpx2
import pytest
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from parity_tests.contract.helpers import basic_auth, new_employee
from parity_tests.contract_schema import load_contract
from parity_tests.sides import Side
from shared.settings import Settings

CONTRACT = load_contract()
_PARAMETER = re.compile(r"{(\w+)}")
CHECKS = [status_code_conformance, content_type_conformance, response_schema_conformance]
JSON = {"Content-Type": "application/json"}

Exchange = Callable[[httpx2.Client, Settings], tuple[str, str, httpx2.Response]]


def created(client: httpx2.Client) -> dict[str, object]:
    response = client.post("/employees", json=new_employee())
    assert response.status_code == 201
    body: dict[str, object] = response.json()
    return body


def an_upload(client: httpx2.Client) -> str:
    response = client.post("/uploads", files={"file": ("a.txt", b"a b\n")})
    assert response.status_code == 202
    upload_id: str = response.json()["id"]
    return upload_id


EMPLOYEE = "/employees/{employee_id}"
MISSING = "/employees/9223372036854775807"
MISSING_UPLOAD = "/uploads/00000000-0000-4000-8000-000000000000"

EXCHANGES: dict[str, Exchange] = {
    "hello": lambda c, _s: ("GET", "/", c.get("/")),
    "methods, GET": lambda c, _s: ("GET", "/methods", c.get("/methods")),
    "methods, POST": lambda c, _s: ("POST", "/methods", c.post("/methods")),
    "settings": lambda c, _s: ("GET", "/settings", c.get("/settings")),
    "health": lambda c, _s: ("GET", "/health", c.get("/health")),
    "the page": lambda c, _s: ("GET", "/page", c.get("/page")),
    "a wait": lambda c, _s: ("GET", "/async", c.get("/async?delay=0")),
    "a foreign host": lambda c, _s: ("GET", "/", c.get("/", headers={"Host": "evil.example"})),
    "the list": lambda c, _s: ("GET", "/employees", c.get("/employees?limit=2")),
    "a creation": lambda c, _s: ("POST", "/employees", c.post("/employees", json=new_employee())),
    "a read": lambda c, _s: ("GET", EMPLOYEE, c.get(f"/employees/{created(c)['id']}")),
    "a replacement": lambda c, _s: (
        "PUT",
        EMPLOYEE,
        c.put(f"/employees/{created(c)['id']}", json=new_employee()),
    ),
    "a patch": lambda c, _s: (
        "PATCH",
        EMPLOYEE,
        c.patch(f"/employees/{created(c)['id']}", json={"salary": 1}),
    ),
    "a deletion": lambda c, _s: ("DELETE", EMPLOYEE, c.delete(f"/employees/{created(c)['id']}")),
    "a missing employee": lambda c, _s: ("GET", EMPLOYEE, c.get(MISSING)),
    "a missing employee replaced": lambda c, _s: (
        "PUT",
        EMPLOYEE,
        c.put(MISSING, json=new_employee()),
    ),
    "a missing employee patched": lambda c, _s: (
        "PATCH",
        EMPLOYEE,
        c.patch(MISSING, json={"salary": 1}),
    ),
    "a missing employee deleted": lambda c, _s: ("DELETE", EMPLOYEE, c.delete(MISSING)),
    "a duplicate email": lambda c, _s: (
        "POST",
        "/employees",
        c.post("/employees", json=new_employee(email="ada@example.com")),
    ),
    "a patch to a taken email": lambda c, _s: (
        "PATCH",
        EMPLOYEE,
        c.patch(f"/employees/{created(c)['id']}", json={"email": "ada@example.com"}),
    ),
    "a login": lambda c, s: (
        "POST",
        "/login",
        c.post(
            "/login",
            json={
                "username": s.auth_username,
                "email": s.auth_email,
                "password": s.auth_password.get_secret_value(),
            },
        ),
    ),
    "a wrong login": lambda c, s: (
        "POST",
        "/login",
        c.post(
            "/login",
            json={"username": s.auth_username, "email": s.auth_email, "password": "wrong"},
        ),
    ),
    "whoami": lambda c, s: (
        "GET",
        "/whoami",
        c.get(
            "/whoami",
            headers=basic_auth(s.auth_username, s.auth_password.get_secret_value()),
        ),
    ),
    "whoami refused": lambda c, _s: ("GET", "/whoami", c.get("/whoami")),
    "an upload": lambda c, _s: (
        "POST",
        "/uploads",
        c.post("/uploads", files={"file": ("a.txt", b"a b\n")}),
    ),
    "an upload read": lambda c, _s: (
        "GET",
        "/uploads/{upload_id}",
        c.get(f"/uploads/{an_upload(c)}"),
    ),
    "a missing upload": lambda c, _s: ("GET", "/uploads/{upload_id}", c.get(MISSING_UPLOAD)),
    "a body that is not UTF-8": lambda c, _s: (
        "POST",
        "/employees",
        c.post("/employees", content=b'{"name": "\xff"}', headers=JSON),
    ),
    "a body over the limit": lambda c, s: (
        "POST",
        "/employees",
        c.post("/employees", content=b" " * (s.max_body_bytes + 1), headers=JSON),
    ),
    "a validation error": lambda c, _s: (
        "POST",
        "/employees",
        c.post("/employees", json=new_employee(salary=-1)),
    ),
}
# Answers of the Flask twin that FastAPI's schema does not describe, each a registered
# difference; compat mode and the strangler answer them as Flask does (compat mode's own
# schema declares them: tests/migration/compat/test_docs_in_compat.py).
FLASK_OWN_WAY = {
    "a body that is not UTF-8": "werkzeug-html-errors",
    "a body over the limit": "werkzeug-html-errors",
    "a validation error": "validation-error-format",
    "a foreign host": "untrusted-host-page",
}


@pytest.mark.parametrize("exchange", EXCHANGES)
def test_every_answer_is_one_the_schema_declares(
    client: httpx2.Client, side: Side, exchange: str, request: pytest.FixtureRequest
) -> None:
    if side.name != "fastapi" and exchange in FLASK_OWN_WAY:
        reason = f"the Flask twin's answer: {FLASK_OWN_WAY[exchange]}"
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
    method, path, response = EXCHANGES[exchange](client, side.settings)

    # Each templated path here ends with its one parameter: the id the request was sent to.
    parameters = {name: response.url.path.rsplit("/", 1)[-1] for name in _PARAMETER.findall(path)}
    case = CONTRACT[path][method].Case(path_parameters=parameters)
    # Schemathesis reads the request back from the response; a live client streams a
    # multipart body and keeps no copy unless asked to read it.
    response.request.read()
    case.validate_response(response, checks=CHECKS)


def test_a_patch_declares_its_fields_optional_but_never_null() -> None:
    # Both apps refuse {"name": null}; the schema must not invite it.
    patch = CONTRACT.raw_schema["components"]["schemas"]["EmployeePatch"]

    assert patch["properties"]
    assert "required" not in patch
    for name, field in patch["properties"].items():
        assert "null" not in str(field.get("anyOf", field.get("type"))), name
        assert "default" not in field, name
