"""The mutation smoke that `make test` runs: a handful of mutants that must die.

Each is a bug of the kind the full run exists to find, in the engine's verdict and in the
secret redaction. If one survives, a test that guards it is gone; if one can no longer be
made (its line changed), this list needs the new line; either way the mutation set-up
itself is proven to work end to end (copy, mutate, test, count).
"""

from tools.mutate.manifest import Module, MutantKey, excluded_operators, modules
from tools.mutate.run import SCRATCH, ProgressLines
from tools.mutate.session import run_module

VERDICT = "engine/src/sidebyside/verdict.py"
REDACTION = "shared/withheld.py"

MUST_DIE: dict[str, set[MutantKey]] = {VERDICT: set(), REDACTION: set()}


def main() -> int:
    progress = ProgressLines()
    failed = False
    for module in _modules():
        wanted = MUST_DIE[module.path]
        result = run_module(
            module,
            SCRATCH / "smoke-tree",
            SCRATCH / "smoke-sessions",
            excluded=excluded_operators(),
            equivalents={},
            progress=progress,
            only=wanted,
        )
        if result.problem:
            print(f"{module.path}: {result.problem}")
            failed = True
            continue
        missing = wanted - set(result.killed_keys)
        for survivor in result.survivors:
            print(f"survived, yet it must die:\n{survivor.diff}")
        unmade = missing - set()
        if result.survived == 0 and unmade:
            for key in sorted(unmade, key=str):
                print(f"{module.path}: no mutant turns {key.line!r} into {key.mutant!r} any more")
        failed = failed or bool(missing)
        print(f"{module.path}: {result.killed} of {len(wanted)} mutants killed")
    return 1 if failed else 0


def _modules() -> list[Module]:
    return [module for module in modules() if module.path in MUST_DIE]
