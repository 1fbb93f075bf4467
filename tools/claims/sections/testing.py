"""Testing."""

from fastapi import FastAPI
from fastapi.testclient import TestClient
from flask import Flask

from parity_tests.sides import Pair
from tools.claims.ledger import Finding, claim, judge
from tools.claims.sections.getting_started import requirements

SECTION = "Testing"


@claim(
    "Both apps can be tested under pytest without a server: Flask's `test_client()`, "
    "FastAPI's `TestClient`."
)
def test_clients(twins: Pair) -> Finding:
    flask_app, fastapi_app = twins.flask.app, twins.fastapi.app
    assert isinstance(flask_app, Flask), "the claims run the Flask twin in-process"
    assert isinstance(fastapi_app, FastAPI), "the claims run the FastAPI twin in-process"
    flask_status = flask_app.test_client().get("/").status_code
    with TestClient(fastapi_app) as client:
        fastapi_status = client.get("/").status_code
    needs = {"httpx", "httpx2"} & requirements("fastapi", "standard")
    bundled = {"httpx", "httpx2"} & requirements("fastapi")
    return judge(
        article_right=flask_status == 200 and fastapi_status == 200,
        observed=f"GET / on the twins, in-process: Flask's test client {flask_status}, "
        f"FastAPI's TestClient {fastapi_status}.",
        today="One of the test clients could not drive its twin.",
        caveats=[
            "FastAPI's TestClient is Starlette's, and needs an HTTP client library "
            f"({' or '.join(sorted(needs))}) that fastapi itself does not install; "
            "`fastapi[standard]` does."
        ]
        if needs and not bundled
        else [],
    )
