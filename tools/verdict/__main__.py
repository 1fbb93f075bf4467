"""`python -m tools.verdict write PATH` writes the verdict; `check PATH` fails when PATH is not
what the evidence renders now, as the other generated documents' checks do."""

import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

from tools.verdict.evidence import load
from tools.verdict.page import render

REGENERATE = "make verdict"


def stale(checked_in: Path, fresh: str) -> list[str]:
    """The difference between the page and a fresh render, as a unified diff; empty if current."""
    old = checked_in.read_text(encoding="utf-8") if checked_in.exists() else ""
    return list(
        difflib.unified_diff(
            old.splitlines(), fresh.splitlines(), str(checked_in), "the evidence now", lineterm=""
        )
    )


def check(path: Path) -> int:
    """0 when the page is what the evidence renders now; else the diff and 1."""
    problems = stale(path, render(load()))
    if not problems:
        print(f"{path} is current.")
        return 0
    print("\n".join([*problems, f"{path} is stale: run `{REGENERATE}` and commit the result."]))
    return 1


def main(argv: Sequence[str]) -> int:
    match argv:
        case ["write", path]:
            Path(path).write_text(render(load()), encoding="utf-8")
            return 0
        case ["check", path]:
            return check(Path(path))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
