"""Command-line options shared by every test directory, loaded as a plugin (`-p`).

`--flask-url` / `--fastapi-url` point the parity suite at live servers; `--database` picks
the kind of fresh database that in-process apps and locally started servers get.
"""

import os

import pytest

from parity_tests.databases import BACKENDS, Backend, must_not_skip, postgres_unavailable_reason
from parity_tests.targets import Framework

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
    group.addoption(
        "--database",
        choices=BACKENDS,
        default=os.environ.get("PARITY_DATABASE", "sqlite"),
        help="the kind of fresh database each app gets (env PARITY_DATABASE)",
    )


def live_url(config: pytest.Config, framework: Framework) -> str | None:
    url: str | None = config.getoption(LIVE_URL_OPTIONS[framework][0])
    return url


def is_live(config: pytest.Config) -> bool:
    return any(live_url(config, framework) for framework in LIVE_URL_OPTIONS)


@pytest.fixture(scope="session")
def database_backend(request: pytest.FixtureRequest) -> Backend:
    """The --database kind; PostgreSQL skips with the reason when absent, but fails in CI."""
    backend: Backend = request.config.getoption("--database")
    reason = postgres_unavailable_reason() if backend == "postgresql" else None
    if reason and must_not_skip():
        pytest.fail(f"{reason}: CI tests PostgreSQL, so it must be reachable")
    if reason:
        pytest.skip(reason)
    return backend
