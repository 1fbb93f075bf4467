"""HTTP methods, URL and query parameters, templates and static files."""

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.templating import Jinja2Templates
from flask import Blueprint, Flask
from starlette.responses import Response

from parity_tests.sides import Pair, client_for
from tools.claims.ledger import Finding, claim, judge
from tools.claims.parity_cases import parity_case

SECTION = "Routes, templates and views"

METHODS = ("get", "post", "put", "patch", "delete")


@claim(
    "FastAPI has one decorator per HTTP method (`get`, `post`, `put`, `patch`, `delete`), "
    "where a Flask route lists its methods."
)
def one_decorator_per_method(twins: Pair) -> Finding:
    fastapi_has = all(hasattr(kind, name) for kind in (FastAPI, APIRouter) for name in METHODS)
    flask_has = all(hasattr(kind, name) for kind in (Flask, Blueprint) for name in METHODS)
    case = parity_case(twins, "methods", "POST on a two-verb route")
    return judge(
        article_right=fastapi_has,
        observed=f"FastAPI and APIRouter {'have' if fastapi_has else 'lack'} the five method "
        f"decorators; Flask and Blueprint {'have them too' if flask_has else 'do not'}. The "
        "twins' /methods (one Flask route for two verbs) answers POST alike.",
        today="FastAPI lacks one of the method decorators.",
        caveats=[
            "Flask has the same shortcuts since 2.0 (`app.get`, `bp.post`, ...): a methods "
            "list is one way among two."
        ]
        if flask_has
        else [],
        evidence=case.links(),
    )


@claim(
    "A URL parameter is converted and checked by its declared type: `<int:id>` in Flask, a "
    "type hint in FastAPI."
)
def typed_url_parameters(twins: Pair) -> Finding:
    case = parity_case(twins, "validation", "a non-integer id")
    refused = {"Flask": case.flask.status, "FastAPI": case.fastapi.status}
    return judge(
        article_right=all(400 <= status < 500 for status in refused.values()),
        observed="GET /employees/abc, whose id is declared an integer: "
        + ", ".join(f"{name} {status}" for name, status in refused.items())
        + ".",
        today="A framework let a non-integer id through to the view.",
        caveats=case.differences(),
        evidence=case.links(),
    )


def _echo_team(team: str) -> dict[str, str]:
    return {"team": team}


@claim(
    "In FastAPI, a view parameter that is not in the path is read from the query string, "
    "and is required unless it has a default."
)
def required_query_parameter() -> Finding:
    app = FastAPI()
    app.add_api_route("/members", _echo_team)
    with client_for(app) as client:
        given = client.get("/members", params={"team": "blue"})
        missing = client.get("/members")
    error: dict[str, Any] = (missing.json().get("detail") or [{}])[0]
    return judge(
        article_right=given.json() == {"team": "blue"}
        and missing.status_code == 422
        and error.get("loc") == ["query", "team"],
        observed=f"A view taking `team: str`: `?team=blue` gave {given.json()}; no query gave "
        f"{missing.status_code} with {error.get('type')!r} at {error.get('loc')}.",
        today=f"Without the parameter the view answered {missing.status_code}.",
    )


PAGE = "page.html"


@claim(
    "FastAPI renders a template with `TemplateResponse(name, context)`, the request passed "
    "inside the context."
)
def template_request_in_context(twins: Pair) -> Finding:
    case = parity_case(twins, "templates", "the rendered page")
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / PAGE).write_text("{{ request.url.path }}", encoding="utf-8")
        templates = Jinja2Templates(directory=folder)
        app = FastAPI()

        def context_form(request: Request) -> Response:
            return templates.TemplateResponse(PAGE, {"request": request})  # type: ignore[arg-type]

        def request_first(request: Request) -> Response:
            return templates.TemplateResponse(request, PAGE)

        app.add_api_route("/context-form", context_form)
        app.add_api_route("/request-first", request_first)
        with client_for(app) as client:
            old, new = client.get("/context-form"), client.get("/request-first")
    return judge(
        article_right=old.status_code == 200,
        observed=f"The request inside the context: {old.status_code}; the request as the first "
        f"argument: {new.status_code} (“{new.text}”). Both twins render the shared template "
        "alike.",
        today="The request is `TemplateResponse`'s first argument: "
        "`templates.TemplateResponse(request, name, context)`.",
        changed="Starlette made the request the first argument and dropped the old order",
        evidence=case.links(),
    )


@claim(
    "Flask serves a `static` folder at /static with nothing to configure; FastAPI needs the folder "
    "mounted (`StaticFiles`)."
)
def static_files(twins: Pair) -> Finding:
    flask_rules = [rule.rule for rule in Flask("claims_probe").url_map.iter_rules()]
    fastapi_paths = [getattr(route, "path", "") for route in FastAPI().routes]
    flask_serves = "/static/<path:filename>" in flask_rules
    fastapi_serves = any(path.startswith("/static") for path in fastapi_paths)
    case = parity_case(twins, "static", "a static file")
    return judge(
        article_right=flask_serves and not fastapi_serves,
        observed=f"A new Flask app {'has' if flask_serves else 'has no'} a /static route; a new "
        f"FastAPI app {'has one' if fastapi_serves else 'has none'}. Mounted, both twins "
        f"serve the file ({case.flask.status}, {case.fastapi.status}).",
        today="The defaults changed: "
        f"Flask {'serves' if flask_serves else 'does not serve'} /static, "
        f"FastAPI {'does' if fastapi_serves else 'does not'}.",
        caveats=case.differences(),
        evidence=case.links(),
    )
