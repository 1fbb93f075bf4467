"""One module's mutation run: cosmic-ray's session, in a copy of the repository of its own.

cosmic-ray writes each mutant into the module on disk and runs the test command; so each run
works in a scratch copy of the repository (never the checkout being edited), and two copies
let two modules run side by side. The test command is pytest on the module's own test files
with no plugin but the engine's: starting the whole suite's plugins costs about ten seconds,
which a run would pay once per mutant.
"""

import difflib
import os
import shlex
import shutil
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cosmic_ray.mutating import mutate_code
from cosmic_ray.plugins import get_operator
from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkItem, WorkResult

from tools.mutate.manifest import ROOT, Module, MutantKey

SKIPPED_EXCLUDED = "excluded operator"
SKIPPED_EQUIVALENT = "equivalent: "
SKIPPED_UNSELECTED = "not selected"
PYTEST_FLAGS = (
    "-x -q -p no:cacheprovider -o addopts= --strict-markers -p sidebyside.plugin -p anyio"
)


@dataclass
class Survivor:
    operator: str
    line: int
    diff: str


@dataclass
class ModuleResult:
    path: str
    name: str
    digest: str
    killed: int = 0
    survived: int = 0
    equivalent: int = 0
    incompetent: int = 0
    survivors: list[Survivor] = field(default_factory=list)
    # Filled only when the run was told which mutants to make (the smoke).
    killed_keys: list[MutantKey] = field(default_factory=list)
    survived_keys: list[MutantKey] = field(default_factory=list)
    problem: str | None = None

    @property
    def score(self) -> float | None:
        judged = self.killed + self.survived
        return self.killed / judged if judged else None

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "digest": self.digest,
            "killed": self.killed,
            "survived": self.survived,
            "equivalent": self.equivalent,
            "incompetent": self.incompetent,
            "problem": self.problem,
            "survivors": [vars(survivor) for survivor in self.survivors],
        }


Progress = Callable[[str, int, int], None]


def copy_repository(tree: Path, root: Path = ROOT) -> None:
    """A fresh copy of the repository's files (tracked, or new and not ignored) at `tree`."""
    shutil.rmtree(tree, ignore_errors=True)
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],  # noqa: S607
        cwd=root,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for name in filter(None, (entry.decode() for entry in listed)):
        source = root / name
        if source.is_file():
            target = tree / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def _environment(tree: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(str(tree / part) for part in ("", "engine/src", "engine"))
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    return env


def test_command(module: Module) -> str:
    words = [*module.pytest_args, *module.tests]
    return f"{shlex.quote(sys.executable)} -m pytest {PYTEST_FLAGS} {shlex.join(words)}"


def mutant_key(tree: Path, item: WorkItem) -> tuple[MutantKey, str] | None:
    """The mutant's key (the line as written and as mutated) and its diff."""
    spec = item.mutations[0]
    source = (tree / spec.module_path).read_text()
    operator = get_operator(spec.operator_name)(**(spec.operator_args or {}))
    mutated = mutate_code(source, operator, spec.occurrence)
    if mutated is None:
        return None
    before, after = source.splitlines(), mutated.splitlines()
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after).get_opcodes():
        if tag != "equal":
            removed += before[i1:i2]
            added += after[j1:j2]
    diff = "".join(
        difflib.unified_diff(
            source.splitlines(keepends=True),
            mutated.splitlines(keepends=True),
            f"a/{spec.module_path}",
            f"b/{spec.module_path}",
            n=1,
        )
    )
    key = MutantKey(str(spec.module_path), _joined(removed), _joined(added))
    return key, diff


def _joined(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines if line.strip())


def _skip(db: WorkDB, job_id: str, why: str) -> None:
    db.set_result(job_id, WorkResult(worker_outcome=WorkerOutcome.SKIPPED, output=why))


def _write_config(sessions: Path, module: Module, timeout: float) -> Path:
    config = session_path(sessions, module).with_suffix(".toml")
    config.write_text(
        "[cosmic-ray]\n"
        f'module-path = "{module.path}"\n'
        f"timeout = {timeout:.0f}\n"
        "excluded-modules = []\n"
        f"test-command = {tomllib_quote(test_command(module))}\n"
        "\n[cosmic-ray.distributor]\n"
        'name = "local"\n'
    )
    return config


def tomllib_quote(text: str) -> str:
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    assert tomllib.loads(f"x = {quoted}")["x"] == text
    return quoted


def run_module(
    module: Module,
    tree: Path,
    sessions: Path,
    *,
    excluded: list[Any],
    equivalents: dict[MutantKey, str],
    progress: Progress,
    only: set[MutantKey] | None = None,
) -> ModuleResult:
    """Mutate `module` in `tree` (a fresh copy) and judge every mutant with its tests."""
    result = ModuleResult(path=module.path, name=module.name, digest=module.digest())
    copy_repository(tree)
    env = _environment(tree)
    started = time.monotonic()
    baseline = subprocess.run(  # noqa: S603 - pytest on the manifest's test files
        shlex.split(test_command(module)), cwd=tree, env=env, capture_output=True, text=True
    )
    if baseline.returncode != 0:
        result.problem = "its tests fail unmutated:\n" + baseline.stdout[-2000:]
        return result
    # A mutant that loops is stopped, and counted killed, after ten times the clean run.
    timeout = max(20.0, 10 * (time.monotonic() - started))
    sessions.mkdir(parents=True, exist_ok=True)
    config = _write_config(sessions, module, timeout)
    session = config.with_suffix(".sqlite")
    session.unlink(missing_ok=True)  # a run measures the module as it is now, from scratch
    initialised = subprocess.run(  # noqa: S603 - cosmic-ray with our own arguments
        [sys.executable, "-m", "cosmic_ray.cli", "init", str(config), str(session)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    if initialised.returncode != 0:
        result.problem = "cosmic-ray init failed:\n" + initialised.stderr[-2000:]
        return result
    keys: dict[str, tuple[MutantKey, str]] = {}
    named = only if only is not None else {k for k in equivalents if k.path == module.path}
    source_lines = (tree / module.path).read_text().splitlines()
    with use_db(str(session)) as db:
        for item in list(db.work_items):
            spec = item.mutations[0]
            if any(pattern.search(spec.operator_name) for pattern in excluded):
                _skip(db, item.job_id, SKIPPED_EXCLUDED)
                continue
            # Only a mutant starting on a line some named mutant changes can be one of them:
            # making every mutant to compare it would cost a parse each.
            first = source_lines[spec.start_pos[0] - 1].strip()
            found = mutant_key(tree, item) if any(first in key.line for key in named) else None
            if found is not None:
                keys[item.job_id] = found
            if only is not None and (found is None or found[0] not in only):
                _skip(db, item.job_id, SKIPPED_UNSELECTED)
            elif found is not None and found[0] in equivalents:
                _skip(db, item.job_id, SKIPPED_EQUIVALENT + equivalents[found[0]])
        total = db.num_work_items - db.num_results
    done_before = 0
    with use_db(str(session)) as db:
        done_before = db.num_results
    worker = subprocess.Popen(  # noqa: S603 - cosmic-ray with our own arguments
        [sys.executable, "-m", "cosmic_ray.cli", "exec", str(config), str(session)],
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    while worker.poll() is None:
        time.sleep(5)
        with use_db(str(session), WorkDB.Mode.open) as db:
            progress(module.name, db.num_results - done_before, total)
    if worker.returncode != 0:
        result.problem = (
            "cosmic-ray exec failed:\n" + (worker.stderr.read() if worker.stderr else "")[-2000:]
        )
        return result
    _collect(result, tree, session, keys)
    return result


def session_path(sessions: Path, module: Module) -> Path:
    return sessions / (module.path.removesuffix(".py").replace("/", "_") + ".sqlite")


def collect(module: Module, sessions: Path) -> ModuleResult:
    """A module's figures read back from its last session, for a run that was stopped after
    the module's mutants were all judged (the checkout's source must be what was mutated)."""
    result = ModuleResult(path=module.path, name=module.name, digest=module.digest())
    session = session_path(sessions, module)
    if not session.exists():
        result.problem = f"no session at {session}"
        return result
    with use_db(str(session), WorkDB.Mode.open) as db:
        if db.num_results < db.num_work_items:
            result.problem = f"{db.num_work_items - db.num_results} mutants not yet run"
            return result
    _collect(result, ROOT, session, {})
    return result


def _collect(
    result: ModuleResult, tree: Path, session: Path, keys: dict[str, tuple[MutantKey, str]]
) -> None:
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item, outcome in db.completed_work_items:
            _count(result, tree, item, outcome, keys)
    result.survivors.sort(key=lambda survivor: (survivor.line, survivor.operator))


def _count(
    result: ModuleResult,
    tree: Path,
    item: WorkItem,
    outcome: WorkResult,
    keys: dict[str, tuple[MutantKey, str]],
) -> None:
    if outcome.worker_outcome == WorkerOutcome.SKIPPED:
        if (outcome.output or "").startswith(SKIPPED_EQUIVALENT):
            result.equivalent += 1
        return
    if (
        outcome.worker_outcome != WorkerOutcome.NORMAL
        or outcome.test_outcome == TestOutcome.INCOMPETENT
    ):
        result.incompetent += 1
        return
    spec = item.mutations[0]
    if outcome.test_outcome == TestOutcome.KILLED:
        result.killed += 1
        if item.job_id in keys:
            result.killed_keys.append(keys[item.job_id][0])
        return
    result.survived += 1
    if item.job_id in keys:
        result.survived_keys.append(keys[item.job_id][0])
    found = keys.get(item.job_id) or mutant_key(tree, item)
    diff = found[1] if found else (outcome.diff or "")
    result.survivors.append(Survivor(spec.operator_name, spec.start_pos[0], diff))
