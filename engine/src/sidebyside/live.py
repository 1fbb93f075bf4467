"""Run a suite against both sides on real servers, then stop them.

    python -m sidebyside.live --reference "gunicorn -b 127.0.0.1:{port} shop.old:app" \\
        --candidate "uvicorn --port {port} shop.new:app" [--health "GET /health 200"] \\
        [--sbs-server-logs DIR] [PYTEST ARGS...]

Starts each command through the shell (so `rm -f db && exec server ...` works) with `{port}`
replaced by a free loopback port, waits until the server answers `--health` (a path, or a
method, a path and the status expected; by default any status below 500 to GET /), runs
`pytest --sbs-reference URL --sbs-candidate URL` plus PYTEST ARGS, and stops both servers
with SIGTERM to their process group (SIGKILL after a timeout). Each server's output goes to
a file of its own (in DIR, or a temporary folder kept only when something failed), named when
something fails. With `--sbs-find-noise` among the pytest arguments a second reference server
is started too and every request, writes included, is sent to it (`--sbs-second-reference`).
The exit status is pytest's, or 1 if a server could not start.
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
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


def stop_gracefully(process: "subprocess.Popen[bytes]", timeout: float, group: bool = False) -> int:
    """SIGTERM (to its whole process group with `group`: a shell and the server it started),
    then its exit status; if it has not exited within `timeout`, SIGKILL, and the
    TimeoutExpired is raised once the process is gone."""

    def signal_it(number: int) -> None:
        if group:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, number)
        else:
            process.send_signal(number)

    if process.poll() is None or group:
        signal_it(signal.SIGTERM)
    began = time.monotonic()
    try:
        status = process.wait(timeout)
        if group:
            # The shell may be gone before the server it started: wait for the whole group.
            while _group_alive(process.pid):
                if time.monotonic() - began > timeout:
                    raise subprocess.TimeoutExpired(str(process.args), timeout)
                time.sleep(0.05)
        return status
    except subprocess.TimeoutExpired:
        signal_it(signal.SIGKILL)
        process.wait()
        raise


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stopped_cleanly(exit_status: int) -> bool:
    # uvicorn re-raises the SIGTERM it handled once it has shut down gracefully (since
    # 0.29, encode/uvicorn#1600), so -SIGTERM is a clean exit as much as 0 is.
    return exit_status in (0, -signal.SIGTERM)


def answering(status: int) -> bool:
    """Any answer but a server error: the server is up."""
    return status < 500


@dataclass(frozen=True)
class Health:
    """The request that tells a server is up, and the status that says so (None: any status
    below 500)."""

    method: str = "GET"
    path: str = "/"
    status: int | None = None

    @classmethod
    def parse(cls, text: str) -> "Health":
        """`/health`, `GET /health`, `HEAD /health 204`."""
        words = text.split()
        method = words.pop(0).upper() if words and not words[0].startswith("/") else "GET"
        if not words or not words[0].startswith("/") or len(words) > 2:
            raise ValueError(f"a health check is [METHOD] /PATH [STATUS], not {text!r}")
        if len(words) == 2 and not words[1].isdigit():
            raise ValueError(f"a health check's status is a number, not {words[1]!r}")
        return cls(method, words[0], int(words[1]) if len(words) == 2 else None)

    def ready(self, status: int) -> bool:
        return status == self.status if self.status is not None else answering(status)

    def __str__(self) -> str:
        return f"{self.method} {self.path}" + (f" {self.status}" if self.status else "")


def wait_until_answering(
    process: "subprocess.Popen[bytes]",
    url: str,
    timeout: float = HEALTH_TIMEOUT_SECONDS,
    ready: Callable[[int], bool] = answering,
    name: str = "",
    method: str = "GET",
) -> float:
    """Seconds until `method` `url` answered with a status `ready` accepts; a ServerError if
    the process exits first or nothing is ready within `timeout`."""
    began = time.monotonic()
    called = name or f"the server for {url}"
    last = "no answer"
    while time.monotonic() - began < timeout:
        if process.poll() is not None:
            raise ServerError(f"{called} exited with {process.returncode}")
        try:
            # A generous timeout: a busy machine can take seconds to answer the first request.
            status = httpx2.request(method, url, timeout=5.0).status_code
            if ready(status):
                return time.monotonic() - began
            last = f"last answer {status}"
        except httpx2.TransportError:
            pass
        time.sleep(0.1)
    raise ServerError(f"{called} did not answer {method} {url} within {timeout:.0f} s ({last})")


@dataclass
class Server:
    """A server started here: its process, its base URL and, when it was given one, its log."""

    name: str
    url: str
    process: "subprocess.Popen[bytes]"
    log: Path | None = None
    stop_timeout: float = STOP_TIMEOUT_SECONDS
    # Started through a shell in a session of its own: stopped by process group.
    group: bool = False

    def log_tail(self, lines: int = 30) -> str:
        if self.log is None or not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def terminate(self) -> int:
        """SIGTERM, as an orchestrator sends it, then wait for a graceful exit."""
        return stop_gracefully(self.process, self.stop_timeout, self.group)


def start(
    command: Sequence[str] | str,
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
    method: str = "GET",
) -> Server:
    """Start `command` (which must listen at `url`) and wait until `method` url+health is
    `ready`. A command given as one string runs through the shell, in a session of its own,
    and is stopped with its whole process group.

    Its output goes to `log` when given (a server's access log would drown a test run's own
    output). A server that never gets ready is stopped, and the error carries the end of its
    log."""
    shell = isinstance(command, str)
    called = name or (command if isinstance(command, str) else command[0])
    try:
        with open(log or os.devnull, "ab") as output:
            process = subprocess.Popen(  # noqa: S603 - the caller's own server command
                command if isinstance(command, str) else list(command),
                shell=shell,
                start_new_session=shell,
                cwd=cwd,
                env=dict(environment) if environment is not None else None,
                stdout=output if log else None,
                stderr=subprocess.STDOUT if log else None,
            )
    except OSError as error:
        raise ServerError(f"cannot start {called}: {error}") from error
    server = Server(called, url, process, log, stop_timeout, shell)
    try:
        wait_until_answering(process, url + health, timeout, ready, called, method)
    except ServerError as error:
        with suppress(subprocess.TimeoutExpired):  # killed: it is gone either way
            server.terminate()
        tail = server.log_tail()
        said = str(error)
        if shell and process.returncode == 127:  # the shell's "command not found"
            said = f"cannot start {called}: the shell found no such command"
        told = f"{said}; the end of its output:\n{tail}" if tail else said
        raise ServerError(told) from error
    except BaseException:
        with suppress(subprocess.TimeoutExpired):
            server.terminate()
        raise
    return server


@contextmanager
def serving(
    command: str,
    health: str | Health = "/",
    log: Path | None = None,
    name: str = "",
    timeout: float = HEALTH_TIMEOUT_SECONDS,
) -> Iterator[str]:
    """The base URL of `command` started through the shell on a free port (its `{port}`),
    stopped afterwards; its output in `log` when given."""
    check = health if isinstance(health, Health) else Health.parse(health)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = start(
        command.format(port=port),
        base_url,
        name=name or command,
        health=check.path,
        ready=check.ready,
        method=check.method,
        log=log,
        timeout=timeout,
    )
    try:
        yield base_url
    finally:
        with suppress(subprocess.TimeoutExpired):  # killed: it is gone either way
            server.terminate()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sidebyside.live",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--reference", required=True, help="the reference's server command")
    parser.add_argument("--candidate", required=True, help="the candidate's server command")
    parser.add_argument(
        "--health",
        default="/",
        type=Health.parse,
        help='what answers once a server is up: "/health", or "GET /health 200"',
    )
    parser.add_argument(
        "--sbs-server-logs",
        metavar="DIR",
        type=Path,
        help="write each server's output to DIR/NAME.log (default: a temporary folder, kept "
        "and named only when something fails)",
    )
    options, pytest_args = parser.parse_known_args(argv)
    logs = options.sbs_server_logs or Path(tempfile.mkdtemp(prefix="sidebyside-servers-"))
    logs.mkdir(parents=True, exist_ok=True)
    names = ["reference", "candidate"]
    if "--sbs-find-noise" in pytest_args:
        names.append("second-reference")
    commands = {"reference": options.reference, "candidate": options.candidate}
    commands["second-reference"] = options.reference
    status = 1
    try:
        with ExitStack() as stack:
            urls: dict[str, str] = {}
            try:
                for name in names:
                    urls[name] = stack.enter_context(
                        serving(commands[name], options.health, logs / f"{name}.log", name)
                    )
            except ServerError as error:
                print(f"[sidebyside.live] {error}", flush=True)
                return status
            command = [
                *(sys.executable, "-m", "pytest"),
                *(f"--sbs-reference={urls['reference']}", f"--sbs-candidate={urls['candidate']}"),
                *(
                    [f"--sbs-second-reference={urls['second-reference']}"]
                    if "second-reference" in urls
                    else []
                ),
                *pytest_args,
            ]
            status = subprocess.call(command)  # noqa: S603 - this interpreter's pytest
            return status
    finally:
        if status != 0:
            shown = ", ".join(str(logs / f"{name}.log") for name in names)
            print(f"[sidebyside.live] the servers' output: {shown}", flush=True)
        elif options.sbs_server_logs is None:
            shutil.rmtree(logs, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
