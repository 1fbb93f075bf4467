"""The verdict rule and what a finding must say: each rule shown refusing what it catches."""

from dataclasses import FrozenInstanceError

import pytest

from tools.claims.ledger import (
    Claim,
    Finding,
    IncompleteFindingError,
    Link,
    claim,
    judge,
    unmeasured,
)

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


def test_a_claim_right_on_some_parts_and_not_on_others_is_partly_and_names_each() -> None:
    finding = judge(
        parts={"the hello": True, "a list": False},
        observed="it ran",
        today="Slower on a list.",
    )

    assert finding.verdict == "partly"
    assert finding.today == "Holds for the hello. Not for a list. Slower on a list."


def test_a_part_that_nothing_probes_makes_a_claim_right_elsewhere_partly_not_holding() -> None:
    finding = judge(
        parts={"OAuth2": True, "OpenID Connect": None}, observed="it ran", caveats=["Mind this."]
    )

    assert finding.verdict == "partly"
    assert finding.today == (
        "Holds for OAuth2. Unmeasured for OpenID Connect: nothing here probes it. Mind this."
    )


def test_a_claim_right_on_every_part_holds_and_wrong_on_every_part_is_wrong() -> None:
    right = judge(parts={"a": True, "b": True}, observed="it ran")
    not_right = judge(parts={"a": False, "b": False}, observed="it ran", today="Neither.")

    assert (right.verdict, not_right.verdict) == ("holds", "wrong")


def test_an_unmeasured_part_cannot_rescue_a_claim_wrong_wherever_it_was_measured() -> None:
    finding = judge(parts={"a": False, "b": None}, observed="it ran", today="Not a.")

    assert (finding.verdict, finding.today) == ("wrong", "Not a. Not measured: b.")


def test_a_claim_whose_every_part_is_unprobed_is_unmeasured_and_says_which() -> None:
    finding = judge(parts={"a ranking": None}, observed="Only one rival ran.")

    assert (finding.verdict, finding.today) == ("unmeasured", "Nothing here probes a ranking.")


def test_a_claim_judged_both_as_a_whole_and_by_parts_or_by_neither_is_refused() -> None:
    with pytest.raises(IncompleteFindingError, match="exactly one"):
        judge(article_right=True, parts={"a": True}, observed="it ran")
    with pytest.raises(IncompleteFindingError, match="exactly one"):
        judge(observed="it ran")


def test_a_partly_finding_that_does_not_say_where_it_holds_is_refused() -> None:
    with pytest.raises(IncompleteFindingError, match="where it holds and where it does not"):
        Finding("partly", "it ran")


def test_parts_are_named_as_a_sentence_names_them() -> None:
    finding = judge(
        parts={"the hello": True, "a list": True, "a join": False, "a page": False},
        observed="it ran",
        today="Slower on a join and a page.",
    )
    unprobed = judge(parts={"a": None, "b": None, "c": None}, observed="Nothing ran.")

    assert finding.today == (
        "Holds for the hello and a list. Not for a join and a page. Slower on a join and a page."
    )
    assert unprobed.today == "Nothing here probes a, b and c."


def test_a_claim_judged_by_its_parts_must_name_one() -> None:
    with pytest.raises(IncompleteFindingError, match="at least one"):
        judge(parts={}, observed="it ran")


def test_a_finding_cannot_be_changed_once_it_has_been_checked() -> None:
    finding = judge(article_right=False, observed="it failed", today="Do this instead.")

    # Its checks run when it is made: a finding changed afterwards would skip them.
    with pytest.raises(FrozenInstanceError):
        finding.today = ""  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        LINK.target = "nowhere.md"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        a_claim_about_the_hello.id = "another-id"  # type: ignore[misc]


@claim("Flask answers a hello.")
def a_claim_about_the_hello(tmp_path: object, request: object) -> Finding:
    return judge(article_right=True, observed="It answered.")


def test_a_declared_claim_is_named_after_its_function_and_says_where_its_probe_lives() -> None:
    assert a_claim_about_the_hello == Claim(
        id="a-claim-about-the-hello",
        says="Flask answers a hello.",
        check=a_claim_about_the_hello.check,
        fixtures=("tmp_path", "request"),
        source="tools/claims/test_ledger.py::a_claim_about_the_hello",
    )
    assert a_claim_about_the_hello.check(None, None).verdict == "holds"
