"""Setups that probes share (the engine's `Probe.setup`): each creates what the request needs,
in the app it is sent to, before the request."""

import time
from collections.abc import Mapping

import httpx2

from parity_tests.contract.helpers import new_employee

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
