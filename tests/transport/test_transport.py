"""Every case to every server set-up: each answer recorded for the report and judged by the
case's rule; a set-up may break a rule only where `deviations.py` says why."""

import httpx2
import pytest

from parity_tests.servers import SETUPS, Server, Setup
from tests.transport.cases import CASES, Case
from tests.transport.conftest import port_of
from tests.transport.deviations import DEVIATIONS
from tests.transport.report import Outcome, describe, record
from tests.transport.wire import exchange


@pytest.mark.parametrize("setup", SETUPS, ids=[setup.id for setup in SETUPS])
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_each_set_up_keeps_the_rule_of_each_case_and_goes_on_serving(
    request: pytest.FixtureRequest, servers: dict[str, Server], case: Case, setup: Setup
) -> None:
    port = port_of(servers[setup.id])
    answer = exchange(
        port,
        case.parts,
        expected_responses=case.expected_responses,
        close_after_sending=case.close_after_sending,
    )
    kept = case.kept(answer)
    record(request.config, Outcome(case.id, setup.id, answer, kept))

    assert httpx2.get(f"http://127.0.0.1:{port}/health").status_code == 200
    if (case.id, setup.id) in DEVIATIONS:
        assert not kept, f"{setup.id} keeps the rule now ({describe(answer)}): drop the deviation"
    else:
        assert kept, f"{case.rule} {setup.label} answered: {describe(answer)}"
