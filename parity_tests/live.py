"""Run the parity suite against both apps on their real servers, then stop them.

    python -m parity_tests.live [--database sqlite|postgresql] [PYTEST ARGS...]

Gives both servers a fresh database (migrated and seeded), starts gunicorn on 5000 and
uvicorn on 8000 with the Procfile's commands, waits for /health, runs
`pytest parity_tests --flask-url ... --fastapi-url ...` plus any PYTEST ARGS, and stops both
servers with SIGTERM. The exit status is pytest's, or 1 if a server did not stop cleanly.
"""

import argparse
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
from parity_tests.servers import ROOT, Server, ServerError, start, stopped_cleanly
from parity_tests.targets import isolated_settings, prepare_database
from shared.settings import Settings

PORTS = {"flask": 5000, "fastapi": 8000}


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


def run(backend: Backend, pytest_args: Sequence[str]) -> int:
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
            for name, port in PORTS.items():
                began = time.monotonic()
                servers.append(start(name, port, env, workdir / f"{name}.log"))
                say(f"{name} healthy at {servers[-1].url} in {time.monotonic() - began:.1f} s")
            urls = [f"--{s.name}-url={s.url}" for s in servers]
            command = [sys.executable, "-m", "pytest", "parity_tests", *urls, *pytest_args]
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
    options, pytest_args = parser.parse_known_args(argv)
    try:
        return run(options.database, pytest_args)
    except ServerError as error:
        say(f"cannot run live: {error}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
