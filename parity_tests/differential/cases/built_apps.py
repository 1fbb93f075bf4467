"""Probes that need apps built for them: a route that fails, a user with a non-ASCII name
(the `built_pair` fixture in this package's conftest builds them)."""

from parity_tests.contract.helpers import basic_auth
from parity_tests.differential.built import NON_ASCII_USER
from parity_tests.parity import Probe

PROBES = [
    Probe(
        "errors",
        "an unhandled error in a view",
        "GET",
        "/boom",
        differences=(
            "unhandled-error-body",
            "errors-outside-cors",
            "process-time-outside-server-errors",
        ),
        pair="built_pair",
    ),
    Probe(
        "validation",
        "a missing required query parameter",
        "GET",
        "/search",
        differences=("validation-error-format",),
        pair="built_pair",
    ),
    Probe(
        "validation",
        "a required query parameter given",
        "GET",
        "/search?q=flask",
        pair="built_pair",
    ),
    Probe(
        "auth",
        "whoami as a user whose name is not ASCII",
        "GET",
        "/whoami",
        {"headers": basic_auth(*NON_ASCII_USER)},
        differences=("basic-credentials-ascii",),
        pair="built_pair",
    ),
]
