from sidebyside import Probe

from parity_tests.differential.request_values import OVER_THE_BODY_LIMIT

ALLOWED = "{allowed_origin}"


def preflight(origin: str, method: str = "POST", headers: str = "Content-Type") -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": headers,
    }


PROBES = [
    Probe(
        "a preflight from an allowed origin",
        "OPTIONS",
        "/employees",
        headers=preflight(ALLOWED),
        feature="cors",
        differences=("cors-preflight-response",),
    ),
    Probe(
        "a preflight from a disallowed origin",
        "OPTIONS",
        "/employees",
        headers=preflight("https://evil.example"),
        feature="cors",
        differences=("cors-preflight-rejection",),
    ),
    Probe(
        "a preflight from the null origin",
        "OPTIONS",
        "/employees",
        headers=preflight("null"),
        feature="cors",
        differences=("cors-preflight-rejection",),
    ),
    Probe(
        "a preflight from an upper-case origin",
        "OPTIONS",
        "/employees",
        headers=preflight("{allowed_origin_upper}"),
        feature="cors",
        differences=(
            "cors-preflight-rejection",
            "cors-origin-case",
        ),
    ),
    Probe(
        "a preflight asking for a disallowed method",
        "OPTIONS",
        "/employees",
        headers=preflight(ALLOWED, method="TRACE"),
        feature="cors",
        differences=("cors-preflight-rejection",),
    ),
    Probe(
        "a preflight asking for a disallowed header",
        "OPTIONS",
        "/employees",
        headers=preflight(ALLOWED, headers="X-Secret"),
        feature="cors",
        differences=("cors-preflight-rejection",),
    ),
    Probe(
        "a simple request from an allowed origin",
        "GET",
        "/",
        headers={"Origin": ALLOWED},
        feature="cors",
    ),
    Probe(
        "a simple request from a disallowed origin",
        "GET",
        "/",
        headers={"Origin": "https://evil.example"},
        feature="cors",
        differences=(
            "cors-disallowed-simple-request",
            "cors-disallowed-origin-headers",
            "cors-vary-without-origin",
        ),
    ),
    Probe("a simple request without an origin", "GET", "/", feature="cors"),
    # Without CORS headers on the 413, a browser hands the page a network error instead.
    Probe(
        "a body over the limit from an allowed origin",
        "POST",
        "/employees",
        content=OVER_THE_BODY_LIMIT,
        headers={"Origin": ALLOWED, "Content-Type": "application/json"},
        feature="cors",
        differences=("werkzeug-html-errors", "body-limit-bad-request"),
    ),
]
