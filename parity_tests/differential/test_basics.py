import pytest

from parity_tests.differential.compare import compare, probe_id
from parity_tests.parity import Probe
from parity_tests.targets import Pair

PROBES = [
    Probe("hello", "hello world", "GET", "/"),
    Probe("methods", "GET on a two-verb route", "GET", "/methods"),
    Probe("methods", "POST on a two-verb route", "POST", "/methods"),
    Probe("settings", "the public settings", "GET", "/settings"),
    Probe("health", "health with a reachable database", "GET", "/health"),
    Probe("async", "an awaited wait", "GET", "/async?delay=0.01"),
    Probe(
        "async",
        "a wait over the bound",
        "GET",
        "/async?delay=60",
        differences=("validation-error-format",),
    ),
]


@pytest.mark.parametrize("probe", PROBES, ids=probe_id)
def test_the_basic_endpoints_answer_alike(
    probe: Probe, pair: Pair, request: pytest.FixtureRequest
) -> None:
    compare(probe, pair, request.config)
