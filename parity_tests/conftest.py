"""Fixtures: a `client` for each side of the selected pair (--pair, default flask:fastapi),
each app with a fresh database per test module."""

from collections.abc import Callable, Iterator
from contextlib import ExitStack

import httpx2
import pytest

from parity_tests.ci import require
from parity_tests.databases import Backend, fresh_database
from parity_tests.job_queues import broker_unavailable_reason, queue_settings, worker_in_thread
from parity_tests.options import live_url, selected_pair
from parity_tests.sides import (
    Pair,
    Side,
    in_process,
    isolated_settings,
    live,
    prepare_database,
)
from shared.settings import Settings


def _side(
    request: pytest.FixtureRequest, name: str, make_settings: Callable[[str], Settings]
) -> Iterator[Side]:
    url = live_url(request.config, name)
    if url:
        # Live servers read their settings from the same environment as this process.
        with live(name, url, Settings()) as side:
            yield side
        return
    settings = make_settings(name)
    with in_process(name, settings) as side:
        yield side


@pytest.fixture(scope="module")
def make_settings(
    request: pytest.FixtureRequest,
    database_backend: Backend,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[str], Settings]]:
    """Builds settings for one in-process app: a fresh, migrated, seeded database of its own;
    with --jobs queue, also a broker queue of its own and a worker consuming it."""
    queue_mode = request.config.getoption("--jobs") == "queue"
    if queue_mode:
        require(broker_unavailable_reason(), "CI tests the queue mode, so RabbitMQ must run")
    with ExitStack() as cleanup:

        def make(name: str) -> Settings:
            workdir = tmp_path_factory.mktemp(name)
            url = cleanup.enter_context(fresh_database(database_backend, workdir))
            settings = isolated_settings(workdir, url)
            prepare_database(settings)
            if queue_mode:
                settings = queue_settings(settings, name)
                cleanup.enter_context(worker_in_thread(settings))
            return settings

        yield make


# Each side names make_settings, though a live side does not call it, so that every test with a
# side is known to touch a database before it runs (`--database postgresql` keeps only those).
@pytest.fixture(scope="module")
def reference_side(
    request: pytest.FixtureRequest, make_settings: Callable[[str], Settings]
) -> Iterator[Side]:
    yield from _side(request, selected_pair(request.config).reference, make_settings)


@pytest.fixture(scope="module")
def candidate_side(
    request: pytest.FixtureRequest, make_settings: Callable[[str], Settings]
) -> Iterator[Side]:
    yield from _side(request, selected_pair(request.config).candidate, make_settings)


# A pair's two roles; each names the module fixture that holds its side.
ROLES = ("reference", "candidate")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A contract test runs once per side, its id the side's name: [flask], [fastapi]."""
    if "side" in metafunc.fixturenames:
        names = selected_pair(metafunc.config).names
        metafunc.parametrize("side", ROLES, ids=names, indirect=True)


@pytest.fixture
def side(request: pytest.FixtureRequest, reference_side: Side, candidate_side: Side) -> Side:
    """One app at a time: a contract test's body must pass for both."""
    return reference_side if request.param == "reference" else candidate_side


@pytest.fixture
def client(side: Side) -> httpx2.Client:
    return side.client


@pytest.fixture
def settings(side: Side) -> Settings:
    return side.settings


@pytest.fixture(scope="module")
def pair(reference_side: Side, candidate_side: Side) -> Pair:
    return Pair(reference_side, candidate_side)
