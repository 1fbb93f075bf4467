"""Middleware."""

from fastapi import FastAPI
from starlette.middleware.base import BaseHTTPMiddleware

from parity_tests.sides import Pair
from tools.claims.ledger import Finding, Link, claim, judge

SECTION = "Middleware"


@claim('FastAPI middleware must be declared with the `@app.middleware("http")` decorator.')
def middleware_decorator_required(twins: Pair) -> Finding:
    app = twins.fastapi.app
    assert isinstance(app, FastAPI), "the claims run the FastAPI twin in-process"
    classes = [entry.cls for entry in app.user_middleware]
    plain = [
        getattr(cls, "__name__", str(cls))
        for cls in classes
        if not (isinstance(cls, type) and issubclass(cls, BaseHTTPMiddleware))
    ]
    timed = "x-process-time" in twins.fastapi.client.get("/").headers
    return judge(
        article_right=not plain,
        observed=f"The FastAPI twin adds {', '.join(plain) or 'no'} middleware without the "
        f"decorator (plain ASGI classes, `app.add_middleware`); its responses "
        f"{'carry' if timed else 'lack'} the X-Process-Time header of its plain ASGI timer.",
        today="Any ASGI middleware works: a class given to `app.add_middleware`, or a wrapper "
        "around the app. The decorator is one form, built on Starlette's BaseHTTPMiddleware.",
        evidence=[
            Link("fastapi_app/middleware.py", "fastapi_app/middleware.py"),
            Link(
                "the decorator form: fastapi_app/middleware_http.py",
                "fastapi_app/middleware_http.py",
            ),
        ],
    )
