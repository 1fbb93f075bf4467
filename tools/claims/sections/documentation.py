"""Automatic API documentation."""

import re
from urllib.parse import urlsplit

from fastapi import FastAPI
from starlette.testclient import TestClient

from parity_tests.sides import Pair
from tools.claims.ledger import Finding, claim, judge
from tools.claims.parity_cases import parity_case

SECTION = "Automatic documentation"

PAGES = {"the OpenAPI schema": "/openapi.json", "Swagger UI": "/docs", "ReDoc": "/redoc"}
_ASSET = re.compile(r'(?:src|href)="(https?://[^"]+)"')


@claim(
    "FastAPI documents every endpoint with OpenAPI, Swagger UI and ReDoc out of the box; "
    "Flask has no built-in API documentation."
)
def documentation_built_in(twins: Pair) -> Finding:
    cases = {title: parity_case(twins, "docs", title) for title in PAGES}
    fastapi_serves = all(case.fastapi.status == 200 for case in cases.values())
    flask_serves = [title for title, case in cases.items() if case.flask.status == 200]
    # "Out of the box" is a plain FastAPI(); the twin serves the assets itself (docs.py).
    with TestClient(FastAPI()) as out_of_the_box:
        hosts = sorted(
            {
                urlsplit(url).hostname or ""
                for path in ("/docs", "/redoc")
                for url in _ASSET.findall(out_of_the_box.get(path).text)
                if url.endswith((".js", ".css"))
            }
        )
    return judge(
        article_right=fastapi_serves and not flask_serves,
        observed="FastAPI twin: "
        + ", ".join(f"{path} {cases[title].fastapi.status}" for title, path in PAGES.items())
        + "; Flask twin: "
        + ", ".join(f"{path} {cases[title].flask.status}" for title, path in PAGES.items())
        + ".",
        today=f"FastAPI serves {'all' if fastapi_serves else 'not all'} of them; Flask serves "
        f"{', '.join(flask_serves) or 'none'}.",
        caveats=[
            f"Swagger UI and ReDoc load their scripts and styles from {', '.join(hosts)}: a "
            "browser that cannot reach those hosts gets no working page unless you serve the "
            "assets yourself, as the FastAPI twin does (fastapi_app/docs.py)."
        ]
        if hosts
        else [],
        evidence=[link for case in cases.values() for link in case.links()][:2],
    )
