"""The step every differential test shares: send the probe to both apps and judge the pair."""

import pytest

from parity_tests.parity import Probe, check
from parity_tests.targets import Pair


def compare(probe: Probe, pair: Pair, config: pytest.Config) -> None:
    check(config, probe, probe.send(pair.flask), probe.send(pair.fastapi))


def probe_id(probe: Probe) -> str:
    return probe.title
