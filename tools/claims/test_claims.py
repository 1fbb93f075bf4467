"""The one driver: every claim of every section is judged by its probe, and recorded."""

import pytest

from tools.claims.ledger import Claim
from tools.claims.links import broken
from tools.claims.report import record
from tools.claims.sections import every_claim


@pytest.mark.parametrize("claim", every_claim(), ids=lambda claim: claim.id)
def test_each_claim_is_judged_by_its_probe_with_evidence_that_resolves(
    claim: Claim, request: pytest.FixtureRequest
) -> None:
    finding = claim.check(**{name: request.getfixturevalue(name) for name in claim.fixtures})

    record(request.config, claim, finding)
    assert [reason for link in finding.evidence if (reason := broken(link))] == []
