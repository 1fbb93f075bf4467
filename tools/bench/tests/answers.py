"""The same requests to two apps, answered as (status, headers, body): what a recipe must not
change. Only the headers that differ on every answer (the time taken, the date) are left out."""

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient
from flask import Flask
from sidebyside import Probe

ALLOWED_ORIGIN = "http://localhost:3000"  # Settings' default CORS_ORIGINS
VARYING_HEADERS = {"x-process-time", "date"}
BASIC = "Basic " + base64.b64encode(b"admin:change-me").decode()

Answer = tuple[int, list[tuple[str, str]], bytes]


# Each an engine probe: the project's one way to write a request down.
PROBES = (
    Probe("hello", "GET", "/"),
    Probe("an employee", "GET", "/employees/1"),
    Probe("a short list", "GET", "/employees?limit=2"),
    Probe("CORS from an allowed origin", "GET", "/", {"Origin": ALLOWED_ORIGIN}),
    Probe("an employee for an allowed origin", "GET", "/employees/1", {"Origin": ALLOWED_ORIGIN}),
    Probe("CORS from a foreign origin", "GET", "/", {"Origin": "https://foreign.example"}),
    Probe(
        "a CORS preflight",
        "OPTIONS",
        "/employees",
        {"Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "POST"},
    ),
    Probe("a foreign Host", "GET", "/", {"Host": "foreign.example"}),
    Probe(
        "a foreign Host with an Origin",
        "GET",
        "/",
        {"Host": "foreign.example", "Origin": ALLOWED_ORIGIN},
    ),
    Probe("a 404", "GET", "/no-such-page"),
    Probe("a 404 for an allowed origin", "GET", "/no-such-page", {"Origin": ALLOWED_ORIGIN}),
    Probe("the settings", "GET", "/settings"),
    Probe("the health check", "GET", "/health"),
    Probe("a POST without input", "POST", "/methods"),
    Probe("whoami without credentials", "GET", "/whoami"),
    Probe("whoami with credentials", "GET", "/whoami", {"Authorization": BASIC}),
    Probe("an async view", "GET", "/async?delay=0"),
    Probe("a session cookie", "GET", "/", {"Cookie": "session=forged.value.signature"}),
    Probe(
        "a validated body",
        "POST",
        "/login",
        json={"username": "admin", "email": "admin@example.com", "password": "change-me"},
    ),
    Probe("a method the route does not allow", "DELETE", "/"),
    Probe("a path with a trailing slash", "GET", "/employees/"),
    Probe("a page built from a template", "GET", "/page"),
    Probe("the API schema", "GET", "/openapi.json"),
)


def _kept(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name.lower(), value) for name, value in headers if name.lower() not in VARYING_HEADERS]


def flask_answers(app: Flask) -> list[Answer]:
    client = app.test_client(use_cookies=False)
    answers = []
    for probe in PROBES:
        response = client.open(
            probe.path,
            method=probe.method,
            headers=probe.headers,
            data=None if probe.json is None else json.dumps(probe.json),
            content_type=None if probe.json is None else "application/json",
        )
        answers.append((response.status_code, _kept(list(response.headers.items())), response.data))
    return answers


@contextmanager
def started(app: Any) -> Iterator[TestClient]:
    """A client of the ASGI app, its lifespan run, as a server runs it."""
    with TestClient(app) as client:
        yield client


def fastapi_answers(app: Any, probes: tuple[Probe, ...] = PROBES) -> list[Answer]:
    answers = []
    # A list, not a generator: the lifespan ends here, never at a stray generator's collection.
    with started(app) as client:
        for probe in probes:
            response = client.request(
                probe.method, probe.path, headers=probe.headers, json=probe.json
            )
            answers.append(
                (response.status_code, _kept(response.headers.multi_items()), response.content)
            )
    return answers
