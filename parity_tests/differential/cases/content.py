from collections.abc import Mapping

import httpx2
from sidebyside import Probe

from parity_tests.contract.helpers import new_employee
from parity_tests.differential.request_values import CONFIGURED_BASIC
from parity_tests.differential.setups import a_processed_upload, an_employee

CSS = "/static/style.css"
NON_ASCII_EMAIL = "zoë@example.com"


def its_etag(client: httpx2.Client) -> Mapping[str, object]:
    return {"etag": client.get(CSS).headers["etag"]}


def an_employee_named_zoe(client: httpx2.Client) -> Mapping[str, object]:
    # The first time, this creates her; after that (a live database), she is already there.
    client.post("/employees", json=new_employee(email=NON_ASCII_EMAIL))
    return {}


PROBES = [
    Probe("the rendered page", "GET", "/page", feature="templates"),
    Probe("a static file", "GET", CSS, feature="static", differences=("static-file-headers",)),
    Probe(
        "a static file with a matching If-None-Match",
        "GET",
        CSS,
        headers={"If-None-Match": "{etag}"},
        feature="static",
        setup=its_etag,
        differences=("static-file-headers",),
    ),
    Probe(
        "a range of a static file",
        "GET",
        CSS,
        headers={"Range": "bytes=0-9"},
        feature="static",
        differences=("static-file-headers", "static-range-ignored"),
    ),
    Probe(
        "a missing static file",
        "GET",
        "/static/missing.css",
        feature="static",
        differences=("werkzeug-html-errors",),
    ),
    Probe(
        "a path escaping the static folder",
        "GET",
        "/static/..%2f..%2fpyproject.toml",
        feature="static",
        differences=("werkzeug-html-errors",),
    ),
    Probe(
        "an upload",
        "POST",
        "/uploads",
        options={"files": {"file": ("notes.txt", b"one two\nthree\n")}},
        feature="uploads",
    ),
    Probe(
        "an upload once its background processing is done",
        "GET",
        "/uploads/{id}",
        feature="uploads",
        setup=a_processed_upload,
    ),
    Probe(
        "an upload without a file",
        "POST",
        "/uploads",
        options={"data": {"other": "x"}},
        feature="uploads",
        differences=("multipart-file-missing",),
    ),
    Probe(
        "a multipart upload without a boundary",
        "POST",
        "/uploads",
        content=b"",
        headers={"Content-Type": "multipart/form-data"},
        feature="uploads",
        differences=("multipart-parse-error",),
    ),
    Probe(
        "an upload id that is not a UUID",
        "GET",
        "/uploads/not-a-uuid",
        feature="uploads",
        differences=("path-converter-mismatch",),
    ),
    Probe(
        "an unknown upload",
        "GET",
        "/uploads/00000000-0000-4000-8000-000000000000",
        feature="uploads",
    ),
    Probe(
        "a model response, as text",
        "GET",
        "/employees/{id}",
        feature="encoding",
        setup=an_employee,
        raw=True,
    ),
    Probe(
        "an error detail, as text",
        "GET",
        "/employees/9223372036854775807",
        feature="encoding",
        raw=True,
        differences=("jsonify-encoding",),
    ),
    Probe(
        "a conflict naming non-ASCII text, as text",
        "POST",
        "/employees",
        json=new_employee(email=NON_ASCII_EMAIL),
        feature="encoding",
        setup=an_employee_named_zoe,
        raw=True,
        differences=("jsonify-encoding",),
    ),
    Probe(
        "the OpenAPI schema", "GET", "/openapi.json", feature="docs", differences=("docs-builtin",)
    ),
    Probe("Swagger UI", "GET", "/docs", feature="docs", differences=("docs-builtin",)),
    Probe("ReDoc", "GET", "/redoc", feature="docs", differences=("docs-builtin",)),
    Probe("the admin without credentials", "GET", "/admin/", feature="admin"),
    Probe(
        "the admin index with credentials",
        "GET",
        "/admin/",
        headers={"Authorization": CONFIGURED_BASIC},
        feature="admin",
        differences=("admin-ui", "admin-vary-cookie"),
    ),
]
