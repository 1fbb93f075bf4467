"""The three production servers, each on a free port, over one fresh SQLite database, started once
for the transport cases and the server faults (slow clients, a killed worker) alike."""

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from parity_tests.databases import fresh_database
from parity_tests.live import live_environment
from parity_tests.servers import PRODUCTION_SERVERS, Server, free_port, serving
from parity_tests.sides import prepare_database
from shared.settings import Settings


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Server]]:
    """{production server id: running server}; the HTTP layer does not depend on the
    database, so SQLite only.

    A test may kill a worker or stall connections: each server recovers on its own, which is
    what those tests prove, so sharing them keeps the tests independent of their order.
    """
    workdir: Path = tmp_path_factory.mktemp("transport")
    with ExitStack() as stack:
        url = stack.enter_context(fresh_database("sqlite", workdir))
        prepare_database(Settings(database_url=url))
        # The body limit of a deployment (the live tests' is 64 KiB), so that a body can be
        # under it and over the 64 KiB that gunicorn drains when the app leaves it unread.
        default_limit = Settings.model_fields["max_body_bytes"].default
        environment = {**live_environment(url, workdir), "MAX_BODY_BYTES": str(default_limit)}
        yield {
            server.id: stack.enter_context(
                serving(server, free_port(), environment, workdir / f"{server.id}.log")
            )
            for server in PRODUCTION_SERVERS
        }


def port_of(server: Server) -> int:
    return int(server.url.rsplit(":", 1)[1])
