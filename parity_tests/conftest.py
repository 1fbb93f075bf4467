"""Fixtures: a `client` for each framework, each app with a fresh database per test module."""

import os
from collections.abc import Iterator

import httpx2
import pytest

from parity_tests.targets import (
    FRAMEWORKS,
    Framework,
    Pair,
    Target,
    in_process,
    isolated_settings,
    live,
    prepare_database,
)
from shared.settings import Settings

LIVE_URL_OPTIONS: dict[Framework, tuple[str, str]] = {
    "flask": ("--flask-url", "FLASK_URL"),
    "fastapi": ("--fastapi-url", "FASTAPI_URL"),
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("parity", "Flask/FastAPI parity")
    for framework, (option, env_var) in LIVE_URL_OPTIONS.items():
        group.addoption(
            option,
            default=os.environ.get(env_var),
            help=f"run against a live {framework} server at this URL (env {env_var})",
        )


def live_url(config: pytest.Config, framework: Framework) -> str | None:
    url: str | None = config.getoption(LIVE_URL_OPTIONS[framework][0])
    return url


def _target(request: pytest.FixtureRequest, framework: Framework) -> Iterator[Target]:
    url = live_url(request.config, framework)
    if url:
        # Live servers read their settings from the same environment as this process.
        with live(framework, url, Settings()) as target:
            yield target
        return
    workdir = request.getfixturevalue("tmp_path_factory").mktemp(framework)
    settings = isolated_settings(workdir)
    prepare_database(settings)
    with in_process(framework, settings) as target:
        yield target


@pytest.fixture(scope="module")
def flask_target(request: pytest.FixtureRequest) -> Iterator[Target]:
    yield from _target(request, "flask")


@pytest.fixture(scope="module")
def fastapi_target(request: pytest.FixtureRequest) -> Iterator[Target]:
    yield from _target(request, "fastapi")


@pytest.fixture(params=FRAMEWORKS)
def target(request: pytest.FixtureRequest) -> Target:
    """One app at a time: a contract test's body must pass for both."""
    resolved: Target = request.getfixturevalue(f"{request.param}_target")
    return resolved


@pytest.fixture
def client(target: Target) -> httpx2.Client:
    return target.client


@pytest.fixture
def settings(target: Target) -> Settings:
    return target.settings


@pytest.fixture(scope="module")
def pair(flask_target: Target, fastapi_target: Target) -> Pair:
    return Pair(flask_target, fastapi_target)
