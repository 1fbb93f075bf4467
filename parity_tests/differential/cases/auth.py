import base64

from parity_tests.differential.setups import (
    CONFIGURED_BASIC,
    CONFIGURED_LOGIN,
    WRONG_PASSWORD_BASIC,
    WRONG_PASSWORD_LOGIN,
)
from parity_tests.parity import Probe


def basic(raw: bytes) -> dict[str, object]:
    return {"headers": {"Authorization": "Basic " + base64.b64encode(raw).decode()}}


PROBES = [
    Probe(
        "auth",
        "login with the configured credentials",
        "POST",
        "/login",
        {"json": CONFIGURED_LOGIN},
    ),
    Probe(
        "auth",
        "login with a wrong password",
        "POST",
        "/login",
        {"json": WRONG_PASSWORD_LOGIN},
    ),
    Probe(
        "auth",
        "whoami without credentials",
        "GET",
        "/whoami",
        differences=("basic-challenge-realm",),
    ),
    Probe(
        "auth",
        "whoami with valid credentials",
        "GET",
        "/whoami",
        {"headers": {"Authorization": CONFIGURED_BASIC}},
    ),
    Probe(
        "auth",
        "whoami with a wrong password",
        "GET",
        "/whoami",
        {"headers": {"Authorization": WRONG_PASSWORD_BASIC}},
    ),
    Probe(
        "auth",
        "whoami with malformed base64",
        "GET",
        "/whoami",
        {"headers": {"Authorization": "Basic %%%not-base64%%%"}},
        differences=("basic-challenge-realm",),
    ),
    Probe(
        "auth",
        "whoami with no colon in the credentials",
        "GET",
        "/whoami",
        basic(b"admin"),
        differences=("basic-challenge-realm",),
    ),
    Probe(
        "auth",
        "whoami with another scheme",
        "GET",
        "/whoami",
        {"headers": {"Authorization": "Bearer abc.def"}},
        differences=("basic-challenge-realm",),
    ),
    Probe(
        "auth",
        "whoami with the UTF-8 credentials of an unknown user",
        "GET",
        "/whoami",
        basic("jörg:pässword".encode()),
        # Refused by both: FastAPI before its handler, for the bytes beyond ASCII.
        differences=("basic-challenge-realm",),
    ),
]
