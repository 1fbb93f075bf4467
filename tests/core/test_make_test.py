"""`make test` runs the in-process suite in two halves side by side: together they must hold
every tree pytest's testpaths name, each once."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def make_variable(name: str) -> list[str]:
    makefile = (ROOT / "Makefile").read_text()
    found = re.search(rf"^{name} := (.*)$", makefile, re.MULTILINE)
    assert found, f"the Makefile defines no {name}"
    return found.group(1).split()


def configured_testpaths() -> list[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    paths: list[str] = pyproject["tool"]["pytest"]["ini_options"]["testpaths"]
    return paths


def inside(tree: str, root: str) -> bool:
    return tree == root or tree.startswith(root + "/")


def what_the_halves_miss(roots: list[str], first: list[str], others: list[str]) -> list[str]:
    """The testpaths neither half runs, and the first half's trees that the other half runs
    again or that lie outside every testpath. pytest ignores `--ignore` for the paths it is
    given, so each of the first half's trees must be a testpath itself or lie inside one of
    the other half's (which then ignores it)."""
    missed = [root for root in roots if root not in others and root not in first]
    for tree in first:
        if tree in others:
            missed.append(f"{tree} (in both halves)")
        elif tree not in roots and not any(inside(tree, other) for other in others):
            missed.append(f"{tree} (outside the other half's trees: not ignored)")
    return missed


def test_the_two_halves_of_the_in_process_suite_run_every_tree_once() -> None:
    assert (
        what_the_halves_miss(
            configured_testpaths(), make_variable("PARITY_TREES"), make_variable("OTHER_TREES")
        )
        == []
    )


def test_a_testpath_that_neither_half_names_is_caught() -> None:
    assert what_the_halves_miss(["tests", "tools"], ["tools/claims"], ["tools"]) == ["tests"]


def test_a_reported_tree_the_other_half_also_names_is_caught() -> None:
    assert what_the_halves_miss(["tests"], ["tests"], ["tests"]) == ["tests (in both halves)"]
