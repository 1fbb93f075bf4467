"""The one driver: every probe is sent to both apps and judged against the registry."""

import pytest
from sidebyside import Probe, UnsendableProbeError

from parity_tests.differential.cases import every_probe
from parity_tests.sides import Pair
from parity_tests.verdicts import check


def probe_id(probe: Probe) -> str:
    return f"{probe.feature}: {probe.title}"


# Which apps a probe needs is known only once it runs; all of them get a fresh database.
@pytest.mark.usefixtures("database_backend")
@pytest.mark.parametrize("probe", every_probe(), ids=probe_id)
def test_each_probe_gets_the_same_answer_from_both_apps_or_a_registered_difference(
    probe: Probe, request: pytest.FixtureRequest
) -> None:
    # Probes that add routes and users name the fixture that builds apps for them.
    pair: Pair = request.getfixturevalue(probe.sides or "pair")
    try:
        (reference, _), (candidate, _) = probe.send(pair.reference), probe.send(pair.candidate)
    except UnsendableProbeError as reason:
        pytest.skip(f"this probe cannot be sent here: {reason}")
    check(request.config, probe, reference, candidate, pair.spec.name)
