"""Probes that need apps built for them: a route that fails, a user with a non-ASCII name
(the `built_pair` fixture in this package's conftest builds them)."""

from sidebyside import Probe

from parity_tests.contract.helpers import basic_auth
from parity_tests.differential.probe_apps import NON_ASCII_USER

PROBES = [
    Probe(
        "an unhandled error in a view",
        "GET",
        "/boom",
        feature="errors",
        differences=(
            "unhandled-error-body",
            "errors-outside-cors",
            "process-time-outside-server-errors",
        ),
        sides="built_pair",
    ),
    Probe(
        "a missing required query parameter",
        "GET",
        "/search",
        feature="validation",
        differences=("validation-error-format",),
        sides="built_pair",
    ),
    Probe(
        "a required query parameter given",
        "GET",
        "/search?q=flask",
        feature="validation",
        sides="built_pair",
    ),
    Probe(
        "whoami as a user whose name is not ASCII",
        "GET",
        "/whoami",
        headers=basic_auth(*NON_ASCII_USER),
        feature="auth",
        differences=("basic-credentials-ascii",),
        sides="built_pair",
    ),
]
