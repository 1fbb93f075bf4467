"""Hostile and malformed input: always a 4xx with a body that says what is wrong, never a 500."""

import json
from typing import Any

import httpx2
import pytest

from parity_tests.contract.helpers import new_employee

JSON = {"Content-Type": "application/json"}


def raw_employee(**replacements: str) -> bytes:
    """A JSON body with some values written verbatim, for what json.dumps would not write."""
    text = json.dumps(new_employee(**dict.fromkeys(replacements, "__RAW__")))
    for raw in replacements.values():
        text = text.replace('"__RAW__"', raw, 1)
    return text.encode()


BAD_REQUESTS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "malformed JSON": ("POST", "/employees", {"content": b'{"name": ', "headers": JSON}),
    "a body that is not UTF-8": ("POST", "/employees", {"content": b"\xff\xfe", "headers": JSON}),
    "a null body": ("POST", "/employees", {"content": b"null", "headers": JSON}),
    "a list body": ("POST", "/employees", {"content": b"[1, 2]", "headers": JSON}),
    "a number body": ("POST", "/employees", {"content": b"42", "headers": JSON}),
    "an empty body": ("POST", "/employees", {"content": b"", "headers": JSON}),
    "no content type": ("POST", "/employees", {"content": json.dumps(new_employee()).encode()}),
    "a text/plain body": (
        "POST",
        "/employees",
        {"content": json.dumps(new_employee()).encode(), "headers": {"Content-Type": "text/plain"}},
    ),
    "deeply nested JSON": (
        "POST",
        "/employees",
        {"content": b'{"a":' * 5_000 + b"1" + b"}" * 5_000, "headers": JSON},
    ),
    "NaN": ("POST", "/employees", {"content": raw_employee(salary="NaN"), "headers": JSON}),
    "infinity": (
        "POST",
        "/employees",
        {"content": raw_employee(salary="Infinity"), "headers": JSON},
    ),
    "a NUL byte in a string": (
        "POST",
        "/employees",
        {"content": raw_employee(name='"a\\u0000b"'), "headers": JSON},
    ),
    "a lone surrogate in a string": (
        "POST",
        "/employees",
        {"content": raw_employee(name='"a\\ud800b"'), "headers": JSON},
    ),
    "a lone surrogate in the password": (
        "POST",
        "/login",
        {
            "content": b'{"username": "admin", "email": "a@example.com", "password": "\\udfff"}',
            "headers": JSON,
        },
    ),
    "an over-long string": ("POST", "/employees", {"json": new_employee(title="x" * 10_000)}),
    "a salary beyond 64 bits": (
        "POST",
        "/employees",
        {"content": raw_employee(salary=str(2**70)), "headers": JSON},
    ),
    "a body over the size limit": (
        "POST",
        "/employees",
        {"content": b"[" * 70_000 + b"]" * 70_000, "headers": JSON},
    ),
    "a non-integer id": ("GET", "/employees/abc", {}),
    "a negative id": ("GET", "/employees/-1", {}),
    "an id beyond 64 bits": ("GET", "/employees/99999999999999999999999", {}),
    "a float id": ("GET", "/employees/1.5", {}),
    "an id that is not Latin-1 text": ("GET", "/employees/Ā", {}),
    "a non-integer limit": ("GET", "/employees?limit=ten", {}),
    "a limit over the maximum": ("GET", "/employees?limit=100000", {}),
    "a negative offset": ("GET", "/employees?offset=-1", {}),
    "an offset beyond 64 bits": ("GET", f"/employees?offset={2**70}", {}),
    "a NUL in a query parameter": ("GET", "/employees?department=%00", {}),
    "a NaN delay": ("GET", "/async?delay=nan", {}),
    "an infinite delay": ("GET", "/async?delay=inf", {}),
    "a delay over the bound": ("GET", "/async?delay=3600", {}),
    "a patch with an unknown field": ("PATCH", "/employees/1", {"json": {"nope": 1}}),
    "an upload without a file": ("POST", "/uploads", {"data": {"other": "field"}}),
    "an upload id that is not a UUID": ("GET", "/uploads/not-a-uuid", {}),
    "a login without a password": (
        "POST",
        "/login",
        {"json": {"username": "admin", "email": "admin@example.com"}},
    ),
    "a login with an invalid email": (
        "POST",
        "/login",
        {"json": {"username": "admin", "email": "nope", "password": "x"}},
    ),
}


@pytest.mark.parametrize("case", BAD_REQUESTS)
def test_bad_input_is_a_4xx_with_a_useful_body(client: httpx2.Client, case: str) -> None:
    method, path, options = BAD_REQUESTS[case]

    response = client.request(method, path, **options)

    assert 400 <= response.status_code < 500, response.text[:500]
    assert response.text.strip()
    assert "Traceback" not in response.text
    if response.headers["content-type"].startswith("application/json"):
        body = response.json()
        assert "detail" in body or "validation_error" in body
