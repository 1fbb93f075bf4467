"""Authentication."""

import pkgutil
from typing import Annotated

import flask
from fastapi import Depends, FastAPI
from fastapi.security import OAuth2PasswordBearer
from flask import Flask, request

from parity_tests.contract.helpers import basic_auth
from parity_tests.sides import Pair, client_for
from tools.claims.ledger import Finding, claim, judge
from tools.claims.parity_cases import parity_case

SECTION = "Authentication"


def _who_is_asking() -> dict[str, str | None]:
    credentials = request.authorization
    return {"username": credentials.username if credentials else None}


@claim("Flask has no authentication of its own: it takes a third-party extension.")
def flask_auth_needs_extensions() -> Finding:
    modules = [info.name for info in pkgutil.iter_modules(flask.__path__)]
    own = [name for name in modules if "auth" in name or "security" in name or "login" in name]
    app = Flask("claims_probe")
    app.add_url_rule("/", view_func=_who_is_asking)
    with client_for(app) as client:
        parsed = client.get("/", headers=basic_auth("ada", "secret")).json()
    return judge(
        article_right=not own,
        observed=f"Flask's package has {', '.join(own) or 'no'} authentication module; a bare "
        f"Flask view read the Basic credentials' user from `request.authorization`: "
        f"{parsed['username']!r}.",
        today=f"Flask has authentication modules: {', '.join(own)}.",
        caveats=[
            "HTTP Basic needs no extension: Werkzeug parses the header into "
            "`request.authorization`, which the Flask twin's /whoami uses. Sessions, tokens "
            "and login flows are what extensions add."
        ]
        if parsed["username"] == "ada"
        else [],
    )


@claim(
    "FastAPI's `fastapi.security.HTTPBasic` adds HTTP Basic authentication in a few lines, "
    "with a 401 when it fails."
)
def fastapi_http_basic(twins: Pair, built_twins: Pair) -> Finding:
    missing = parity_case(twins, "auth", "whoami without credentials")
    non_ascii = parity_case(
        built_twins, "auth", "whoami as a user whose name is not ASCII", built=True
    )
    challenge = missing.fastapi.headers.get("www-authenticate", "")
    flask_challenge = missing.flask.headers.get("www-authenticate", "")
    return judge(
        article_right=missing.fastapi.status == 401 and challenge.startswith("Basic"),
        observed=f"GET /whoami without credentials: {missing.fastapi.status} with "
        f"`WWW-Authenticate: {challenge}` from the FastAPI twin (the Flask twin: "
        f"{missing.flask.status} with `WWW-Authenticate: {flask_challenge}`).",
        today=f"Without credentials the FastAPI twin answered {missing.fastapi.status}.",
        caveats=[*missing.differences(), *non_ascii.differences()],
        evidence=[*missing.links(), *non_ascii.links()],
    )


bearer = OAuth2PasswordBearer(tokenUrl="token")


def _whose_token(token: Annotated[str, Depends(bearer)]) -> dict[str, str]:
    return {"token": token}


@claim("FastAPI implements OAuth2 and OpenID Connect.")
def fastapi_oauth2_openid() -> Finding:
    app = FastAPI()
    app.add_api_route("/mine", _whose_token)
    with client_for(app) as client:
        made_up = client.get("/mine", headers={"Authorization": "Bearer made-up"})
        without = client.get("/mine")
        schemes = client.get("/openapi.json").json()["components"]["securitySchemes"]
    documented = [scheme["type"] for scheme in schemes.values()]
    oauth2 = "oauth2" in documented and without.status_code == 401
    return judge(
        # No OpenID provider runs here, and `fastapi.security.OpenIdConnect` only declares the
        # scheme: that part is unmeasured (None), never counted as right.
        parts={"OAuth2": oauth2, "OpenID Connect": None},
        observed=f"An OAuth2 password-bearer dependency is documented as {documented} in "
        f"OpenAPI and refuses a request without a token ({without.status_code}); a made-up "
        f"token reached the view as {made_up.json()}. No OpenID provider was run.",
        today="fastapi.security's `OpenIdConnect` only declares the scheme and reads the "
        "header: discovery, login and token checks need a provider that nothing here runs."
        if oauth2
        else "fastapi.security neither documents the OAuth2 scheme nor requires its token.",
        caveats=[
            "fastapi.security reads the credential and declares the scheme in OpenAPI; it "
            "checks nothing: verifying and issuing tokens are the app's work."
        ]
        if made_up.status_code == 200
        else [],
    )
