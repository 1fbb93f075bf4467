"""Fixtures that run both apps on their real servers, over one fresh database."""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from parity_tests.databases import Backend, fresh_database
from parity_tests.live import live_environment
from parity_tests.servers import Server, free_port, running
from parity_tests.sides import prepare_database
from shared.settings import Settings

# The Procfile name of the app, and optionally a command that serves it otherwise.
StartServer = Callable[..., AbstractContextManager[Server]]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("servers")


@pytest.fixture(scope="module")
def server_environment(database_backend: Backend, workdir: Path) -> Iterator[dict[str, str]]:
    """The environment both servers run with: a fresh, migrated, seeded shared database.

    One per module: starting servers is the slow part, and each test writes its own rows.
    """
    with fresh_database(database_backend, workdir) as database_url:
        prepare_database(Settings(database_url=database_url))
        yield live_environment(database_url, workdir)


@pytest.fixture(scope="module")
def start_server(server_environment: dict[str, str], workdir: Path) -> StartServer:
    """Starts one Procfile process (or `command` for its app) on a free port; the server stops
    when the `with` ends."""

    def start(name: str, command: str | None = None) -> AbstractContextManager[Server]:
        return running(name, free_port(), server_environment, workdir / f"{name}.log", command)

    return start
