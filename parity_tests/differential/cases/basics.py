from sidebyside import Probe

PROBES = [
    Probe("hello world", "GET", "/", feature="hello"),
    Probe("GET on a two-verb route", "GET", "/methods", feature="methods"),
    Probe("POST on a two-verb route", "POST", "/methods", feature="methods"),
    Probe("the public settings", "GET", "/settings", feature="settings"),
    Probe("health with a reachable database", "GET", "/health", feature="health"),
    Probe(
        "an awaited wait",
        "GET",
        "/async?delay=0.01",
        feature="async",
        differences=("flask-pydantic-async-view",),
    ),
    Probe(
        "a wait over the bound",
        "GET",
        "/async?delay=60",
        feature="async",
        differences=("validation-error-format",),
    ),
]
