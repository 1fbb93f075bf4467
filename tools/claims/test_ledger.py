"""The verdict rule and what a finding must say: each rule shown refusing what it catches."""

import pytest

from tools.claims.ledger import Finding, IncompleteFindingError, Link, judge, unmeasured

LINK = Link("a file", "README.md")


def test_a_claim_that_is_right_with_nothing_to_qualify_it_holds() -> None:
    finding = judge(article_right=True, observed="it ran", evidence=[LINK])

    assert (finding.verdict, finding.today, finding.evidence) == ("holds", "", (LINK,))


def test_a_claim_that_is_right_with_a_caveat_holds_with_that_caveat() -> None:
    finding = judge(article_right=True, observed="it ran", caveats=["But mind this.", "And this."])

    assert finding.verdict == "holds with a caveat"
    assert finding.today == "But mind this. And this."


def test_a_claim_that_a_change_since_made_untrue_is_outdated_and_names_the_change() -> None:
    finding = judge(
        article_right=False, observed="it failed", today="Do this now.", changed="X moved"
    )

    assert finding.verdict == "outdated"
    assert finding.today == "Do this now. (What changed: X moved.)"


def test_a_claim_that_is_untrue_with_no_change_to_explain_it_is_wrong() -> None:
    finding = judge(article_right=False, observed="it failed", today="Do this instead.")

    assert (finding.verdict, finding.today) == ("wrong", "Do this instead.")


def test_caveats_do_not_rescue_a_claim_that_is_not_right() -> None:
    finding = judge(article_right=False, observed="x", today="y", caveats=["a caveat"])

    assert finding.verdict == "wrong"


def test_a_claim_that_does_not_hold_must_say_what_is_true_today() -> None:
    with pytest.raises(IncompleteFindingError, match="what is true today"):
        judge(article_right=False, observed="it failed", changed="X moved")


@pytest.mark.parametrize("verdict", ["holds with a caveat", "outdated", "wrong"])
def test_a_finding_short_of_holding_without_its_explanation_is_refused(verdict: str) -> None:
    with pytest.raises(IncompleteFindingError, match="what is true today"):
        Finding(verdict, "it ran")  # type: ignore[arg-type]


def test_an_unmeasured_claim_without_its_reason_is_refused() -> None:
    with pytest.raises(IncompleteFindingError, match="why"):
        unmeasured("")


def test_a_finding_that_does_not_say_what_was_observed_is_refused() -> None:
    with pytest.raises(IncompleteFindingError, match="observed"):
        Finding("holds", "  ")


def test_a_claim_that_holds_cannot_carry_a_caveat() -> None:
    with pytest.raises(IncompleteFindingError, match="no caveat"):
        Finding("holds", "it ran", "but")
