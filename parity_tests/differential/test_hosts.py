import pytest

from parity_tests.differential.compare import compare, probe_id
from parity_tests.parity import Probe
from parity_tests.targets import Pair

PROBES = [
    Probe(
        "hosts", "an allowed Host with a port", "GET", "/", {"headers": {"Host": "localhost:5000"}}
    ),
    Probe("hosts", "a foreign Host", "GET", "/", {"headers": {"Host": "evil.example"}}),
    Probe(
        "hosts",
        "a foreign Host on the admin",
        "GET",
        "/admin/",
        {"headers": {"Host": "evil.example"}},
    ),
    Probe(
        "hosts",
        "an allowed Host in upper case",
        "GET",
        "/",
        {"headers": {"Host": "LOCALHOST"}},
        differences=("trusted-host-case",),
    ),
]


@pytest.mark.parametrize("probe", PROBES, ids=probe_id)
def test_host_names_are_checked_alike_or_as_registered(
    probe: Probe, pair: Pair, request: pytest.FixtureRequest
) -> None:
    compare(probe, pair, request.config)
