"""Fixtures of the claims: the twins in-process on a fresh database, and the benchmark run."""

from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from parity_tests.differential.probe_apps import built_pair
from parity_tests.sides import (
    FRAMEWORKS,
    Pair,
    in_process,
    isolated_settings,
    prepare_database,
)
from shared.settings import Settings
from tools.claims.benchmarks import Benchmarks, load


def _fresh_settings(tmp_path_factory: pytest.TempPathFactory, name: str) -> Settings:
    """Settings of one in-process app: a fresh, migrated and seeded SQLite database."""
    settings = isolated_settings(tmp_path_factory.mktemp(f"claims-{name}"))
    prepare_database(settings)
    return settings


@pytest.fixture(scope="session")
def twins(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    """Both twins in-process, as the differential suite's `pair` fixture builds them."""
    with ExitStack() as stack:
        sides = {
            framework: stack.enter_context(
                in_process(framework, _fresh_settings(tmp_path_factory, framework))
            )
            for framework in FRAMEWORKS
        }
        yield Pair(sides["flask"], sides["fastapi"])


@pytest.fixture(scope="session")
def built_twins(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    """The twins with the differential suite's extra routes and non-ASCII user (`built_pair`)."""
    with built_pair(lambda name: _fresh_settings(tmp_path_factory, name)) as pair:
        yield pair


@pytest.fixture(scope="session")
def benchmarks() -> Benchmarks:
    """docs/benchmarks.json as the harness last wrote it, or why there is none."""
    return load()
