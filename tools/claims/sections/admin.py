"""The admin app."""

from fastapi import FastAPI

from parity_tests.sides import Pair
from tools.claims.ledger import Finding, Link, claim, judge
from tools.claims.parity_cases import parity_case

SECTION = "Admin app"


@claim("Flask has Flask-Admin for CRUD over models; FastAPI has no such extension.")
def no_fastapi_admin(twins: Pair) -> Finding:
    case = parity_case(twins, "admin", "the admin index with credentials")
    app = twins.fastapi.app
    assert isinstance(app, FastAPI), "the claims run the FastAPI twin in-process"
    mounted = sorted(
        {
            endpoint.__module__.split(".")[0]
            for route in app.routes
            if getattr(route, "path", "") == "/admin"
            for inner in getattr(getattr(route, "app", None), "routes", [])
            if (endpoint := getattr(inner, "endpoint", None)) is not None
        }
    )
    return judge(
        article_right=case.fastapi.status != 200,
        observed=f"GET /admin/ with the credentials: Flask twin (Flask-Admin) "
        f"{case.flask.status}, FastAPI twin {case.fastapi.status}, served by the app mounted "
        f"at /admin from {', '.join(mounted) or 'nothing'}.",
        today="SQLAdmin gives FastAPI an admin over SQLAlchemy models: the FastAPI twin serves "
        "it at /admin/, beside Flask-Admin in the Flask twin.",
        changed="admin extensions for FastAPI, SQLAdmin among them, have appeared",
        evidence=[*case.links(), Link("fastapi_app/admin.py", "fastapi_app/admin.py")],
    )
