"""Both apps on their real servers, started from the Procfile exactly as `make up` starts them.

Live parity runs and the deployment tests use this: each server is the Procfile's command,
run by `sh -c "exec ..."` so that the server itself receives our signals.
"""

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# The engine owns the server helpers; the twins' servers, tests and containers import them
# from here or from sidebyside.live.
from sidebyside.live import Server as Server
from sidebyside.live import ServerError as ServerError
from sidebyside.live import free_port as free_port
from sidebyside.live import port_is_free as port_is_free
from sidebyside.live import start as start_server
from sidebyside.live import stop_gracefully as stop_gracefully
from sidebyside.live import stopped_cleanly as stopped_cleanly

ROOT = Path(__file__).resolve().parents[1]
PROCFILE = ROOT / "Procfile"
# Generous: on a loaded machine (two cores, several test runs) a cold start took over 30 s.
HEALTH_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 40.0
PORT_VARIABLES = {"flask": "FLASK_PORT", "fastapi": "FASTAPI_PORT"}


def procfile_commands(path: Path = PROCFILE) -> dict[str, str]:
    """The Procfile as {process name: shell command}."""
    commands = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, separator, command = line.partition(":")
        if separator and not line.startswith("#"):
            commands[name.strip()] = command.strip()
    return commands


def server_environment(base: Mapping[str, str]) -> dict[str, str]:
    """`base` with this interpreter's scripts (gunicorn, uvicorn) first on PATH."""
    scripts = str(Path(sys.executable).parent)
    return {**base, "PATH": os.pathsep.join([scripts, base.get("PATH", os.defpath)])}


def healthy(status: int) -> bool:
    # /health answers 200 only once the app can serve: its database is reachable.
    return status == 200


def start(
    name: str,
    port: int,
    environment: Mapping[str, str],
    log: Path | None = None,
    command: str | None = None,
) -> Server:
    """Start one Procfile process on 127.0.0.1:port and wait until /health answers 200.

    Its output goes to `log` when given (access logs would drown a test run's own). `command`
    replaces the Procfile's line for `name`, for a server the Procfile does not run; it reads
    the same HOST and port variables. Run by `sh -c "exec ..."`, so that the server itself
    receives our signals.
    """
    if not port_is_free(port):
        raise ServerError(f"port {port} is in use: stop whatever serves it (make up?)")
    env = server_environment({**environment, PORT_VARIABLES[name]: str(port), "HOST": "127.0.0.1"})
    return start_server(
        ["/bin/sh", "-c", f"exec {command or procfile_commands()[name]}"],
        f"http://127.0.0.1:{port}",
        name=name,
        health="/health",
        ready=healthy,
        environment=env,
        cwd=ROOT,
        log=log,
        timeout=HEALTH_TIMEOUT_SECONDS,
        stop_timeout=STOP_TIMEOUT_SECONDS,
    )


@contextmanager
def running(
    name: str,
    port: int,
    environment: Mapping[str, str],
    log: Path | None = None,
    command: str | None = None,
) -> Iterator[Server]:
    server = start(name, port, environment, log, command)
    try:
        yield server
    finally:
        server.terminate()


@dataclass(frozen=True)
class ProductionServer:
    """A production server: one app served one way, by a Procfile line or a documented
    alternative to it (the article's "production servers": gunicorn, uvicorn, both)."""

    id: str
    label: str
    app: str  # the Procfile name of the app: "flask" or "fastapi"
    command: str | None = None  # None: the Procfile's line for `app`
    # Whether `make up` and the compose stack serve the app this way.
    in_make_up: bool = True


PRODUCTION_SERVERS = (
    ProductionServer("gthread", "Flask on gunicorn (gthread)", "flask"),
    ProductionServer("uvicorn", "FastAPI on uvicorn", "fastapi"),
    ProductionServer(
        "gunicorn-uvicorn",
        "FastAPI on gunicorn with uvicorn workers",
        "fastapi",
        "gunicorn --config fastapi_app/gunicorn.conf.py "
        "--bind ${HOST:-127.0.0.1}:${FASTAPI_PORT:-8000} fastapi_app.asgi:app",
        in_make_up=False,
    ),
)


@contextmanager
def serving(
    production_server: ProductionServer,
    port: int,
    environment: Mapping[str, str],
    log: Path | None = None,
) -> Iterator[Server]:
    with running(
        production_server.app, port, environment, log, production_server.command
    ) as server:
        yield server
