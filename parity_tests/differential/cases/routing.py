from sidebyside import Probe

PROBES = [
    Probe(
        "an unknown path",
        "GET",
        "/no-such-page",
        feature="routing",
        differences=("werkzeug-html-errors",),
    ),
    Probe(
        "a verb the route does not serve",
        "DELETE",
        "/methods",
        feature="routing",
        differences=(
            "werkzeug-html-errors",
            "allow-header-per-route",
        ),
    ),
    Probe(
        "a verb no route serves",
        "PATCH",
        "/employees",
        feature="routing",
        differences=(
            "werkzeug-html-errors",
            "allow-header-per-route",
        ),
    ),
    Probe(
        "a trailing slash on a route without one",
        "GET",
        "/employees/",
        feature="routing",
        differences=("trailing-slash-redirect",),
    ),
    Probe(
        "no trailing slash on a route with one",
        "GET",
        "/admin",
        feature="routing",
        differences=("trailing-slash-redirect",),
    ),
    Probe(
        "a method no route knows",
        "TRACE",
        "/employees",
        feature="routing",
        differences=(
            "werkzeug-html-errors",
            "allow-header-per-route",
        ),
    ),
    Probe("HEAD on a GET route", "HEAD", "/", feature="routing", differences=("automatic-head",)),
    Probe(
        "OPTIONS without CORS headers",
        "OPTIONS",
        "/employees",
        feature="routing",
        differences=("automatic-options",),
    ),
]
