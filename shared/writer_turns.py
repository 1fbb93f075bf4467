"""Writers to one SQLite file take turns: threads through a lock of their process, processes
through a file lock beside the database.

SQLite lets one writer at a time hold a database; the others wait in its busy handler, which
tries again after longer and longer sleeps (up to 100 ms each). Under load that is unfair: a
writer that has waited a while sleeps through every moment the lock is free, newcomers that try
every millisecond take it, and with a hundred writer threads across four server processes some
waited past the busy timeout (a 503). Here a thread queues for its process's turn, which is
handed to the longest waiter as soon as it is given back, and one writer per process tries the
file lock at a steady pace, so every process gets its turn; SQLite itself then never has more
than one writer waiting.
"""

import fcntl
import os
import threading
import time
import weakref
from collections import deque
from pathlib import Path

# How often the one waiting writer of a process tries the file lock: steady, never backing off.
FILE_LOCK_POLL_SECONDS = 0.001


class QueuedLock:
    """A lock its waiters get in the order they asked for it: a thread lock lets a newcomer
    take it ahead of threads that have waited long, and under load some waited many turns.
    Releasing hands the lock straight to the longest waiter."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._held = False
        self._waiting: deque[threading.Event] = deque()

    def acquire(self, timeout: float) -> bool:
        with self._guard:
            if not self._held:
                self._held = True
                return True
            handed = threading.Event()
            self._waiting.append(handed)
        if handed.wait(timeout):
            return True
        with self._guard:
            if handed.is_set():  # handed over as the wait ran out: it is this thread's now
                return True
            self._waiting.remove(handed)
            return False

    @property
    def queued(self) -> int:
        """How many threads wait for the lock."""
        with self._guard:
            return len(self._waiting)

    def release(self) -> None:
        with self._guard:
            if self._waiting:
                self._waiting.popleft().set()
            else:
                self._held = False


class WriterTurns:
    """Turns to write one SQLite file, for the threads of this process and for other processes
    that use a WriterTurns on the same file (`lock_path`; None for a private in-memory one)."""

    def __init__(self, lock_path: Path | None) -> None:
        self._threads = QueuedLock()
        self._lock_path = lock_path
        self._descriptor: int | None = None
        self._opened_by = 0

    def take(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for this thread's turn; False if it did not come."""
        deadline = time.monotonic() + timeout
        if not self._threads.acquire(timeout=timeout):
            return False
        if self._lock_path is None:
            return True
        descriptor = self._open()
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self._threads.release()
                    return False
                time.sleep(FILE_LOCK_POLL_SECONDS)

    def give_back(self) -> None:
        if self._descriptor is not None:
            fcntl.flock(self._descriptor, fcntl.LOCK_UN)
        self._threads.release()

    def _open(self) -> int:
        # Opened once per process, by the thread that holds the process's turn (a descriptor
        # inherited across a fork would share its lock with the parent); closed with this.
        if self._descriptor is None or self._opened_by != os.getpid():
            assert self._lock_path is not None
            self._descriptor = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            self._opened_by = os.getpid()
            weakref.finalize(self, os.close, self._descriptor)
        return self._descriptor
