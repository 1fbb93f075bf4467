"""wrk, the load generator: one run, its summary read from the JSON that report.lua writes.

wrk's own CPU time comes from the kernel's accounting of the finished process (wait4), so a
case where the load generator and not the server was the limit can be told apart.
"""

import json
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from tools.bench.priority import priority_prefix, raise_session
from tools.bench.workloads import Workload

SCRIPT = Path(__file__).parent / "wrk" / "report.lua"
# Long enough for the slowest honest case (the Flask twin's /async queue at 100 connections):
# a request slower than this is a socket error, and the case fails.
REQUEST_TIMEOUT_SECONDS = 10
THREADS = 1


class WrkError(RuntimeError):
    """wrk is missing, exited with an error, or wrote no summary."""


@dataclass(frozen=True)
class Errors:
    connect: int
    read: int
    write: int
    timeout: int
    # Responses with a status of 400 or more: wrk counts those, not other non-2xx ones.
    status: int

    @property
    def socket(self) -> int:
        return self.connect + self.read + self.write + self.timeout


@dataclass(frozen=True)
class WrkResult:
    requests: int
    duration_s: float
    errors: Errors
    p50_ms: float
    p90_ms: float
    p99_ms: float
    mean_ms: float
    cpu_s: float

    @property
    def requests_per_s(self) -> float:
        return self.requests / self.duration_s if self.duration_s > 0 else 0.0

    @property
    def cpu_share(self) -> float:
        """wrk's CPU time over the run's wall time: 1.0 is its one thread busy all along."""
        return self.cpu_s / self.duration_s if self.duration_s > 0 else 0.0


def wrk_path() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise WrkError("wrk is not installed: `make bench` installs it (apt-get install wrk)")
    return found


def parse_summary(text: str, cpu_s: float) -> WrkResult:
    """The JSON written by report.lua's done(), as a result."""
    try:
        summary = json.loads(text)
        errors = summary["errors"]
        latency = summary["latency_us"]
        return WrkResult(
            requests=int(summary["requests"]),
            duration_s=int(summary["duration_us"]) / 1e6,
            errors=Errors(
                connect=int(errors["connect"]),
                read=int(errors["read"]),
                write=int(errors["write"]),
                timeout=int(errors["timeout"]),
                status=int(errors["status"]),
            ),
            p50_ms=latency["p50"] / 1000,
            p90_ms=latency["p90"] / 1000,
            p99_ms=latency["p99"] / 1000,
            mean_ms=latency["mean"] / 1000,
            cpu_s=cpu_s,
        )
    except (ValueError, KeyError, TypeError) as error:
        raise WrkError(f"wrk's summary is not what report.lua writes: {text[:200]!r}") from error


def request_environment(workload: Workload, unique_tag: str) -> dict[str, str]:
    environment = {"BENCH_METHOD": workload.method}
    if workload.body is not None:
        environment["BENCH_BODY"] = workload.body
        environment["BENCH_CONTENT_TYPE"] = "application/json"
    if workload.unique_email:
        environment["BENCH_UNIQUE_EMAIL"] = unique_tag
    return environment


def run(
    url: str,
    workload: Workload,
    duration_s: int,
    cpu: int | None,
    unique_tag: str = "bench",
) -> WrkResult:
    """Load `url` with `workload` for `duration_s` whole seconds, on CPU `cpu` when given."""
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as scratch:
        report = Path(scratch) / "summary.json"
        output = Path(scratch) / "output.txt"
        command = [
            wrk_path(),
            f"-t{THREADS}",
            f"-c{workload.connections}",
            f"-d{duration_s}s",
            f"--timeout={REQUEST_TIMEOUT_SECONDS}s",
            "-s",
            str(SCRIPT),
            url + workload.path,
        ]
        if cpu is not None:
            command = ["taskset", "-c", str(cpu), *command]
        command = [*priority_prefix(), *command]
        environment = {
            **os.environ,
            **request_environment(workload, unique_tag),
            "BENCH_REPORT": str(report),
        }
        with output.open("wb") as sink:
            process = subprocess.Popen(  # noqa: S603 - wrk, with arguments built above
                command,
                stdout=sink,
                stderr=subprocess.STDOUT,
                env=environment,
                start_new_session=True,
            )
        raise_session(process.pid)
        status, cpu_s = _wait_with_rusage(process, duration_s + REQUEST_TIMEOUT_SECONDS + 10)
        if status != 0 or not report.exists():
            raise WrkError(
                f"wrk exited with {status} and wrote no summary: "
                f"{output.read_text(errors='replace')[-500:]}"
            )
        return parse_summary(report.read_text(), cpu_s)


def _wait_with_rusage(process: subprocess.Popen[bytes], timeout_s: float) -> tuple[int, float]:
    """The exit status and the user+system CPU seconds of a finished child; killed if late."""
    watchdog = threading.Timer(timeout_s, process.kill)
    watchdog.start()
    try:
        _pid, wait_status, usage = os.wait4(process.pid, 0)
    finally:
        watchdog.cancel()
    # Popen must not reap the pid again: record what wait4 found.
    process.returncode = os.waitstatus_to_exitcode(wait_status)
    return process.returncode, usage.ru_utime + usage.ru_stime
