"""Fixtures: a `client` for each side of the selected pair (--pair, default flask:fastapi),
each app with a fresh database per test module."""

from collections.abc import Callable, Iterator
from contextlib import ExitStack

import httpx2
import pytest

from parity_tests.databases import Backend, fresh_database
from parity_tests.options import live_url, selected_pair
from parity_tests.targets import (
    Pair,
    Target,
    in_process,
    isolated_settings,
    live,
    prepare_database,
)
from shared.settings import Settings


def _target(
    request: pytest.FixtureRequest, name: str, make_settings: Callable[[str], Settings]
) -> Iterator[Target]:
    url = live_url(request.config, name)
    if url:
        # Live servers read their settings from the same environment as this process.
        with live(name, url, Settings()) as target:
            yield target
        return
    settings = make_settings(name)
    with in_process(name, settings) as target:
        yield target


@pytest.fixture(scope="module")
def make_settings(
    database_backend: Backend, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], Settings]]:
    """Builds settings for one in-process app: a fresh, migrated, seeded database of its own."""
    with ExitStack() as cleanup:

        def make(name: str) -> Settings:
            workdir = tmp_path_factory.mktemp(name)
            url = cleanup.enter_context(fresh_database(database_backend, workdir))
            settings = isolated_settings(workdir, url)
            prepare_database(settings)
            return settings

        yield make


# Each side names make_settings, though a live side does not call it, so that every test with a
# side is known to touch a database before it runs (`--database postgresql` keeps only those).
@pytest.fixture(scope="module")
def reference_target(
    request: pytest.FixtureRequest, make_settings: Callable[[str], Settings]
) -> Iterator[Target]:
    yield from _target(request, selected_pair(request.config).reference, make_settings)


@pytest.fixture(scope="module")
def candidate_target(
    request: pytest.FixtureRequest, make_settings: Callable[[str], Settings]
) -> Iterator[Target]:
    yield from _target(request, selected_pair(request.config).candidate, make_settings)


SIDES = ("reference", "candidate")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A contract test runs once per side, its id the side's target name: [flask], [fastapi]."""
    if "target" in metafunc.fixturenames:
        names = selected_pair(metafunc.config).names
        metafunc.parametrize("target", SIDES, ids=names, indirect=True)


@pytest.fixture
def target(
    request: pytest.FixtureRequest, reference_target: Target, candidate_target: Target
) -> Target:
    """One app at a time: a contract test's body must pass for both."""
    return reference_target if request.param == "reference" else candidate_target


@pytest.fixture
def client(target: Target) -> httpx2.Client:
    return target.client


@pytest.fixture
def settings(target: Target) -> Settings:
    return target.settings


@pytest.fixture(scope="module")
def pair(reference_target: Target, candidate_target: Target) -> Pair:
    return Pair(reference_target, candidate_target)
