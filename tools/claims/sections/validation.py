"""Data validation and the errors it reports."""

import json
from typing import Any

from parity_tests.sides import Pair
from tools.claims.ledger import Finding, claim, judge
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
    return judge(
        article_right=response.status_code == 422 and as_article,
        observed=f"POST /login to the FastAPI twin with `passwords` for `password`: "
        f"{response.status_code}, with type {item.get('type')!r} and msg {item.get('msg')!r}.",
        today=f"{response.status_code} with the item "
        f"`{json.dumps(item, ensure_ascii=False)}`: type {item.get('type')!r}, message "
        f"{item.get('msg')!r}"
        + (", and the rejected input echoed back." if "input" in item else "."),
        changed="pydantic 2 renamed its error types and messages and added the input",
    )
