import base64

import pytest

from parity_tests.differential.compare import compare, probe_id
from parity_tests.differential.probes import (
    CONFIGURED_BASIC,
    CONFIGURED_LOGIN,
    WRONG_PASSWORD_BASIC,
    WRONG_PASSWORD_LOGIN,
)
from parity_tests.parity import Probe
from parity_tests.targets import Pair


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
    Probe("auth", "whoami without credentials", "GET", "/whoami"),
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
    ),
    Probe("auth", "whoami with no colon in the credentials", "GET", "/whoami", basic(b"admin")),
    Probe(
        "auth",
        "whoami with another scheme",
        "GET",
        "/whoami",
        {"headers": {"Authorization": "Bearer abc.def"}},
    ),
    Probe(
        "auth",
        "whoami with the UTF-8 credentials of an unknown user",
        "GET",
        "/whoami",
        basic("jörg:pässword".encode()),
    ),
]


@pytest.mark.parametrize("probe", PROBES, ids=probe_id)
def test_authentication_answers_alike_or_as_registered(
    probe: Probe, pair: Pair, request: pytest.FixtureRequest
) -> None:
    compare(probe, pair, request.config)
