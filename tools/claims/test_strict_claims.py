"""Claims once judged more generously than their proof, each shown following what its probe saw."""

import pytest

from parity_tests.sides import Pair
from tools.claims.sections import authentication, configuration, validation


def test_configuration_patterns_hold_only_partly_while_fastapi_has_no_instance_folder() -> None:
    finding = configuration.same_configuration_patterns.check()

    assert finding.verdict == "partly"
    assert "Not for an instance folder." in finding.today


def test_configuration_patterns_would_hold_once_fastapi_had_every_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    every_one = dict.fromkeys(configuration._fastapi_patterns(), True)
    monkeypatch.setattr(configuration, "_fastapi_patterns", lambda: every_one)

    finding = configuration.same_configuration_patterns.check()

    assert finding.verdict == "holds with a caveat"


def test_oauth2_and_openid_is_partly_since_nothing_probes_openid_connect() -> None:
    finding = authentication.fastapi_oauth2_openid.check()

    assert finding.verdict == "partly"
    assert finding.today.startswith(
        "Holds for OAuth2. Unmeasured for OpenID Connect: nothing here probes it."
    )


def test_a_stock_fastapi_app_echoes_the_password_of_a_body_it_refuses() -> None:
    item = validation.stock_fastapi_error()

    assert item["input"] == {"password": validation.SECRET}


def test_the_validation_error_claim_quotes_what_stock_fastapi_echoes_as_a_security_caveat(
    twins: Pair,
) -> None:
    finding = validation.validation_error_body.check(twins)

    assert f'"input": {{"password": "{validation.SECRET}"}}' in finding.today
    assert finding.today.count("Security:") == 1
