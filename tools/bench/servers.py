"""Subjects as running processes: started pinned to one CPU on a free port, watched, stopped.

Every process the harness starts is stopped by its own PID (SIGTERM, then SIGKILL if it
lingers), and its whole tree is sampled for memory and CPU time.
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2
import psutil

# The engine's server helpers: a subject that did not start, or died, is its ServerError.
from sidebyside.live import ServerError as ServerError
from sidebyside.live import free_port

from tools.bench.priority import priority_prefix, raise_session
from tools.bench.subjects import ROOT, Subject

READY_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 15.0


def scripts_on_path(environment: Mapping[str, str]) -> dict[str, str]:
    """`environment` with this interpreter's scripts (gunicorn, uvicorn, granian) first."""
    scripts = str(Path(sys.executable).parent)
    return {**environment, "PATH": os.pathsep.join([scripts, environment.get("PATH", "")])}


def process_environment(subject: Subject, environment: Mapping[str, str]) -> dict[str, str]:
    """The run's environment, then the server's settings, then the app's own (its recipes, its
    migration step): the more specific wins."""
    return scripts_on_path({**environment, **subject.server.environment, **subject.app.environment})


@dataclass
class RunningServer:
    subject: Subject
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def tree(self) -> list[psutil.Process]:
        try:
            parent = psutil.Process(self.process.pid)
            return [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def worker_rss_mb(self) -> float:
        """The resident memory of the largest process of the tree: the one holding the app."""
        sizes = []
        for process in self.tree():
            try:
                sizes.append(process.memory_info().rss)
            except psutil.NoSuchProcess:
                continue
        return max(sizes, default=0) / 2**20

    def cpu_seconds(self) -> float:
        """User and system CPU time used so far by every process of the tree."""
        total = 0.0
        for process in self.tree():
            try:
                times = process.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system
        return total

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_tail(self, lines: int = 20) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            for process in reversed(self.tree()):
                process.kill()
            self.process.wait()


def launch(
    subject: Subject, environment: Mapping[str, str], log: Path, cpu: int | None
) -> RunningServer:
    """Start `subject` (without waiting for it to answer)."""
    port = free_port()
    command = subject.server.command(subject.app, port)
    if cpu is not None:
        # Pinned before it starts, so that every process and thread it makes inherits the CPU.
        command = ["taskset", "-c", str(cpu), *command]
    command = [*priority_prefix(), *command]
    env = scripts_on_path({**environment, **subject.server.environment, **subject.app.environment})
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as output:
        process = subprocess.Popen(  # noqa: S603 - a server command built by tools.bench.subjects
            command,
            cwd=subject.app.tree or ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    raise_session(process.pid)
    return RunningServer(subject, f"http://127.0.0.1:{port}", process, log)


def wait_until_ready(server: RunningServer, timeout_s: float = READY_TIMEOUT_S) -> None:
    """Until GET / answers 200; a server that exits or never answers is an error."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not server.alive():
            raise ServerError(
                f"{server.subject.label} exited with {server.process.returncode}:\n"
                f"{server.log_tail()}"
            )
        try:
            if httpx2.get(server.url + "/", timeout=2.0).status_code == 200:
                return
        except httpx2.TransportError:
            pass
        time.sleep(0.1)
    raise ServerError(f"{server.subject.label} did not answer within {timeout_s:.0f} s")


@contextmanager
def running(
    subjects: list[Subject], environment: Mapping[str, str], logs: Path, cpu: int | None
) -> Iterator[dict[str, RunningServer]]:
    """All `subjects` up, each on its own port; all stopped on the way out.

    Started one after the other, each answering before the next starts: they share one CPU,
    so starting them together would save nothing, and each would wait for its start-up on
    every other's (three dozen servers importing their apps at once outlast any timeout).
    """
    servers: dict[str, RunningServer] = {}
    try:
        for subject in subjects:
            servers[subject.key] = launch(subject, environment, logs / f"{subject.key}.log", cpu)
            wait_until_ready(servers[subject.key])
        yield servers
    finally:
        for server in servers.values():
            server.stop()
