"""Setups that probes share: each creates what the request needs, in the app it is sent to."""

from collections.abc import Mapping

import httpx2

from parity_tests.contract.helpers import new_employee


def an_employee(client: httpx2.Client) -> Mapping[str, object]:
    response = client.post("/employees", json=new_employee(name="Zoë Ångström"))
    assert response.status_code == 201, response.text
    return {"id": response.json()["id"]}


def an_upload(client: httpx2.Client) -> Mapping[str, object]:
    response = client.post("/uploads", files={"file": ("notes.txt", b"one two\nthree\n")})
    assert response.status_code == 202, response.text
    return {"id": response.json()["id"]}
