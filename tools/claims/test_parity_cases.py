"""Parity evidence: a claim reads a case the differential suite's own rules judged."""

import pytest
from sidebyside import Probe

from parity_tests.sides import Pair
from tools.claims import parity_cases
from tools.claims.parity_cases import ParityCaseError, parity_case


def test_a_case_is_sent_to_both_twins_and_judged_against_the_registry(twins: Pair) -> None:
    case = parity_case(twins, "validation", "a non-integer id")

    assert (case.flask.status, case.fastapi.status) == (404, 422)
    assert case.result.differences == ("path-converter-mismatch",)
    assert [link.target for link in case.links()] == [
        "docs/parity.md#validation",
        "docs/parity.md#path-converter-mismatch",
    ]


def test_a_case_the_suite_does_not_have_is_refused(twins: Pair) -> None:
    with pytest.raises(ParityCaseError, match="no single parity probe"):
        parity_case(twins, "hello", "a case nobody wrote")


def test_a_case_that_needs_the_built_apps_is_refused_on_the_plain_twins(twins: Pair) -> None:
    with pytest.raises(ParityCaseError, match="built_pair"):
        parity_case(twins, "errors", "an unhandled error in a view")


def test_a_case_whose_registered_difference_no_longer_shows_fails_the_claim(
    twins: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = Probe("hello world", "GET", "/", feature="hello", differences=("admin-ui",))
    monkeypatch.setattr(parity_cases, "every_probe", lambda: [stale])

    with pytest.raises(AssertionError, match="registered as admin-ui but both apps now agree"):
        parity_case(twins, "hello", "hello world")
