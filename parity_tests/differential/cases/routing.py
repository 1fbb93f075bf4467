from parity_tests.parity import Probe

PROBES = [
    Probe(
        "routing", "an unknown path", "GET", "/no-such-page", differences=("werkzeug-html-errors",)
    ),
    Probe(
        "routing",
        "a verb the route does not serve",
        "DELETE",
        "/methods",
        differences=(
            "werkzeug-html-errors",
            "allow-header-per-route",
        ),
    ),
    Probe(
        "routing",
        "a verb no route serves",
        "PATCH",
        "/employees",
        differences=(
            "werkzeug-html-errors",
            "allow-header-per-route",
        ),
    ),
    Probe(
        "routing",
        "a trailing slash on a route without one",
        "GET",
        "/employees/",
        differences=("trailing-slash-redirect",),
    ),
    Probe(
        "routing",
        "no trailing slash on a route with one",
        "GET",
        "/admin",
        differences=("trailing-slash-redirect",),
    ),
    Probe(
        "routing",
        "a method no route knows",
        "TRACE",
        "/employees",
        differences=(
            "werkzeug-html-errors",
            "allow-header-per-route",
        ),
    ),
    Probe("routing", "HEAD on a GET route", "HEAD", "/", differences=("automatic-head",)),
    Probe(
        "routing",
        "OPTIONS without CORS headers",
        "OPTIONS",
        "/employees",
        differences=("automatic-options",),
    ),
]
