"""The machine's lock on ports 5000 and 8000, the one `flock /tmp/twins-ports.lock` takes.

Every run that binds those ports holds it, so two never collide. A run started by
`flock /tmp/twins-ports.lock make test` finds the lock held by its own ancestor and goes on
inside it; taking it again would wait for ever on itself.
"""

import fcntl
import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from tools.containers.progress import say

LOCK = Path("/tmp/twins-ports.lock")  # noqa: S108 - the machine-wide name every run agrees on
WAIT_TIMEOUT_SECONDS = 20 * 60.0
WAIT_REPORT_EVERY_SECONDS = 60.0


class PortsLockTimeoutError(RuntimeError):
    pass


def flock_holders(path: Path, locks: str | None = None) -> set[int]:
    """PIDs holding a flock() on `path`, from /proc/locks (or `locks`, its text)."""
    status = path.stat()
    device = f"{os.major(status.st_dev):02x}:{os.minor(status.st_dev):02x}:{status.st_ino}"
    text = Path("/proc/locks").read_text() if locks is None else locks
    holders = set()
    for line in text.splitlines():
        fields = line.split()
        # "1: FLOCK ADVISORY WRITE 1234 00:1f:5678 0 EOF"; waiters read "1: -> FLOCK ...".
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5] == device:
            holders.add(int(fields[4]))
    return holders


def ancestors(pid: int | None = None) -> list[int]:
    """This process (or `pid`) and each of its parents up to init."""
    chain = [pid if pid is not None else os.getpid()]
    while chain[-1] > 1:
        stat = Path(f"/proc/{chain[-1]}/stat").read_text()
        # The command name may hold spaces and parentheses: the parent's PID follows the last ")".
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent <= 0:
            break
        chain.append(parent)
    return chain


class _Tick(Exception):
    """Raised by SIGALRM to interrupt a blocking flock() for a progress line."""


def _tick(signum: int, frame: FrameType | None) -> None:
    raise _Tick


def _acquire(descriptor: int, path: Path, timeout: float, report_every: float) -> str:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return f"taken by this run (PID {os.getpid()})"
    except BlockingIOError:
        pass
    ours = flock_holders(path) & set(ancestors())
    if ours:
        return f"held by PID {min(ours)}, which started this run"
    # Blocked in flock(), the kernel wakes us the moment the lock is free, as it wakes
    # `flock` commands; polling would lose that race to them every time.
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, _tick)
    try:
        while True:
            named = ", ".join(str(pid) for pid in sorted(flock_holders(path))) or "?"
            say(f"waiting for {path}, held by PID {named}")
            signal.alarm(max(1, round(report_every)))
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX)
                return f"taken by this run after {time.monotonic() - started:.0f} s of waiting"
            except _Tick:
                pass
            finally:
                signal.alarm(0)
            if time.monotonic() - started > timeout:
                raise PortsLockTimeoutError(
                    f"{path} still held by PID {named} after {timeout:.0f} s"
                )
    finally:
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def holding_ports_lock(
    path: Path = LOCK,
    timeout: float = WAIT_TIMEOUT_SECONDS,
    report_every: float = WAIT_REPORT_EVERY_SECONDS,
) -> Iterator[str]:
    """Hold the lock for the block, or go on inside an ancestor's; yields who holds it."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        yield _acquire(descriptor, path, timeout, report_every)
    finally:
        os.close(descriptor)  # which releases the lock if this run took it
