"""What a run was measured on: the CPU, the cores, the load beside it, every version."""

import os
import platform
import subprocess
import time
from importlib import metadata
from typing import Any

from tools.bench.priority import NICENESS, can_raise
from tools.bench.wrk import wrk_path

PACKAGES = (
    "flask",
    "werkzeug",
    "flask-pydantic",
    "flask-cors",
    "flask-admin",
    "fastapi",
    "starlette",
    "sqladmin",
    "pydantic",
    "pydantic-core",
    "sqlalchemy",
    "jinja2",
    "gunicorn",
    "uvicorn",
    "uvicorn-worker",
    "uvloop",
    "httptools",
    "granian",
    "gevent",
)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def wrk_version() -> str:
    # `wrk -v` prints its version line and usage, and exits non-zero.
    completed = subprocess.run(  # noqa: S603 - wrk's own version flag
        [wrk_path(), "-v"], capture_output=True, text=True, check=False
    )
    return (completed.stdout or completed.stderr).splitlines()[0].strip()


def versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "wrk": wrk_version()}
    for package in PACKAGES:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


BUSY_SAMPLE_S = 2.0


def cpu_times() -> tuple[int, int]:
    """All CPUs' time since boot and the idle part of it (iowait included), in clock ticks."""
    with open("/proc/stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:]]
    return sum(fields), fields[3] + fields[4]


def cpus_busy(seconds: float = BUSY_SAMPLE_S) -> float | None:
    """How many CPUs' worth of time the machine spent busy over the next `seconds`.

    Taken before the benchmark starts anything, it is other work's use of the machine. The load
    average cannot tell this: it decays over minutes, so it still counts work that has ended.
    None where /proc/stat cannot be read.
    """
    try:
        total_before, idle_before = cpu_times()
        time.sleep(seconds)
        total_after, idle_after = cpu_times()
    except (OSError, ValueError, IndexError):
        return None
    total = total_after - total_before
    if total <= 0:
        return None
    busy_share = 1 - (idle_after - idle_before) / total
    return round(busy_share * (os.cpu_count() or 1), 2)


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def describe(server_cpu: int | None, wrk_cpu: int | None) -> dict[str, Any]:
    return {
        "cpu_model": cpu_model(),
        "cores": os.cpu_count(),
        "usable_cpus": sorted(os.sched_getaffinity(0)),
        "server_cpu": server_cpu,
        "load_generator_cpu": wrk_cpu,
        "platform": platform.platform(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "load_average_at_start": load_average(),
        "cpus_busy_at_start": cpus_busy(),
        "niceness": NICENESS if can_raise() else 0,
    }


def pinned_cpus() -> tuple[int | None, int | None]:
    """One CPU for the servers and another for wrk, or no pinning on a one-CPU machine."""
    usable = sorted(os.sched_getaffinity(0))
    if len(usable) < 2:
        return None, None
    return usable[0], usable[1]
