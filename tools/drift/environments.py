"""Each version set's environment: a lock made with the project's lock tool (checked in under
tools/drift/locks, so the matrix is reproducible) and a virtual environment built from it under
var/drift/envs, kept between runs and rebuilt only when its lock changes."""

import hashlib
import os
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tools.drift.sets import VersionSet

ROOT = Path(__file__).resolve().parents[2]
LOCKS = ROOT / "tools" / "drift" / "locks"
ENVS = ROOT / "var" / "drift" / "envs"
UV = ROOT / ".tools" / "bin" / "uv"
# What the probes need beside the apps: the test runner and the engine's own requirements
# (the engine itself is installed from engine/ as the project's environment installs it).
NOT_NEEDED = re.compile(r"^(sidebyside|ruff|mypy|types-)", re.IGNORECASE)


class StaleLock(RuntimeError):
    """A set's checked-in lock predates the project's requirements."""


INPUTS_PREFIX = "# resolved from inputs with sha256 "


class LockError(RuntimeError):
    """The lock tool found no versions that satisfy a set's pins."""


def package_name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower()


def requirements_in(version_set: VersionSet) -> list[str]:
    """The project's requirements (its own and its dev extra), each varied package replaced
    by the set's specifier for it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = version_set.requirements()
    declared = [
        requirement
        for requirement in project["dependencies"] + project["optional-dependencies"]["dev"]
        if not NOT_NEEDED.match(requirement)
    ]
    # A replaced requirement keeps its extras (flask[async]).
    extras = {
        package_name(requirement): found.group(0)
        for requirement in declared
        if (found := re.search(r"\[[^]]*\]", requirement))
    }
    kept = [requirement for requirement in declared if package_name(requirement) not in wanted]
    return [
        *kept,
        *(
            f"{package}{extras.get(package, '')}{specifier}"
            for package, specifier in sorted(wanted.items())
        ),
        # Starlette's TestClient drives the app through httpx before Starlette 1.0.
        "httpx",
    ]


def lock_path(version_set: VersionSet) -> Path:
    return LOCKS / f"{version_set.name}.txt"


def lock_inputs(version_set: VersionSet) -> tuple[str, str]:
    """What the lock tool resolves for a set: its requirements, and its pins as overrides."""
    lines = requirements_in(version_set)
    requirements = "".join(f"{line}\n" for line in lines)
    overrides = "".join(f"{line}\n" for line in lines if package_name(line) in version_set.pins)
    return requirements, overrides


def inputs_line(version_set: VersionSet) -> str:
    """The lock's first line: a digest of what it was resolved from, so that a dependency the
    project adds (or a set's pin that moves) shows as a stale lock, not as twins that cannot
    import it."""
    requirements, overrides = lock_inputs(version_set)
    inputs = hashlib.sha256(f"{requirements}\0{overrides}".encode()).hexdigest()
    return f"{INPUTS_PREFIX}{inputs}"


def lock_is_current(version_set: VersionSet) -> bool:
    target = lock_path(version_set)
    if not target.exists():
        return False
    first = target.read_text().split("\n", 1)[0]
    return first == inputs_line(version_set)


def lock(version_set: VersionSet) -> Path:
    """Resolve the set's requirements into its lock file. The set's pins are also overrides,
    so that a plugin's bound (flask-admin's on Flask, sqladmin's on Starlette) cannot veto
    the release under test: whether the twins then run is what the matrix reports. The lock
    tool keeps an existing lock's versions where they still satisfy, so re-locking after a
    new dependency moves only what must move."""
    LOCKS.mkdir(parents=True, exist_ok=True)
    requirements, overrides = lock_inputs(version_set)
    work = ENVS.parent / "inputs" / version_set.name
    work.mkdir(parents=True, exist_ok=True)
    (work / "requirements.in").write_text(requirements)
    (work / "overrides.txt").write_text(overrides)
    target = lock_path(version_set)
    result = subprocess.run(  # noqa: S603 - our own commands, never a shell
        [
            str(UV),
            "pip",
            "compile",
            "--quiet",
            "--python",
            sys.executable,
            "--python-version",
            "3.11",
            "--no-header",
            "--no-annotate",
            "--override",
            str(work / "overrides.txt"),
            "--output-file",
            str(target),
            str(work / "requirements.in"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=os.environ | {"UV_PYTHON_DOWNLOADS": "never"},
    )
    if result.returncode != 0:
        raise LockError(result.stderr.strip() or result.stdout.strip())
    resolved = target.read_text()
    if resolved.startswith(INPUTS_PREFIX):
        resolved = resolved.split("\n", 1)[1]
    target.write_text(f"{inputs_line(version_set)}\n{resolved}")
    return target


@dataclass(frozen=True)
class Environment:
    path: Path
    built: bool  # False: reused from an earlier run

    @property
    def python(self) -> Path:
        return self.path / "bin" / "python"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ensure_environment(version_set: VersionSet, relock: bool) -> Environment:
    """The set's environment, built from its lock unless one built from this very lock is
    there already. A lock made from other inputs is made again when `relock` says so (a
    deliberate refresh, `make drift`), and refused otherwise (a test run never rewrites a
    checked-in lock)."""
    target = lock_path(version_set)
    if not lock_is_current(version_set):
        if target.exists() and not relock:
            raise StaleLock(
                f"the lock of {version_set.name} was resolved from other requirements than "
                "the project's: run `python -m tools.drift lock`"
            )
        lock(version_set)
    path = ENVS / version_set.name
    stamp = path / ".lock-digest"
    wanted = digest(target)
    if stamp.exists() and stamp.read_text() == wanted:
        return Environment(path, built=False)
    env = os.environ | {"UV_PYTHON_DOWNLOADS": "never", "VIRTUAL_ENV": str(path)}
    steps = (
        [str(UV), "venv", "--quiet", "--clear", "--python", sys.executable, str(path)],
        [str(UV), "pip", "sync", "--quiet", "--python", str(path / "bin" / "python"), str(target)],
        [
            str(UV),
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--python",
            str(path / "bin" / "python"),
            "--editable",
            str(ROOT / "engine"),
        ],
    )
    for step in steps:
        subprocess.run(step, check=True, env=env)  # noqa: S603 - uv with our arguments
    stamp.write_text(wanted)
    return Environment(path, built=True)
