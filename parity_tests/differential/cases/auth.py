import base64

from sidebyside import Probe

from parity_tests.differential.request_values import (
    CONFIGURED_BASIC,
    CONFIGURED_LOGIN,
    WRONG_PASSWORD_BASIC,
    WRONG_PASSWORD_LOGIN,
)


def basic(raw: bytes) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(raw).decode()}


PROBES = [
    Probe(
        "login with the configured credentials",
        "POST",
        "/login",
        json=CONFIGURED_LOGIN,
        feature="auth",
    ),
    Probe(
        "login with a wrong password",
        "POST",
        "/login",
        json=WRONG_PASSWORD_LOGIN,
        feature="auth",
    ),
    Probe(
        "whoami without credentials",
        "GET",
        "/whoami",
        feature="auth",
        differences=("basic-challenge-realm",),
    ),
    Probe(
        "whoami with valid credentials",
        "GET",
        "/whoami",
        headers={"Authorization": CONFIGURED_BASIC},
        feature="auth",
    ),
    Probe(
        "whoami with a wrong password",
        "GET",
        "/whoami",
        headers={"Authorization": WRONG_PASSWORD_BASIC},
        feature="auth",
    ),
    Probe(
        "whoami with malformed base64",
        "GET",
        "/whoami",
        headers={"Authorization": "Basic %%%not-base64%%%"},
        feature="auth",
        differences=("basic-challenge-realm", "basic-malformed-credentials-detail"),
    ),
    Probe(
        "whoami with no colon in the credentials",
        "GET",
        "/whoami",
        headers=basic(b"admin"),
        feature="auth",
        differences=("basic-challenge-realm", "basic-malformed-credentials-detail"),
    ),
    Probe(
        "whoami with another scheme",
        "GET",
        "/whoami",
        headers={"Authorization": "Bearer abc.def"},
        feature="auth",
        differences=("basic-challenge-realm",),
    ),
    Probe(
        "whoami with the UTF-8 credentials of an unknown user",
        "GET",
        "/whoami",
        headers=basic("jörg:pässword".encode()),
        feature="auth",
        # Refused by both: FastAPI before its handler, for the bytes beyond ASCII.
        differences=("basic-challenge-realm", "basic-malformed-credentials-detail"),
    ),
]
