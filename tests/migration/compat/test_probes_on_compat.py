"""Every differential probe, sent to the Flask twin and to the FastAPI twin in compat mode, and
judged for the pair flask:fastapi-compat: a bridged entry does not apply to that pair
(AcceptedDifference.pairs), so if it still shows the case is unexpected (strict), as is an unbridged
one that no longer does. All pairs' results go into docs/migration.md."""

from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from sidebyside import Probe, judge
from sidebyside.verdict import versions_hold

from parity_tests.differential.cases import every_probe
from parity_tests.migration import COMPAT, record_pair
from parity_tests.normalise import observe
from parity_tests.registry import REGISTRY
from parity_tests.sides import Pair
from parity_tests.verdicts import explain
from tests.migration.compat.conftest import build_pair

PAIR = "flask:fastapi-compat"


@pytest.mark.parametrize(
    "probe", every_probe(), ids=lambda probe: f"{probe.feature}: {probe.title}"
)
def test_compat_mode_answers_each_probe_as_flask_does_but_for_the_unbridged(
    probe: Probe, compat_pair: Pair, request: pytest.FixtureRequest
) -> None:
    (flask, _), (compat, _) = probe.send(compat_pair.reference), probe.send(compat_pair.candidate)

    result = judge(probe, observe(flask, probe.raw), observe(compat, probe.raw), REGISTRY, PAIR)
    record_pair(request.config, COMPAT, result)

    assert result.verdict != "unexpected", explain(result)
    assert all(not REGISTRY[name].bridged_by for name in result.differences)


def test_exactly_the_unbridged_entries_apply_to_the_compat_pair() -> None:
    # Among the entries of the releases installed here: the others apply to no pair.
    here = {name: entry for name, entry in REGISTRY.items() if versions_hold(entry.versions)}
    bridged = {name for name, entry in here.items() if entry.bridged_by}

    assert {name for name, entry in here.items() if not entry.applies_to(PAIR)} == bridged


@pytest.fixture(scope="module")
def plain_pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    """Flask, and FastAPI as it is by default: no bridge on."""
    with ExitStack() as stack:
        yield build_pair(tmp_path_factory.mktemp("plain"), stack, "fastapi")


@pytest.mark.parametrize(
    "title", ["HEAD on a GET route", "a field that fails validation", "a static file"]
)
def test_a_bridged_difference_that_still_shows_is_unexpected(plain_pair: Pair, title: str) -> None:
    probe = next(probe for probe in every_probe() if probe.title == title)
    (flask, _), (fastapi, _) = probe.send(plain_pair.reference), probe.send(plain_pair.candidate)

    assert judge(probe, observe(flask), observe(fastapi), REGISTRY, PAIR).verdict == "unexpected"
