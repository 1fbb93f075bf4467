"""The mutation smoke that `make test` runs: a handful of mutants that must die.

Each is a bug of the kind the full run exists to find, in the engine's verdict and in the
secret redaction. If one survives, a test that guards it is gone; if one can no longer be
made (its line changed), this list needs the new line; either way the mutation set-up
itself is proven to work end to end (copy, mutate, test, count).
"""

from tools.mutate.manifest import Module, MutantKey, excluded_operators, modules
from tools.mutate.run import SCRATCH, ProgressLines
from tools.mutate.session import ModuleResult, run_module

VERDICT = "engine/src/sidebyside/verdict.py"
REDACTION = "shared/withheld.py"

MUST_DIE: dict[str, set[MutantKey]] = {
    VERDICT: {
        # An accepted difference that stops showing would pass as documented.
        MutantKey(
            VERDICT,
            'return "documented" if every_entry_seen and all(map(covered, items))'
            ' else "unexpected"',
            'return "documented" if every_entry_seen or all(map(covered, items)) else "unexpected"',
        ),
        # Any difference would be documented by an entry that shows one aspect.
        MutantKey(
            VERDICT,
            'if aspect == item or (aspect.startswith("header:")'
            " and aspect.lower() == item.lower()):",
            'if aspect != item or (aspect.startswith("header:")'
            " and aspect.lower() == item.lower()):",
        ),
        # A probe naming no accepted difference would never be unexpected.
        MutantKey(
            VERDICT,
            "if not entries:",
            "if  entries:",
        ),
        # Only the cases that are not documented would be ranked by impact.
        MutantKey(
            VERDICT,
            'if result.verdict != "documented":',
            'if result.verdict == "documented":',
        ),
    },
    REDACTION: {
        # A password field would no longer count as a secret.
        MutantKey(
            REDACTION,
            "name for name, field in model.model_fields.items() if field.annotation is SecretStr",
            "name for name, field in model.model_fields.items()"
            " if field.annotation is not SecretStr",
        ),
        # Every validation error would echo the input it refused, secrets included.
        MutantKey(REDACTION, '@model_validator(mode="wrap")', ""),
        # pydantic's own errors would lose their context, custom ones their message.
        MutantKey(REDACTION, 'if "url" in error:', 'if not "url" in error:'),
    },
}


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
        problems = smoke_failures(wanted, result)
        for problem in problems:
            print(problem)
        failed = failed or bool(problems)
        print(f"{module.path}: {len(result.killed_keys)} of {len(wanted)} mutants killed")
    return 1 if failed else 0


def smoke_failures(wanted: set[MutantKey], result: ModuleResult) -> list[str]:
    """Why the smoke fails on this module: a mutant survived, or can no longer be made."""
    if result.problem:
        return [f"{result.path}: {result.problem}"]
    found = [f"survived, yet it must die:\n{survivor.diff}" for survivor in result.survivors]
    unmade = wanted - set(result.killed_keys) - set(result.survived_keys)
    found += [
        f"{result.path}: no mutant turns {key.line!r} into {key.mutant!r} any more"
        for key in sorted(unmade, key=str)
    ]
    return found


def _modules() -> list[Module]:
    return [module for module in modules() if module.path in MUST_DIE]
