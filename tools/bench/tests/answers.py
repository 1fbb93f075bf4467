"""The same requests to two apps, answered as (status, headers, body): what a recipe must not
change. Only the headers that differ on every answer (the time taken, the date) are left out."""

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient
from flask import Flask

ALLOWED_ORIGIN = "http://localhost:3000"  # Settings' default CORS_ORIGINS
VARYING_HEADERS = {"x-process-time", "date"}
BASIC = "Basic " + base64.b64encode(b"admin:change-me").decode()

Answer = tuple[int, list[tuple[str, str]], bytes]


@dataclass(frozen=True)
class Request:
    name: str
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None


REQUESTS = (
    Request("hello", "GET", "/"),
    Request("an employee", "GET", "/employees/1"),
    Request("a short list", "GET", "/employees?limit=2"),
    Request("CORS from an allowed origin", "GET", "/", {"Origin": ALLOWED_ORIGIN}),
    Request("an employee for an allowed origin", "GET", "/employees/1", {"Origin": ALLOWED_ORIGIN}),
    Request("CORS from a foreign origin", "GET", "/", {"Origin": "https://foreign.example"}),
    Request(
        "a CORS preflight",
        "OPTIONS",
        "/employees",
        {"Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "POST"},
    ),
    Request("a foreign Host", "GET", "/", {"Host": "foreign.example"}),
    Request(
        "a foreign Host with an Origin",
        "GET",
        "/",
        {"Host": "foreign.example", "Origin": ALLOWED_ORIGIN},
    ),
    Request("a 404", "GET", "/no-such-page"),
    Request("a 404 for an allowed origin", "GET", "/no-such-page", {"Origin": ALLOWED_ORIGIN}),
    Request("the settings", "GET", "/settings"),
    Request("the health check", "GET", "/health"),
    Request("a POST without input", "POST", "/methods"),
    Request("whoami without credentials", "GET", "/whoami"),
    Request("whoami with credentials", "GET", "/whoami", {"Authorization": BASIC}),
    Request("an async view", "GET", "/async?delay=0"),
    Request("a session cookie", "GET", "/", {"Cookie": "session=forged.value.signature"}),
    Request(
        "a validated body",
        "POST",
        "/login",
        body={"username": "admin", "email": "admin@example.com", "password": "change-me"},
    ),
)


def _kept(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name.lower(), value) for name, value in headers if name.lower() not in VARYING_HEADERS]


def flask_answers(app: Flask) -> list[Answer]:
    client = app.test_client(use_cookies=False)
    answers = []
    for request in REQUESTS:
        response = client.open(
            request.path,
            method=request.method,
            headers=request.headers,
            data=None if request.body is None else json.dumps(request.body),
            content_type=None if request.body is None else "application/json",
        )
        answers.append((response.status_code, _kept(list(response.headers.items())), response.data))
    return answers


@contextmanager
def started(app: Any) -> Iterator[TestClient]:
    """A client of the ASGI app, its lifespan run, as a server runs it."""
    with TestClient(app) as client:
        yield client


def fastapi_answers(app: Any) -> list[Answer]:
    answers = []
    # A list, not a generator: the lifespan ends here, never at a stray generator's collection.
    with started(app) as client:
        for request in REQUESTS:
            response = client.request(
                request.method, request.path, headers=request.headers, json=request.body
            )
            answers.append(
                (response.status_code, _kept(response.headers.multi_items()), response.content)
            )
    return answers
