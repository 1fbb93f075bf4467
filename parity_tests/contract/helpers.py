"""Small helpers the contract tests share: unique data, and each framework's documented status."""

import base64
import itertools
import uuid
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from flask import Flask

from parity_tests.sides import Side


def validation_status(side: Side) -> int:
    """flask-pydantic answers a validation error with 400, FastAPI with 422: both are kept, and
    the parity report explains the difference (validation-error-format). Only the FastAPI twin
    itself answers 422: compat mode bridges it, and the strangler is Flask or compat mode."""
    return 422 if side.name == "fastapi" else 400


_counter = itertools.count()


def new_employee(**overrides: Any) -> dict[str, Any]:
    """A valid employee body with an email no other test (or earlier run) has used."""
    unique = f"{uuid.uuid4().hex[:12]}{next(_counter)}"
    body: dict[str, Any] = {
        "name": "Test Person",
        "email": f"person-{unique}@example.com",
        "department": f"dept-{unique}",
        "title": "Engineer",
        "salary": 100_000,
        "hired_on": "2024-05-01",
    }
    body.update(overrides)
    return body


def basic_auth(username: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {token}"}


def add_get_route(app: Flask | FastAPI, path: str, view: Callable[[], str]) -> None:
    """A plain GET route, added in each framework's own way (for a view that raises)."""
    if isinstance(app, Flask):
        app.add_url_rule(path, view_func=view)
    else:
        app.add_api_route(path, view)
