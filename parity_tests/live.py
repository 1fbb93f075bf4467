"""Run the parity suite against both apps of a pair on their real servers, then stop them.

    python -m parity_tests.live [--pair REFERENCE:CANDIDATE] [--database sqlite|postgresql]
        [PYTEST ARGS...]

Gives both servers a fresh database (migrated and seeded), starts the reference and the
candidate each on a free port of the loopback (so that a run collides with nothing: `make up`,
the compose stack, another run), each as its side says (by default the Procfile's gunicorn and
uvicorn), waits for /health, runs `pytest parity_tests --pair ... --REFERENCE-url ...
--CANDIDATE-url ...` plus any PYTEST ARGS, and stops both servers with SIGTERM. The exit
status is pytest's, or 1 if a server did not stop cleanly.
"""

import argparse
import dataclasses
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from parity_tests.databases import (
    BACKENDS,
    Backend,
    fresh_database,
    must_not_skip,
    postgres_unavailable_reason,
)
from parity_tests.servers import ROOT, Server, ServerError, free_port, start, stopped_cleanly
from parity_tests.sides import (
    DEFAULT_PAIR,
    PairSpec,
    isolated_settings,
    pair_argument,
    prepare_database,
    side_spec,
)
from shared.settings import Settings


def say(message: str) -> None:
    print(f"[live] {message}", flush=True)


def live_environment(database_url: str, workdir: Path) -> dict[str, str]:
    """The environment for servers and for the pytest that drives them: every setting given
    explicitly, the same as in-process apps get, so that neither a `.env` in the repository
    nor the shell changes what a live run tests."""
    return {**os.environ, **isolated_settings(workdir, database_url).as_environment()}


def stop(servers: Sequence[Server]) -> bool:
    clean = True
    for server in servers:
        code = server.terminate()
        say(f"{server.name} stopped with exit status {code}")
        clean = clean and stopped_cleanly(code)
    return clean


def run(backend: Backend, pytest_args: Sequence[str], pair: PairSpec = DEFAULT_PAIR) -> int:
    reason = postgres_unavailable_reason() if backend == "postgresql" else None
    if reason:
        say(f"{reason}; {'failing: CI must test PostgreSQL' if must_not_skip() else 'skipped'}")
        return 1 if must_not_skip() else 0
    with tempfile.TemporaryDirectory(prefix="twins-live-") as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        database_url = stack.enter_context(fresh_database(backend, workdir))
        env = live_environment(database_url, workdir)
        prepare_database(Settings(database_url=database_url))
        servers: list[Server] = []
        try:
            for name in pair.names:
                spec = side_spec(name)
                port = free_port()
                began = time.monotonic()
                server = start(
                    spec.process,
                    port,
                    {**env, **spec.environment},
                    workdir / f"{name}.log",
                    spec.command,
                )
                # Named after the side: two sides may share a Procfile process.
                servers.append(dataclasses.replace(server, name=name))
                say(f"{name} healthy at {servers[-1].url} in {time.monotonic() - began:.1f} s")
            urls = [f"--{server.name}-url={server.url}" for server in servers]
            command = [
                *(sys.executable, "-m", "pytest", "parity_tests", f"--pair={pair.name}"),
                *urls,
                *pytest_args,
            ]
            say(f"{backend}: {' '.join(command[1:])}")
            status = subprocess.call(command, cwd=ROOT, env=env)  # noqa: S603 - our own pytest
            if status:
                for server in servers:
                    say(f"the end of {server.name}'s log:\n{server.log_tail()}")
        finally:
            clean = stop(servers)
    return status or (0 if clean else 1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m parity_tests.live", description=__doc__)
    parser.add_argument("--database", choices=BACKENDS, default="sqlite")
    parser.add_argument(
        "--pair",
        type=pair_argument,
        default=DEFAULT_PAIR,
        metavar="REFERENCE:CANDIDATE",
        help=f"the two sides to serve and compare (default {DEFAULT_PAIR.name})",
    )
    options, pytest_args = parser.parse_known_args(argv)
    try:
        return run(options.database, pytest_args, options.pair)
    except ServerError as error:
        say(f"cannot run live: {error}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
