"""Both apps on their real servers, started from the Procfile exactly as `make up` starts them.

Live parity runs and the deployment tests use this: each server is the Procfile's command,
run by `sh -c "exec ..."` so that the server itself receives our signals.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2

# The engine owns these; the twins' servers, tests and containers import them from here.
from sidebyside.live import free_port as free_port
from sidebyside.live import stop_gracefully as stop_gracefully

ROOT = Path(__file__).resolve().parents[1]
PROCFILE = ROOT / "Procfile"
# Generous: on a loaded machine (two cores, several test runs) a cold start took over 30 s.
HEALTH_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 40.0
PORT_VARIABLES = {"flask": "FLASK_PORT", "fastapi": "FASTAPI_PORT"}


class ServerError(RuntimeError):
    """A server could not be started: its port is taken, it exited, or it never got healthy."""


def procfile_commands(path: Path = PROCFILE) -> dict[str, str]:
    """The Procfile as {process name: shell command}."""
    commands = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, separator, command = line.partition(":")
        if separator and not line.startswith("#"):
            commands[name.strip()] = command.strip()
    return commands


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((host, port)) != 0


def stopped_cleanly(exit_status: int) -> bool:
    # uvicorn re-raises the SIGTERM it handled once it has shut down gracefully (since
    # 0.29, encode/uvicorn#1600), so -SIGTERM is a clean exit as much as 0 is.
    return exit_status in (0, -signal.SIGTERM)


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen[bytes]
    log: Path | None = None

    def log_tail(self, lines: int = 30) -> str:
        if self.log is None or not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def terminate(self) -> int:
        """SIGTERM, as an orchestrator sends it, then wait for a graceful exit."""
        return stop_gracefully(self.process, STOP_TIMEOUT_SECONDS)


def server_environment(base: Mapping[str, str]) -> dict[str, str]:
    """`base` with this interpreter's scripts (gunicorn, uvicorn) first on PATH."""
    scripts = str(Path(sys.executable).parent)
    return {**base, "PATH": os.pathsep.join([scripts, base.get("PATH", os.defpath)])}


def start(
    name: str,
    port: int,
    environment: Mapping[str, str],
    log: Path | None = None,
    command: str | None = None,
) -> Server:
    """Start one Procfile process on 127.0.0.1:port and wait until /health answers 200.

    Its output goes to `log` when given (access logs would drown a test run's own). `command`
    replaces the Procfile's line for `name`, for a set-up the Procfile does not run; it reads
    the same HOST and port variables.
    """
    if not port_is_free(port):
        raise ServerError(f"port {port} is in use: stop whatever serves it (make up?)")
    env = server_environment({**environment, PORT_VARIABLES[name]: str(port), "HOST": "127.0.0.1"})
    with open(log or os.devnull, "ab") as output:
        process = subprocess.Popen(  # noqa: S603 - our own Procfile, run as make up runs it
            ["/bin/sh", "-c", f"exec {command or procfile_commands()[name]}"],
            cwd=ROOT,
            env=env,
            stdout=output if log else None,
            stderr=subprocess.STDOUT if log else None,
        )
    server = Server(name, f"http://127.0.0.1:{port}", process, log)
    try:
        wait_until_healthy(server)
    except ServerError as error:
        server.terminate()
        raise ServerError(f"{error}; the end of its output:\n{server.log_tail()}") from error
    except BaseException:
        server.terminate()
        raise
    return server


def wait_until_healthy(server: Server, timeout: float = HEALTH_TIMEOUT_SECONDS) -> float:
    """Seconds until GET /health answered 200; fails if the server exits or takes too long."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if server.process.poll() is not None:
            raise ServerError(f"{server.name} exited with {server.process.returncode}")
        try:
            # A generous timeout: a busy machine can take seconds to answer the first request.
            if httpx2.get(f"{server.url}/health", timeout=5.0).status_code == 200:
                return time.monotonic() - started
        except httpx2.TransportError:
            pass
        time.sleep(0.1)
    raise ServerError(f"{server.name} did not answer /health within {timeout:.0f} s")


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
class Setup:
    """One way of serving one app: a Procfile line, or a documented alternative to it."""

    id: str
    label: str
    app: str  # the Procfile name of the app: "flask" or "fastapi"
    command: str | None = None  # None: the Procfile's line for `app`
    # Whether `make up` and the compose stack serve the app this way.
    in_make_up: bool = True


SETUPS = (
    Setup("gthread", "Flask on gunicorn (gthread)", "flask"),
    Setup("uvicorn", "FastAPI on uvicorn", "fastapi"),
    Setup(
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
    setup: Setup, port: int, environment: Mapping[str, str], log: Path | None = None
) -> Iterator[Server]:
    with running(setup.app, port, environment, log, setup.command) as server:
        yield server
