import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.containers.ports_lock import (
    PortsLockTimeoutError,
    ancestors,
    flock_holders,
    holding_ports_lock,
)


def hold_in_a_child(lock: Path, seconds: float) -> subprocess.Popen[bytes]:
    """A process that is not our ancestor, holding the lock for `seconds`."""
    code = (
        "import fcntl, sys, time; f = open(sys.argv[1], 'w'); fcntl.flock(f, fcntl.LOCK_EX); "
        "print('held', flush=True); time.sleep(float(sys.argv[2]))"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(lock), str(seconds)], stdout=subprocess.PIPE
    )
    assert child.stdout is not None
    assert child.stdout.readline() == b"held\n"
    return child


def test_the_holders_of_a_lock_are_read_from_proc_locks(tmp_path: Path) -> None:
    lock = tmp_path / "ports.lock"
    lock.touch()
    status = lock.stat()
    device = f"{os.major(status.st_dev):02x}:{os.minor(status.st_dev):02x}:{status.st_ino}"
    locks = (
        f"1: FLOCK  ADVISORY  WRITE 4242 {device} 0 EOF\n"
        f"1: -> FLOCK  ADVISORY  WRITE 5151 {device} 0 EOF\n"
        "2: POSIX  ADVISORY  READ 31999 fe:00:2148421 128 128\n"
        "3: FLOCK  ADVISORY  WRITE 6161 fe:00:1 0 EOF\n"
    )

    # The waiter (->), a POSIX lock and another file's lock are not holders of this one.
    assert flock_holders(lock, locks) == {4242}


def test_this_process_and_its_parent_are_among_its_ancestors() -> None:
    chain = ancestors()

    assert chain[:2] == [os.getpid(), os.getppid()]
    assert chain[-1] == 1 or len(chain) > 1


def test_a_free_lock_is_taken_and_released_after(tmp_path: Path) -> None:
    lock = tmp_path / "ports.lock"

    with holding_ports_lock(lock) as holder:
        assert holder == f"taken by this run (PID {os.getpid()})"
        assert flock_holders(lock) == {os.getpid()}

    assert flock_holders(lock) == set()


def test_a_lock_held_by_an_ancestor_is_gone_on_inside(tmp_path: Path) -> None:
    # As `flock LOCK make test` holds it for the run it starts; here this process holds it.
    lock = tmp_path / "ports.lock"
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)

        with holding_ports_lock(lock, timeout=0, report_every=1) as holder:
            assert holder == f"held by PID {os.getpid()}, which started this run"


def test_a_lock_held_by_another_process_is_waited_for(tmp_path: Path) -> None:
    lock = tmp_path / "ports.lock"
    child = hold_in_a_child(lock, seconds=3)

    with holding_ports_lock(lock, timeout=30, report_every=1) as holder:
        # Only once the child has let go.
        assert holder.startswith("taken by this run after")
    assert child.wait(10) == 0


def test_waiting_for_a_lock_held_too_long_fails(tmp_path: Path) -> None:
    lock = tmp_path / "ports.lock"
    child = hold_in_a_child(lock, seconds=30)
    try:
        with (
            pytest.raises(PortsLockTimeoutError, match=f"held by PID {child.pid}"),
            holding_ports_lock(lock, timeout=0, report_every=1),
        ):
            pass
    finally:
        child.kill()
        child.wait(10)
