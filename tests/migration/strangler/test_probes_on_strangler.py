"""Every differential probe against the strangler at each step (sides strangler-0, -50 and
-100), beside the Flask twin, judged for that pair: only unbridged entries apply, and only at
the steps whose ported features they are seen in (AcceptedDifference.pairs). And, checked on each
case's path: a difference may only come from a feature the step has ported, since the
unchanged Flask app answers the rest."""

from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from a2wsgi import WSGIMiddleware
from sidebyside import Probe, judge

from migration.strangler import Porting, Strangler, steps
from parity_tests.differential.cases import every_probe
from parity_tests.migration import STRANGLER_PREFIX, record_pair
from parity_tests.normalise import observe
from parity_tests.registry import REGISTRY
from parity_tests.sides import Pair, build_app
from parity_tests.verdicts import explain
from shared.settings import Settings
from tests.migration.compat.conftest import build_pair

STEPS = steps()


def side_name(step: str) -> str:
    return f"strangler-{step.rstrip('%')}"


@pytest.fixture(scope="module", params=list(STEPS), ids=lambda step: f"{step} ported")
def step_pair(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Pair]]:
    with ExitStack() as stack:
        tmp_path = tmp_path_factory.mktemp("strangler")
        yield request.param, build_pair(tmp_path, stack, side_name(request.param))


def path_of(probe: Probe) -> str:
    return probe.path.split("?", 1)[0].format_map({"id": "1", "etag": ""})


@pytest.mark.parametrize(
    "probe", every_probe(), ids=lambda probe: f"{probe.feature}: {probe.title}"
)
def test_the_strangler_answers_as_flask_but_for_the_unbridged_of_ported_features(
    probe: Probe, step_pair: tuple[str, Pair], request: pytest.FixtureRequest
) -> None:
    step, pair = step_pair
    (flask, _), (strangler, _) = probe.send(pair.reference), probe.send(pair.candidate)
    assert isinstance(pair.candidate.app, Strangler)

    result = judge(
        probe, observe(flask, probe.raw), observe(strangler, probe.raw), REGISTRY, pair.spec.name
    )
    record_pair(request.config, STRANGLER_PREFIX + step, result)

    assert result.verdict != "unexpected", explain(result)
    if not pair.candidate.app.porting.is_ported(path_of(probe)):
        assert result.differences == ()


def test_each_step_is_a_side_that_ports_what_the_step_says() -> None:
    settings = Settings(database_url="sqlite://")
    stranglers = {step: build_app(side_name(step), settings) for step in STEPS}

    assert [strangler.porting for strangler in stranglers.values()] == [
        Porting.of(ported) for ported in STEPS.values()
    ]
    assert all(isinstance(s.legacy_app, WSGIMiddleware) for s in stranglers.values())
