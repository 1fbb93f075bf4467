"""Command-line options shared by every test directory, loaded as a plugin (`-p`).

`--pair REFERENCE:CANDIDATE` picks the two sides the parity suite compares (default
flask:fastapi); `--NAME-url` (one per side, e.g. `--flask-url`) points a side at a live
server; `--database` picks the kind of fresh database that in-process apps and locally started
servers get; `--jobs` where in-process apps run the upload job (JOBS, docs/jobs.md). A run on
another database than SQLite keeps only the tests that touch one (those that use the
`database_backend` fixture): the rest would repeat the SQLite run exactly.
"""

import os

import pytest

from parity_tests.ci import require
from parity_tests.databases import BACKENDS, Backend, postgres_unavailable_reason
from parity_tests.sides import DEFAULT_PAIR, SIDES, PairSpec, pair_argument


def live_url_option(name: str) -> tuple[str, str]:
    """The option and the environment variable that give side `name`'s live URL."""
    return f"--{name}-url", f"{name.upper().replace('-', '_')}_URL"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("parity", "Flask/FastAPI parity")
    group.addoption(
        "--pair",
        type=pair_argument,
        default=os.environ.get("PARITY_PAIR", DEFAULT_PAIR.name),
        metavar="REFERENCE:CANDIDATE",
        help="the two sides to compare, by name: " + ", ".join(SIDES) + " (env PARITY_PAIR; "
        f"default {DEFAULT_PAIR.name})",
    )
    for name in SIDES:
        option, env_var = live_url_option(name)
        group.addoption(
            option,
            default=os.environ.get(env_var),
            help=f"run the {name} side against a live server at this URL (env {env_var})",
        )
    group.addoption(
        "--database",
        choices=BACKENDS,
        default=os.environ.get("PARITY_DATABASE", "sqlite"),
        help="the kind of fresh database each app gets (env PARITY_DATABASE)",
    )
    group.addoption(
        "--jobs",
        choices=("inline", "queue"),
        default=os.environ.get("PARITY_JOBS", "inline"),
        help="where in-process apps run the upload job: in the app (inline) or on the local "
        "RabbitMQ, consumed by a worker of the test's own (queue) (env PARITY_JOBS)",
    )


def selected_pair(config: pytest.Config) -> PairSpec:
    """The --pair of this run."""
    pair: PairSpec = config.getoption("--pair")
    return pair


def live_url(config: pytest.Config, name: str) -> str | None:
    url: str | None = config.getoption(live_url_option(name)[0])
    return url


def is_live(config: pytest.Config) -> bool:
    """Whether either side of the selected pair runs on a live server."""
    return any(live_url(config, name) for name in selected_pair(config).names)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--database") == "sqlite":
        return
    kept = [item for item in items if touches_the_database(item)]
    deselected = [item for item in items if not touches_the_database(item)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def touches_the_database(item: pytest.Item) -> bool:
    """Whether the test gets a fresh database, directly or through another fixture."""
    return "database_backend" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session")
def database_backend(request: pytest.FixtureRequest) -> Backend:
    """The --database kind; PostgreSQL skips with the reason when absent, but fails in CI."""
    backend: Backend = request.config.getoption("--database")
    reason = postgres_unavailable_reason() if backend == "postgresql" else None
    require(reason, "CI tests PostgreSQL, so it must be reachable")
    return backend
