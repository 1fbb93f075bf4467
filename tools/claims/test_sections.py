"""Finding the claims: every section module placed, every claim once, each knowing its probe."""

import pytest

from tools.claims import sections
from tools.claims.ledger import Finding, claim, judge
from tools.claims.sections import (
    ORDER,
    DuplicateClaimError,
    UnorderedSectionError,
    every_claim,
    refuse_duplicates,
)


def _probe() -> Finding:
    return judge(article_right=True, observed="ran")


def test_a_claim_takes_its_id_fixtures_and_source_from_its_function() -> None:
    def some_claim_here(twins: object, benchmarks: object) -> Finding:
        return _probe()

    declared = claim("Something is said.")(some_claim_here)

    assert declared.id == "some-claim-here"
    assert declared.fixtures == ("twins", "benchmarks")
    assert declared.source == "tools/claims/test_sections.py::some_claim_here"


def test_every_claim_comes_in_the_article_order_of_its_section() -> None:
    seen = [claim.section for claim in every_claim()]

    assert seen == sorted(seen, key=seen.index)  # each section in one run
    assert len(set(seen)) == len(ORDER)


def test_a_section_module_without_a_place_in_the_order_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sections, "ORDER", ORDER[1:])

    with pytest.raises(UnorderedSectionError, match="introduction"):
        every_claim()


def test_two_claims_with_one_id_are_refused() -> None:
    twice = claim("Said once.")(_probe)

    with pytest.raises(DuplicateClaimError, match="-probe"):
        refuse_duplicates([twice, twice])
