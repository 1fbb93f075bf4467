"""The three server set-ups, each on a free port, over one fresh SQLite database."""

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from parity_tests.databases import fresh_database
from parity_tests.live import live_environment
from parity_tests.servers import SETUPS, free_port, serving
from parity_tests.targets import prepare_database
from shared.settings import Settings


@pytest.fixture(scope="session")
def setup_ports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, int]]:
    """{set-up id: port}; the HTTP layer does not depend on the database, so SQLite only."""
    workdir: Path = tmp_path_factory.mktemp("transport")
    with ExitStack() as stack:
        url = stack.enter_context(fresh_database("sqlite", workdir))
        prepare_database(Settings(database_url=url))
        environment = live_environment(url, workdir)
        ports = {}
        for setup in SETUPS:
            log = workdir / f"{setup.id}.log"
            server = stack.enter_context(serving(setup, free_port(), environment, log))
            ports[setup.id] = int(server.url.rsplit(":", 1)[1])
        yield ports
