"""The ledger writer, and how its stale check names each claim whose verdict moved."""

from pathlib import Path

from tools.claims.ledger import Claim, Finding, Link, unmeasured
from tools.claims.report import (
    SUMMARY_END,
    SUMMARY_START,
    check,
    moved,
    render,
    summary,
    unjudged,
    verdicts,
    with_summary,
)

CLAIMS = [
    Claim(
        "first-claim",
        "The first | thing.",
        unmeasured,
        "Section one",
        (),
        "tools/claims/x.py::first",
    ),
    Claim(
        "second-claim", "The second.", unmeasured, "Section two", (), "tools/claims/x.py::second"
    ),
]
FINDINGS = {
    "first-claim": Finding("holds", "It ran.", "", (Link("a case", "docs/parity.md#auth"),)),
    "second-claim": Finding("outdated", "It failed.", "Do this now."),
}
README = f"# Project\n\n{SUMMARY_START}\nstale line\n{SUMMARY_END}\n\nMore.\n"


def test_a_row_names_the_claim_its_verdict_and_links_the_probe_and_the_evidence() -> None:
    ledger = render(CLAIMS, FINDINGS)

    assert (
        '| <a id="first-claim"></a>The first \\| thing. (`first-claim`) | **holds** | It ran. '
        "| (none) | [`tools/claims/x.py::first`](../tools/claims/x.py); [a case](parity.md#auth) |"
    ) in ledger
    assert "## Section one" in ledger
    assert "## Section two" in ledger


def test_the_summary_counts_each_verdict() -> None:
    line = summary(FINDINGS.values())

    assert line.startswith("**2 claims**")
    assert (
        "1 holds, 0 hold with a caveat, 0 hold partly, 1 is outdated, 0 are wrong, 0 are unmeasured"
    ) in line


def test_the_verdicts_read_back_from_a_ledger_are_those_it_was_written_with() -> None:
    assert verdicts(render(CLAIMS, FINDINGS)) == {
        "first-claim": "holds",
        "second-claim": "outdated",
    }


def test_a_claim_left_unjudged_is_named() -> None:
    assert unjudged(CLAIMS, {"first-claim": FINDINGS["first-claim"]}) == ["second-claim"]


def test_the_readme_summary_is_replaced_and_links_to_the_ledger() -> None:
    readme = with_summary(README, render(CLAIMS, FINDINGS))

    assert "stale line" not in readme
    assert "([the ledger](docs/claims.md))" in readme
    assert readme.endswith(f"{SUMMARY_END}\n\nMore.\n")


def test_check_passes_when_current(tmp_path: Path) -> None:
    fresh, checked_in, readme = tmp_path / "fresh.md", tmp_path / "claims.md", tmp_path / "R.md"
    fresh.write_text(render(CLAIMS, FINDINGS))
    checked_in.write_text(render(CLAIMS, FINDINGS))
    readme.write_text(with_summary(README, render(CLAIMS, FINDINGS)))

    assert check(fresh, checked_in, readme) == []


def test_a_verdict_that_moved_fails_the_check_and_the_claim_is_named_first(
    tmp_path: Path,
) -> None:
    moved_findings = FINDINGS | {"first-claim": Finding("wrong", "It failed.", "Do that.")}
    fresh, checked_in, readme = tmp_path / "fresh.md", tmp_path / "claims.md", tmp_path / "R.md"
    fresh.write_text(render(CLAIMS, moved_findings))
    checked_in.write_text(render(CLAIMS, FINDINGS))
    readme.write_text(with_summary(README, render(CLAIMS, FINDINGS)))

    problems = check(fresh, checked_in, readme)

    assert problems[0] == "verdict moved: first-claim: holds → wrong"
    assert any(line.startswith('+| <a id="first-claim">') for line in problems)
    assert problems[-1].endswith("the claims summary differs from this run's")


def test_a_claim_added_or_removed_is_named() -> None:
    before = render(CLAIMS, FINDINGS)
    after = render(CLAIMS[:1], FINDINGS)

    assert moved(before, after) == ["second-claim: outdated → (removed)"]
    assert moved(after, before) == ["second-claim: (not in the ledger) → outdated"]


def test_a_partly_finding_is_counted_and_rendered_with_where_it_holds() -> None:
    partly = {"second-claim": Finding("partly", "It ran.", "Holds for a. Not for b.")}
    findings = FINDINGS | partly

    assert "0 hold with a caveat, 1 holds partly, 0 are outdated" in summary(findings.values())
    assert "| **partly** | It ran. | Holds for a. Not for b. |" in render(CLAIMS, findings)
    assert "- **partly**: True for some of what it says" in render(CLAIMS, findings)
