"""The priority the servers and wrk run at, on a machine shared with other work.

The scheduler shares a CPU by thread, and (with autogroups, Linux's default for desktops and
many VMs) by session first: a one-thread server (uvicorn) would get a smaller slice of its CPU
than a many-thread one (gunicorn gthread) beside the same neighbours, and `nice` alone would
only rank processes within their own session. So each server and each wrk run starts in a
session of its own whose autogroup gets the highest priority, where this user may set it
(root); a few seconds at a time, the measured process then has its CPU nearly to itself.
"""

import os
from pathlib import Path

NICENESS = -20


def can_raise() -> bool:
    return os.geteuid() == 0


def priority_prefix() -> list[str]:
    """`nice -n -20` where this user may raise priority, else nothing."""
    return ["nice", "-n", str(NICENESS)] if can_raise() else []


def raise_session(pid: int) -> bool:
    """Give the autogroup of `pid` (a session leader) the highest priority; False if not done."""
    autogroup = Path(f"/proc/{pid}/autogroup")
    if not can_raise() or not autogroup.exists():
        return False
    try:
        autogroup.write_text(str(NICENESS))
    except OSError:
        return False
    return True
