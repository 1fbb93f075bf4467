"""CORS."""

import fastapi.middleware.cors
import starlette.middleware.cors
from fastapi import FastAPI
from flask import Flask
from flask_cors import CORS

from parity_tests.sides import client_for
from tools.claims.ledger import Finding, claim, judge

SECTION = "CORS"

ORIGIN = "https://elsewhere.example"
PREFLIGHT = {"Origin": ORIGIN, "Access-Control-Request-Method": "POST"}
ALLOW_ORIGIN = "access-control-allow-origin"


def _hello() -> dict[str, str]:
    return {"hello": "there"}


def _flask(with_cors: bool) -> Flask:
    app = Flask("claims_probe")
    app.add_url_rule("/", view_func=_hello, methods=["GET", "POST"])
    if with_cors:
        CORS(app)
    return app


@claim("Flask needs the Flask-CORS extension for CORS.")
def flask_needs_flask_cors() -> Finding:
    with client_for(_flask(with_cors=False)) as client:
        bare = client.get("/", headers={"Origin": ORIGIN})
    with client_for(_flask(with_cors=True)) as client:
        extended = client.get("/", headers={"Origin": ORIGIN})
    return judge(
        article_right=ALLOW_ORIGIN not in bare.headers and ALLOW_ORIGIN in extended.headers,
        observed=f"A cross-origin GET: a bare Flask app sends "
        f"{'an' if ALLOW_ORIGIN in bare.headers else 'no'} Access-Control-Allow-Origin; with "
        f"`CORS(app)` it sends `{extended.headers.get(ALLOW_ORIGIN)}`.",
        today="Flask answers CORS requests without the extension.",
    )


@claim("FastAPI supports CORS natively: add `CORSMiddleware` with the allowed origins.")
def fastapi_cors_middleware() -> Finding:
    app = FastAPI()
    app.add_api_route("/", _hello, methods=["GET", "POST"])
    app.add_middleware(fastapi.middleware.cors.CORSMiddleware, allow_origins=["*"])
    with client_for(app) as client:
        simple = client.get("/", headers={"Origin": ORIGIN})
        preflight = client.options("/", headers=PREFLIGHT)
    with client_for(_flask(with_cors=True)) as client:
        flask_preflight = client.options("/", headers=PREFLIGHT)
    same_class = fastapi.middleware.cors.CORSMiddleware is starlette.middleware.cors.CORSMiddleware
    return judge(
        article_right=simple.headers.get(ALLOW_ORIGIN) == "*",
        observed=f"CORSMiddleware (Starlette's{', re-exported' if same_class else ''}) given only "
        f"the origins: a cross-origin GET gets `{simple.headers.get(ALLOW_ORIGIN)}`; a preflight "
        f"for POST gets {preflight.status_code} “{preflight.text}”, where flask-cors's "
        f"`CORS(app)` gives {flask_preflight.status_code}.",
        today="CORSMiddleware did not allow the origin it was given.",
        caveats=[
            "Given only the origins, CORSMiddleware allows GET alone: browsers will not send a "
            "cross-origin POST, PUT or DELETE until `allow_methods` lists it, where flask-cors "
            "allows every method by default."
        ]
        if preflight.status_code >= 400 and flask_preflight.status_code < 400
        else [],
    )
