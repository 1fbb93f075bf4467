from collections.abc import Mapping

import httpx2

from parity_tests.contract.helpers import new_employee
from parity_tests.differential.setups import CONFIGURED_BASIC, a_processed_upload, an_employee
from parity_tests.parity import Probe

CSS = "/static/style.css"
NON_ASCII_EMAIL = "zoë@example.com"


def its_etag(client: httpx2.Client) -> Mapping[str, object]:
    return {"etag": client.get(CSS).headers["etag"]}


def an_employee_named_zoe(client: httpx2.Client) -> Mapping[str, object]:
    # The first time, this creates her; after that (a live database), she is already there.
    client.post("/employees", json=new_employee(email=NON_ASCII_EMAIL))
    return {}


PROBES = [
    Probe("templates", "the rendered page", "GET", "/page"),
    Probe("static", "a static file", "GET", CSS, differences=("static-file-headers",)),
    Probe(
        "static",
        "a static file with a matching If-None-Match",
        "GET",
        CSS,
        {"headers": {"If-None-Match": "{etag}"}},
        setup=its_etag,
        differences=("static-file-headers",),
    ),
    Probe(
        "static",
        "a range of a static file",
        "GET",
        CSS,
        {"headers": {"Range": "bytes=0-9"}},
        differences=("static-file-headers",),
    ),
    Probe(
        "static",
        "a missing static file",
        "GET",
        "/static/missing.css",
        differences=("werkzeug-html-errors",),
    ),
    Probe(
        "static",
        "a path escaping the static folder",
        "GET",
        "/static/..%2f..%2fpyproject.toml",
        differences=("werkzeug-html-errors",),
    ),
    Probe(
        "uploads",
        "an upload",
        "POST",
        "/uploads",
        {"files": {"file": ("notes.txt", b"one two\nthree\n")}},
    ),
    Probe(
        "uploads",
        "an upload once its background processing is done",
        "GET",
        "/uploads/{id}",
        setup=a_processed_upload,
    ),
    Probe(
        "uploads",
        "an upload without a file",
        "POST",
        "/uploads",
        {"data": {"other": "x"}},
        differences=("multipart-file-missing",),
    ),
    Probe(
        "uploads",
        "a multipart upload without a boundary",
        "POST",
        "/uploads",
        {"content": b"", "headers": {"Content-Type": "multipart/form-data"}},
        differences=("multipart-parse-error",),
    ),
    Probe(
        "uploads",
        "an upload id that is not a UUID",
        "GET",
        "/uploads/not-a-uuid",
        differences=("path-converter-mismatch",),
    ),
    Probe("uploads", "an unknown upload", "GET", "/uploads/00000000-0000-4000-8000-000000000000"),
    Probe(
        "encoding",
        "a model response, as text",
        "GET",
        "/employees/{id}",
        setup=an_employee,
        raw=True,
    ),
    Probe(
        "encoding",
        "an error detail, as text",
        "GET",
        "/employees/9223372036854775807",
        raw=True,
        differences=("jsonify-encoding",),
    ),
    Probe(
        "encoding",
        "a conflict naming non-ASCII text, as text",
        "POST",
        "/employees",
        {"json": new_employee(email=NON_ASCII_EMAIL)},
        setup=an_employee_named_zoe,
        raw=True,
        differences=("jsonify-encoding",),
    ),
    Probe("docs", "the OpenAPI schema", "GET", "/openapi.json", differences=("docs-builtin",)),
    Probe("docs", "Swagger UI", "GET", "/docs", differences=("docs-builtin",)),
    Probe("docs", "ReDoc", "GET", "/redoc", differences=("docs-builtin",)),
    Probe("admin", "the admin without credentials", "GET", "/admin/"),
    Probe(
        "admin",
        "the admin index with credentials",
        "GET",
        "/admin/",
        {"headers": {"Authorization": CONFIGURED_BASIC}},
        differences=("admin-ui",),
    ),
]
