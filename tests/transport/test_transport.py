"""Every case to every production server: each answer recorded for the report and judged by the
case's rule; a server may break a rule only where `deviations.py` says why."""

import httpx2
import pytest

from parity_tests.servers import PRODUCTION_SERVERS, ProductionServer, Server
from tests.transport.cases import CASES, Case
from tests.transport.conftest import port_of
from tests.transport.deviations import DEVIATIONS
from tests.transport.report import Outcome, describe, record
from tests.transport.wire import exchange


@pytest.mark.parametrize(
    "production_server", PRODUCTION_SERVERS, ids=[server.id for server in PRODUCTION_SERVERS]
)
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_each_server_keeps_the_rule_of_each_case_and_goes_on_serving(
    request: pytest.FixtureRequest,
    servers: dict[str, Server],
    case: Case,
    production_server: ProductionServer,
) -> None:
    port = port_of(servers[production_server.id])
    answer = exchange(
        port,
        case.parts,
        expected_responses=case.expected_responses,
        close_after_sending=case.close_after_sending,
    )
    kept = case.kept(answer)
    record(request.config, Outcome(case.id, production_server.id, answer, kept))

    assert httpx2.get(f"http://127.0.0.1:{port}/health").status_code == 200
    if (case.id, production_server.id) in DEVIATIONS:
        assert not kept, (
            f"{production_server.id} keeps the rule now ({describe(answer)}): drop the deviation"
        )
    else:
        assert kept, f"{case.rule} {production_server.label} answered: {describe(answer)}"
