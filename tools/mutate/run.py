"""`make mutate`: every module of modules.toml (or those named), two at a time, with progress."""

import json
import os
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tools.mutate import report
from tools.mutate.manifest import ROOT, Module, equivalents, excluded_operators, modules
from tools.mutate.session import ModuleResult, collect, run_module

SCRATCH = ROOT / "var" / "mutate"


class ProgressLines:
    """One line per module every `every` seconds while it runs: the terminal shows it alive."""

    def __init__(self, every: float = 15.0) -> None:
        self._every = every
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()
        self._started = time.monotonic()

    def say(self, line: str) -> None:
        with self._lock:
            print(f"[{time.monotonic() - self._started:6.0f} s] {line}", flush=True)

    def __call__(self, name: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last.get(name, 0.0) >= self._every or done == total:
            self._last[name] = now
            self.say(f"{name}: {done}/{total} mutants run")


def run(selected: list[Module], jobs: int) -> list[ModuleResult]:
    progress = ProgressLines()
    excluded = excluded_operators()
    known = equivalents()
    # Copies of this run's own: a second run at the same time must not overwrite them.
    scratch = SCRATCH / f"run-{os.getpid()}"
    trees = [scratch / f"tree-{index}" for index in range(jobs)]
    free = list(trees)
    lock = threading.Lock()

    def one(module: Module) -> ModuleResult:
        with lock:
            tree = free.pop()
        try:
            progress.say(f"{module.name}: started ({module.path})")
            result = run_module(
                module,
                tree,
                SCRATCH / "sessions",
                excluded=excluded,
                equivalents=known,
                progress=progress,
            )
            score = "n/a" if result.score is None else f"{100 * result.score:.0f}%"
            progress.say(
                f"{module.name}: {result.killed} killed, {result.survived} survived, "
                f"{result.equivalent} equivalent: {score}"
                + (f" -- NOT RUN: {result.problem.splitlines()[0]}" if result.problem else "")
            )
            return result
        finally:
            with lock:
                free.append(tree)

    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(one, selected))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main(paths: list[str], jobs: int, *, collect_only: bool = False) -> int:
    listed = modules()
    unknown = set(paths) - {module.path for module in listed}
    if unknown:
        print(f"not in tools/mutate/modules.toml: {', '.join(sorted(unknown))}")
        return 2
    selected = [module for module in listed if not paths or module.path in paths]
    if collect_only:
        results = [collect(module, SCRATCH / "sessions") for module in selected]
    else:
        results = run(selected, jobs)
    # This run's own figures too: two runs at once each write the report as they end, and
    # the one ending last must not lose what the other measured.
    SCRATCH.mkdir(parents=True, exist_ok=True)
    (SCRATCH / f"results-{os.getpid()}.json").write_text(
        json.dumps({result.path: result.as_json() for result in results}, indent=2)
    )
    data = report.load()
    data["modules"] = {
        path: entry
        for path, entry in data["modules"].items()
        if path in {module.path for module in listed}
    }
    for result in results:
        data["modules"][result.path] = result.as_json()
    report.write(data)
    print(
        f"wrote {report.RESULTS.relative_to(ROOT)}, {report.REPORT.relative_to(ROOT)} "
        f"and the score in {report.TESTING.relative_to(ROOT)}"
    )
    return 1 if any(result.problem for result in results) else 0
