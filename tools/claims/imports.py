"""What a reader sees who types an import line into a fresh interpreter: does it run, does it
warn. Each line runs in a subprocess of its own, so that nothing this process has imported
already hides an error or swallows a once-only warning."""

import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from tools.claims.ledger import REPO_ROOT, Finding, Link, judge

TIMEOUT_SECONDS = 60.0
# Runs the statement given as argv[1] with every warning recorded, and prints what happened.
_PROGRAM = """
import json, sys, warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        exec(sys.argv[1], {})
        error = ""
    except Exception as exc:
        error = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0]}"
print(json.dumps({
    "error": error,
    "warnings": [
        f"{w.category.__name__}: {str(w.message).strip().splitlines()[0]}" for w in caught
    ],
}))
"""


@dataclass(frozen=True)
class Outcome:
    statement: str
    error: str
    warnings: tuple[str, ...]

    @property
    def clean(self) -> bool:
        """Ran without an error or a deprecation warning."""
        return not self.error and not self.deprecations

    @property
    def deprecations(self) -> tuple[str, ...]:
        return tuple(w for w in self.warnings if "Deprecation" in w.split(":")[0])

    def describe(self) -> str:
        if self.error:
            return f"`{self.statement}` raises {self.error}"
        if self.deprecations:
            return f"`{self.statement}` warns {self.deprecations[0]}"
        return f"`{self.statement}` runs without an error or a deprecation warning"


def run_statement(statement: str) -> Outcome:
    """Run one statement in a fresh interpreter of this environment, from the repository root."""
    completed = subprocess.run(  # noqa: S603  (our own interpreter, our own program)
        [sys.executable, "-c", _PROGRAM, statement],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=TIMEOUT_SECONDS,
        check=True,
    )
    result = json.loads(completed.stdout)
    return Outcome(statement, result["error"], tuple(result["warnings"]))


class NoCleanImportError(AssertionError):
    """Neither the article's import nor its replacement runs cleanly: nothing to recommend."""


def judge_move(
    old: str, new: str, *, today: str, changed: str, evidence: Sequence[Link] = ()
) -> Finding:
    """The article's import against the one that replaced it: the claim holds while the old
    one runs cleanly, and is outdated once it fails or warns of its deprecation."""
    before, after = run_statement(old), run_statement(new)
    if not before.clean and not after.clean:
        raise NoCleanImportError(f"{before.describe()}; {after.describe()}")
    return judge(
        article_right=before.clean,
        observed=f"{before.describe()}; {after.describe()}.",
        today=today,
        changed=changed,
        evidence=evidence,
    )
