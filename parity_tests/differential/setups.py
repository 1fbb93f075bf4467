"""Setups that probes share: each creates what the request needs, in the app it is sent to."""

import time
from collections.abc import Mapping

import httpx2
from sidebyside import PerSide

from parity_tests.contract.helpers import basic_auth, new_employee
from shared.settings import Settings

PROCESSING_TIMEOUT_SECONDS = 10.0


def an_employee(client: httpx2.Client) -> Mapping[str, object]:
    response = client.post("/employees", json=new_employee(name="Zoë Ångström"))
    assert response.status_code == 201, response.text
    return {"id": response.json()["id"]}


def a_processed_upload(client: httpx2.Client) -> Mapping[str, object]:
    """An upload whose background processing has finished (a live server may take a moment)."""
    response = client.post("/uploads", files={"file": ("notes.txt", b"one two\nthree\n")})
    assert response.status_code == 202, response.text
    upload_id = response.json()["id"]
    deadline = time.monotonic() + PROCESSING_TIMEOUT_SECONDS
    while client.get(f"/uploads/{upload_id}").json()["status"] == "pending":
        assert time.monotonic() < deadline, f"upload {upload_id} still pending"
        time.sleep(0.05)
    return {"id": upload_id}


def _login(settings: Settings, password: str | None = None) -> dict[str, str]:
    return {
        "username": settings.auth_username,
        "email": settings.auth_email,
        "password": password or settings.auth_password.get_secret_value(),
    }


CONFIGURED_LOGIN = PerSide("the configured username, email and password", _login)
WRONG_PASSWORD_LOGIN = PerSide(
    "the configured username and email, a wrong password", lambda s: _login(s, "wrong")
)
CONFIGURED_BASIC = PerSide(
    "Basic with the configured credentials",
    lambda s: basic_auth(s.auth_username, s.auth_password.get_secret_value())["Authorization"],
)
WRONG_PASSWORD_BASIC = PerSide(
    "Basic with the configured username and a wrong password",
    lambda s: basic_auth(s.auth_username, "wrong")["Authorization"],
)
OVER_THE_BODY_LIMIT = PerSide(
    "MAX_BODY_BYTES + 1 bytes of JSON whitespace", lambda s: b" " * (s.max_body_bytes + 1)
)

A_NEW_EMPLOYEE = PerSide("a new employee", lambda _: new_employee())
