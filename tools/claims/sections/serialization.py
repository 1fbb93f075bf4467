"""Serialization with a response model."""

from fastapi import FastAPI
from pydantic import BaseModel

from parity_tests.sides import Pair, client_for
from tools.claims.ledger import Finding, claim, judge
from tools.claims.parity_cases import parity_case

SECTION = "Serialization"


@claim(
    "A response model leaves out what it does not declare: a view may return the login "
    "request, and its password is not sent."
)
def response_model_drops_fields(twins: Pair) -> Finding:
    case = parity_case(twins, "auth", "login with the configured credentials")
    leaked = [
        name
        for name, seen in (("Flask", case.flask), ("FastAPI", case.fastapi))
        if not isinstance(seen.body, dict) or "password" in seen.body
    ]
    return judge(
        article_right=case.fastapi.status == 200 and not leaked,
        observed=f"POST /login with valid credentials: {case.fastapi.status}, body fields "
        f"{sorted(case.fastapi.body) if isinstance(case.fastapi.body, dict) else '?'}; no "
        "password in either twin's answer.",
        today=f"A password was sent back by {', '.join(leaked)}.",
        caveats=case.differences(),
        evidence=case.links(),
    )


class _Account(BaseModel):
    username: str
    email: str


def _refuse_with_a_dict() -> dict[str, str]:
    return {"message": "not allowed"}


@claim(
    "A view with a response model may return some other dict instead, an error message for "
    "instance."
)
def response_model_other_dict(twins: Pair) -> Finding:
    app = FastAPI()
    app.add_api_route("/account", _refuse_with_a_dict, response_model=_Account)
    with client_for(app) as client:
        response = client.get("/account")
    refused = parity_case(twins, "auth", "login with a wrong password")
    return judge(
        article_right=response.status_code < 400,
        observed=f"A view declared with a response model of two fields returned an unrelated "
        f"dict: {response.status_code}.",
        today="FastAPI validates what a view returns against its response model: a dict "
        f"without the model's fields is a server error ({response.status_code}). Raise an "
        f"`HTTPException` for the failure instead, as the twins' /login does "
        f"({refused.fastapi.status} on a wrong password).",
        evidence=refused.links(),
    )
