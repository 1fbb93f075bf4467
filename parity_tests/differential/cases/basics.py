from parity_tests.parity import Probe

PROBES = [
    Probe("hello", "hello world", "GET", "/"),
    Probe("methods", "GET on a two-verb route", "GET", "/methods"),
    Probe("methods", "POST on a two-verb route", "POST", "/methods"),
    Probe("settings", "the public settings", "GET", "/settings"),
    Probe("health", "health with a reachable database", "GET", "/health"),
    Probe("async", "an awaited wait", "GET", "/async?delay=0.01"),
    Probe(
        "async",
        "a wait over the bound",
        "GET",
        "/async?delay=60",
        differences=("validation-error-format",),
    ),
]
