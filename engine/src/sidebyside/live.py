"""Run a suite against both sides on real servers, then stop them.

    python -m sidebyside.live --reference "gunicorn -b 127.0.0.1:{port} shop.old:app" \\
        --candidate "uvicorn --port {port} shop.new:app" [--health /health] [PYTEST ARGS...]

Starts each command with `{port}` replaced by a free loopback port, waits until the server
answers `--health` (any status below 500), runs `pytest --sbs-reference URL --sbs-candidate
URL` plus PYTEST ARGS, and stops both servers with SIGTERM (SIGKILL after a timeout). The exit
status is pytest's, or 1 if a server could not start.
"""

import argparse
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import httpx2

HEALTH_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 20.0


class ServerError(RuntimeError):
    """A server could not be started: its command failed, it exited, or it never answered."""


def free_port() -> int:
    """A port nothing listens on now, so that the servers started here collide with none."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Whether nothing accepts connections on the port (a fixed port may be taken)."""
    with socket.socket() as probe:
        return probe.connect_ex((host, port)) != 0


def stop_gracefully(process: "subprocess.Popen[bytes]", timeout: float) -> int:
    """SIGTERM, then its exit status; if it has not exited within `timeout`, SIGKILL, and the
    TimeoutExpired is raised once the process is gone."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise


def stopped_cleanly(exit_status: int) -> bool:
    # uvicorn re-raises the SIGTERM it handled once it has shut down gracefully (since
    # 0.29, encode/uvicorn#1600), so -SIGTERM is a clean exit as much as 0 is.
    return exit_status in (0, -signal.SIGTERM)


def answering(status: int) -> bool:
    """Any answer but a server error: the server is up."""
    return status < 500


def wait_until_answering(
    process: "subprocess.Popen[bytes]",
    url: str,
    timeout: float = HEALTH_TIMEOUT_SECONDS,
    ready: Callable[[int], bool] = answering,
    name: str = "",
) -> float:
    """Seconds until GET `url` answered with a status `ready` accepts; a ServerError if the
    process exits first or nothing is ready within `timeout`."""
    began = time.monotonic()
    called = name or f"the server for {url}"
    while time.monotonic() - began < timeout:
        if process.poll() is not None:
            raise ServerError(f"{called} exited with {process.returncode}")
        try:
            # A generous timeout: a busy machine can take seconds to answer the first request.
            if ready(httpx2.get(url, timeout=5.0).status_code):
                return time.monotonic() - began
        except httpx2.TransportError:
            pass
        time.sleep(0.1)
    raise ServerError(f"{called} did not answer {url} within {timeout:.0f} s")


@dataclass
class Server:
    """A server started here: its process, its base URL and, when it was given one, its log."""

    name: str
    url: str
    process: "subprocess.Popen[bytes]"
    log: Path | None = None
    stop_timeout: float = STOP_TIMEOUT_SECONDS

    def log_tail(self, lines: int = 30) -> str:
        if self.log is None or not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def terminate(self) -> int:
        """SIGTERM, as an orchestrator sends it, then wait for a graceful exit."""
        return stop_gracefully(self.process, self.stop_timeout)


def start(
    command: Sequence[str],
    url: str,
    *,
    name: str = "",
    health: str = "/",
    ready: Callable[[int], bool] = answering,
    environment: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    log: Path | None = None,
    timeout: float = HEALTH_TIMEOUT_SECONDS,
    stop_timeout: float = STOP_TIMEOUT_SECONDS,
) -> Server:
    """Start `command` (which must listen at `url`) and wait until GET url+health is `ready`.

    Its output goes to `log` when given (a server's access log would drown a test run's own
    output). A server that never gets ready is stopped, and the error carries the end of its
    log."""
    called = name or command[0]
    try:
        with open(log or os.devnull, "ab") as output:
            process = subprocess.Popen(  # noqa: S603 - the caller's own server command
                list(command),
                cwd=cwd,
                env=dict(environment) if environment is not None else None,
                stdout=output if log else None,
                stderr=subprocess.STDOUT if log else None,
            )
    except OSError as error:
        raise ServerError(f"cannot start {called}: {error}") from error
    server = Server(called, url, process, log, stop_timeout)
    try:
        wait_until_answering(process, url + health, timeout, ready, called)
    except ServerError as error:
        with suppress(subprocess.TimeoutExpired):  # killed: it is gone either way
            server.terminate()
        tail = server.log_tail()
        told = f"{error}; the end of its output:\n{tail}" if tail else str(error)
        raise ServerError(told) from error
    except BaseException:
        with suppress(subprocess.TimeoutExpired):
            server.terminate()
        raise
    return server


@contextmanager
def serving(command: str, health: str = "/") -> Iterator[str]:
    """The base URL of `command` started on a free port (its `{port}`), stopped afterwards."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = start(shlex.split(command.format(port=port)), base_url, name=command, health=health)
    try:
        yield base_url
    finally:
        with suppress(subprocess.TimeoutExpired):  # killed: it is gone either way
            server.terminate()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sidebyside.live", description=__doc__)
    parser.add_argument("--reference", required=True, help="the reference's server command")
    parser.add_argument("--candidate", required=True, help="the candidate's server command")
    parser.add_argument("--health", default="/", help="a path that answers once it is up")
    options, pytest_args = parser.parse_known_args(argv)
    with ExitStack() as stack:
        try:
            reference = stack.enter_context(serving(options.reference, options.health))
            candidate = stack.enter_context(serving(options.candidate, options.health))
        except ServerError as error:
            print(f"[sidebyside.live] {error}", flush=True)
            return 1
        command = [
            *(sys.executable, "-m", "pytest"),
            *(f"--sbs-reference={reference}", f"--sbs-candidate={candidate}"),
            *pytest_args,
        ]
        return subprocess.call(command)  # noqa: S603 - this interpreter's pytest


if __name__ == "__main__":
    sys.exit(main())
