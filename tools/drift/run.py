"""`make drift`: each version set's environment (built once, then kept), the differential
probes run in it one set at a time, and what they showed recorded under var/drift/results."""

import json
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.drift.environments import (
    ROOT,
    LockError,
    StaleLock,
    digest,
    ensure_environment,
    lock_is_current,
    lock_path,
)
from tools.drift.sets import VersionSet

RESULTS = ROOT / "var" / "drift" / "results"
PROBES = "parity_tests/differential/test_probes.py"
# Both twins built as the probes build them: the first import or call that fails on a set's
# releases is the reason it cannot run.
CAN_RUN = """
import flask_app, fastapi_app
from parity_tests.sides import client_for
from shared.settings import Settings
for factory in (flask_app.create_app, fastapi_app.create_app):
    with client_for(factory(Settings(database_url="sqlite://"))) as client:
        client.get("/")
"""


@dataclass(frozen=True)
class Progress:
    started: float
    total: int

    def say(self, index: int, version_set: VersionSet, what: str) -> None:
        elapsed = time.monotonic() - self.started
        step = f"set {index} of {self.total}" if self.total else f"bisection point {index}"
        print(f"[{step}, {elapsed:5.0f} s] {version_set.name}: {what}", flush=True)


def first_failure(stderr: str) -> str:
    """A traceback's last line, and the project's own frame nearest the failure."""
    lines = [line.strip() for line in stderr.strip().splitlines() if line.strip()]
    if not lines:
        return "no output"
    own = [
        line
        for line in lines
        if line.startswith('File "') and str(ROOT) in line and "/var/drift/" not in line
    ]
    where = own[-1].replace(str(ROOT) + "/", "") if own else ""
    # Paths relative to the checkout: the page reads the same from any clone.
    last = lines[-1].replace(str(ROOT) + "/", "")
    return f"{last} ({where})" if where else last


def run_set(
    index: int, version_set: VersionSet, progress: Progress, relock: bool = True
) -> dict[str, Any]:
    """Build or reuse the set's environment, then run the probes in it; what they showed,
    or why the twins cannot run there."""
    record: dict[str, Any] = {"set": version_set.name, "why": version_set.why}
    if lock_is_current(version_set):
        progress.say(index, version_set, "lock checked in")
    elif lock_path(version_set).exists():
        progress.say(index, version_set, "lock stale: the project's requirements changed")
    else:
        progress.say(index, version_set, "locking")
    try:
        environment = ensure_environment(version_set, relock)
    except StaleLock as stale:
        return record | {"status": "stale lock", "reason": str(stale)}
    except (LockError, subprocess.CalledProcessError) as failure:
        return record | {"status": "cannot build", "reason": str(failure).splitlines()[-1]}
    record["lock"] = digest(lock_path(version_set))
    progress.say(index, version_set, "built" if environment.built else "cached environment")
    python = str(environment.python)
    target = RESULTS / f"{version_set.name}.json"
    target.unlink(missing_ok=True)
    progress.say(index, version_set, "running the probes")
    probes = subprocess.run(  # noqa: S603 - our own commands, never a shell
        [
            python,
            "-m",
            "pytest",
            PROBES,
            "-q",
            # What each failure was is in the record; formatting hundreds of tracebacks is not.
            "--tb=no",
            "-p",
            "no:cacheprovider",
            "-p",
            "parity_tests.drift_record",
            "--drift-record",
            str(target),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    tail = (probes.stdout.strip().splitlines() or [""])[-1]
    shown: dict[str, Any] = json.loads(target.read_text()) if target.exists() else {}
    if not shown.get("differing"):
        # No case was judged: the first import or call that fails says why.
        can_run = subprocess.run(  # noqa: S603 - our own commands, never a shell
            [python, "-c", CAN_RUN], cwd=ROOT, capture_output=True, text=True, check=False
        )
        reason = first_failure(can_run.stderr if can_run.returncode else probes.stdout)
        progress.say(index, version_set, f"the twins cannot run: {reason}")
        return record | {"status": "cannot run", "reason": reason}
    progress.say(index, version_set, tail)
    return record | {"status": "ran", "pytest": tail} | shown


def run_sets(sets: Iterable[VersionSet], relock: bool = True) -> list[dict[str, Any]]:
    chosen = list(sets)
    progress = Progress(time.monotonic(), len(chosen))
    return [
        run_set(index, version_set, progress, relock) for index, version_set in enumerate(chosen, 1)
    ]


def save(records: list[dict[str, Any]], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(records, indent=1, sort_keys=True) + "\n")
