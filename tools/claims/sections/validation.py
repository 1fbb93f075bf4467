"""Data validation and the errors it reports."""

import json
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel

from parity_tests.sides import Pair, client_for
from tools.claims.ledger import Finding, Link, claim, judge
from tools.claims.parity_cases import parity_case

SECTION = "Data validation"


@claim("Flask validates nothing itself; the Flask-Pydantic extension brings pydantic to its views.")
def flask_validation_by_extension(twins: Pair) -> Finding:
    case = parity_case(twins, "validation", "a field that fails validation")
    return judge(
        article_right=400 <= case.flask.status < 500,
        observed=f"An employee with a negative salary: the Flask twin (flask-pydantic) answered "
        f"{case.flask.status}, the FastAPI twin {case.fastapi.status}.",
        today=f"The Flask twin accepted an invalid body ({case.flask.status}).",
        caveats=case.differences(),
        evidence=case.links(),
    )


ARTICLE_ERROR = {"msg": "field required", "type": "value_error.missing"}
# What a client posts with a field missing: the password it sent must not come back.
SECRET = "hunter2-not-echoed"  # noqa: S105 - a value the probe sends, not a credential


class _Login(BaseModel):
    username: str
    password: str


def _login(body: _Login) -> dict[str, str]:
    return {"username": body.username}


def stock_fastapi_error() -> dict[str, Any]:
    """The error item a FastAPI app as its tutorial writes it (no handler of ours) answers to a
    login body without its username: what a team that does not add a guard ships."""
    app = FastAPI()
    app.add_api_route("/login", _login, methods=["POST"])
    with client_for(app) as client:
        response = client.post("/login", json={"password": SECRET})
    errors: list[dict[str, Any]] = response.json().get("detail", [])
    return next((e for e in errors if e.get("loc") == ["body", "username"]), {})


@claim(
    "A request body without a required field gets an error item of type "
    '`value_error.missing` with the message `field required`, at `["body", field]`.'
)
def validation_error_body(twins: Pair) -> Finding:
    settings = twins.fastapi.settings
    body = {"username": settings.auth_username, "email": settings.auth_email, "passwords": "x"}
    response = twins.fastapi.client.post("/login", json=body)
    errors: list[dict[str, Any]] = response.json().get("detail", [])
    item = next((e for e in errors if e.get("loc") == ["body", "password"]), {})
    as_article = {key: item.get(key) for key in ARTICLE_ERROR} == ARTICLE_ERROR
    stock = stock_fastapi_error()
    echoed = SECRET in json.dumps(stock.get("input"))
    return judge(
        article_right=response.status_code == 422 and as_article,
        observed=f"POST /login to the FastAPI twin with `passwords` for `password`: "
        f"{response.status_code}, with type {item.get('type')!r} and msg {item.get('msg')!r} "
        f"(the twin's input: `{json.dumps(item.get('input'), ensure_ascii=False)}`, redacted "
        "by `shared/withheld.py`). A stock FastAPI app, posted a login without its username, "
        f"answered `{json.dumps(stock, ensure_ascii=False)}`.",
        today=f"{response.status_code} with the item: type {item.get('type')!r}, message "
        f"{item.get('msg')!r}"
        + (", and the rejected input echoed back." if "input" in stock else ".")
        + (
            f" Security: stock FastAPI echoes the whole body it refused, password included "
            f'(`"input": {json.dumps(stock["input"], ensure_ascii=False)}`), into the '
            "response and any log of it; the twins replace it with a mask "
            "(`shared/withheld.py`)."
            if echoed
            else ""
        ),
        changed="pydantic 2 renamed its error types and messages and added the input",
        evidence=[Link("the twins' mask: shared/withheld.py", "shared/withheld.py")],
    )
