"""Run a suite against both sides on real servers, then stop them.

    python -m sidebyside.live --reference "gunicorn -b 127.0.0.1:{port} shop.old:app" \\
        --candidate "uvicorn --port {port} shop.new:app" [--health /health] [PYTEST ARGS...]

Starts each command with `{port}` replaced by a free loopback port, waits until the server
answers `--health` (any status below 500), runs `pytest --sbs-reference URL --sbs-candidate
URL` plus PYTEST ARGS, and stops both servers with SIGTERM (SIGKILL after a timeout). The exit
status is pytest's, or 1 if a server could not start.
"""

import argparse
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress

import httpx2

HEALTH_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 20.0


class ServerError(RuntimeError):
    """A server exited or never answered."""


def free_port() -> int:
    """A port nothing listens on now, so that the servers started here collide with none."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


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


def wait_until_answering(
    process: "subprocess.Popen[bytes]", url: str, timeout: float = HEALTH_TIMEOUT_SECONDS
) -> None:
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        if process.poll() is not None:
            raise ServerError(f"the server for {url} exited with {process.returncode}")
        try:
            if httpx2.get(url, timeout=5.0).status_code < 500:
                return
        except httpx2.TransportError:
            pass
        time.sleep(0.1)
    raise ServerError(f"{url} did not answer within {timeout:.0f} s")


@contextmanager
def serving(command: str, health: str = "/") -> Iterator[str]:
    """The base URL of `command` started on a free port (its `{port}`), stopped afterwards."""
    port = free_port()
    try:
        process = subprocess.Popen(shlex.split(command.format(port=port)))  # noqa: S603 - the user's
    except OSError as error:
        raise ServerError(f"cannot start {command!r}: {error}") from error
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(process, base_url + health)
        yield base_url
    finally:
        with suppress(subprocess.TimeoutExpired):  # killed: it is gone either way
            stop_gracefully(process, STOP_TIMEOUT_SECONDS)


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
