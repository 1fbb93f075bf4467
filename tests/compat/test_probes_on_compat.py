"""Every differential probe, sent to the Flask twin and to the FastAPI twin in compat mode.

What a bridge removes must be gone: the probe is judged against only the unbridged entries it
names, so a bridged difference that still shows is unexpected (strict), as is an unbridged
one that no longer does.
"""

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import replace

import pytest

from parity_tests.differential.cases import every_probe
from parity_tests.migration import COMPAT, record_pair
from parity_tests.normalise import observe
from parity_tests.parity import Probe, explain, judge
from parity_tests.registry import REGISTRY
from parity_tests.targets import Pair
from tests.compat.conftest import build_pair


def on_compat(probe: Probe) -> Probe:
    """The probe as the compat pair should answer it: only the unbridged differences."""
    left = tuple(name for name in probe.differences if not REGISTRY[name].compat_bridge)
    return replace(probe, differences=left)


@pytest.mark.parametrize(
    "probe", every_probe(), ids=lambda probe: f"{probe.feature}: {probe.title}"
)
def test_compat_mode_answers_each_probe_as_flask_does_but_for_the_unbridged(
    probe: Probe, compat_pair: Pair, request: pytest.FixtureRequest
) -> None:
    expected = on_compat(probe)
    flask, fastapi = probe.send(compat_pair.flask), probe.send(compat_pair.fastapi)

    result = judge(expected, observe(flask, probe.raw), observe(fastapi, probe.raw))
    record_pair(request.config, COMPAT, result)

    assert result.verdict != "unexpected", explain(result)


def test_a_probe_on_compat_keeps_only_its_unbridged_differences() -> None:
    probe = Probe("cors", "x", "GET", "/", differences=("jsonify-encoding", "cors-origin-case"))

    assert on_compat(probe).differences == ("cors-origin-case",)


@pytest.fixture(scope="module")
def plain_pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    """Flask, and FastAPI as it is by default: no bridge on."""
    with ExitStack() as stack:
        yield build_pair(tmp_path_factory.mktemp("plain"), stack, compat=False)


@pytest.mark.parametrize(
    "title", ["HEAD on a GET route", "a field that fails validation", "a static file"]
)
def test_a_bridged_difference_that_still_shows_is_unexpected(plain_pair: Pair, title: str) -> None:
    probe = next(probe for probe in every_probe() if probe.title == title)
    flask, fastapi = probe.send(plain_pair.flask), probe.send(plain_pair.fastapi)

    result = judge(on_compat(probe), observe(flask), observe(fastapi))

    assert result.verdict == "unexpected"
