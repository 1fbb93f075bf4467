from parity_tests.differential.setups import OVER_THE_BODY_LIMIT
from parity_tests.parity import Probe

ALLOWED = "{allowed_origin}"


def preflight(
    origin: str, method: str = "POST", headers: str = "Content-Type"
) -> dict[str, object]:
    return {
        "headers": {
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": headers,
        }
    }


PROBES = [
    Probe(
        "cors",
        "a preflight from an allowed origin",
        "OPTIONS",
        "/employees",
        preflight(ALLOWED),
        differences=("cors-preflight-response",),
    ),
    Probe(
        "cors",
        "a preflight from a disallowed origin",
        "OPTIONS",
        "/employees",
        preflight("https://evil.example"),
        differences=("cors-preflight-rejection",),
    ),
    Probe(
        "cors",
        "a preflight from the null origin",
        "OPTIONS",
        "/employees",
        preflight("null"),
        differences=("cors-preflight-rejection",),
    ),
    Probe(
        "cors",
        "a preflight from an upper-case origin",
        "OPTIONS",
        "/employees",
        preflight("{allowed_origin_upper}"),
        differences=(
            "cors-preflight-rejection",
            "cors-origin-case",
        ),
    ),
    Probe(
        "cors",
        "a preflight asking for a disallowed method",
        "OPTIONS",
        "/employees",
        preflight(ALLOWED, method="TRACE"),
        differences=("cors-preflight-rejection",),
    ),
    Probe(
        "cors",
        "a preflight asking for a disallowed header",
        "OPTIONS",
        "/employees",
        preflight(ALLOWED, headers="X-Secret"),
        differences=("cors-preflight-rejection",),
    ),
    Probe(
        "cors",
        "a simple request from an allowed origin",
        "GET",
        "/",
        {"headers": {"Origin": ALLOWED}},
    ),
    Probe(
        "cors",
        "a simple request from a disallowed origin",
        "GET",
        "/",
        {"headers": {"Origin": "https://evil.example"}},
        differences=("cors-disallowed-simple-request",),
    ),
    Probe("cors", "a simple request without an origin", "GET", "/"),
    # Without CORS headers on the 413, a browser hands the page a network error instead.
    Probe(
        "cors",
        "a body over the limit from an allowed origin",
        "POST",
        "/employees",
        {
            "content": OVER_THE_BODY_LIMIT,
            "headers": {"Origin": ALLOWED, "Content-Type": "application/json"},
        },
        differences=("werkzeug-html-errors",),
    ),
]
