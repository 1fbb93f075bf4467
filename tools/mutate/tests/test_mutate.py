"""The mutation report is held to the code it measured, and the smoke fails on a survivor."""

import json
import shutil
from pathlib import Path

from tools.mutate import report
from tools.mutate.manifest import ROOT, MutantKey, equivalents, modules
from tools.mutate.session import ModuleResult, Survivor
from tools.mutate.smoke import MUST_DIE, smoke_failures

KEY = MutantKey("shared/hosts.py", "if not values:", "if values:")


def test_the_checked_in_mutation_report_matches_the_modules_it_measured() -> None:
    assert report.problems() == []


def _copy_of_the_docs(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    for name in ("mutation.json", "mutation.md", "testing.md"):
        shutil.copy(ROOT / "docs" / name, tmp_path / "docs" / name)
    for module in modules():
        (tmp_path / module.path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / module.path, tmp_path / module.path)
    return tmp_path


def test_a_module_changed_since_its_score_was_measured_makes_the_report_stale(
    tmp_path: Path,
) -> None:
    root = _copy_of_the_docs(tmp_path)
    measured = json.loads((root / "docs" / "mutation.json").read_text())["modules"]
    changed = next(iter(measured))
    with (root / changed).open("a") as module:
        module.write("\n# changed\n")

    assert report.problems(root) == [
        f"{changed} changed since its score was measured: run `make mutate MODULES={changed}`"
    ]


def test_a_score_table_edited_by_hand_is_caught(tmp_path: Path) -> None:
    root = _copy_of_the_docs(tmp_path)
    page = root / "docs" / "testing.md"
    page.write_text(page.read_text().replace("| **all measured** |", "| **all** |"))

    assert report.problems(root) == [
        "the score table in docs/testing.md differs from docs/mutation.json"
    ]


def test_every_equivalent_mutant_names_a_module_that_is_mutated() -> None:
    mutated = {module.path for module in modules()}

    assert {key.path for key in equivalents()} <= mutated


def test_the_smoke_mutates_only_modules_that_are_mutated_in_full() -> None:
    assert set(MUST_DIE) <= {module.path for module in modules()}


def test_the_smoke_fails_when_a_mutant_survives() -> None:
    result = ModuleResult("shared/hosts.py", "Host rule", "0")
    result.survived, result.survived_keys = 1, [KEY]
    result.survivors = [Survivor("core/AddNot", 3, "-if not values:\n+if values:")]

    assert smoke_failures({KEY}, result) == [
        "survived, yet it must die:\n-if not values:\n+if values:"
    ]


def test_the_smoke_fails_when_a_mutant_can_no_longer_be_made() -> None:
    result = ModuleResult("shared/hosts.py", "Host rule", "0")

    assert smoke_failures({KEY}, result) == [
        "shared/hosts.py: no mutant turns 'if not values:' into 'if values:' any more"
    ]


def test_the_smoke_passes_when_every_mutant_is_killed() -> None:
    result = ModuleResult("shared/hosts.py", "Host rule", "0")
    result.killed, result.killed_keys = 1, [KEY]

    assert smoke_failures({KEY}, result) == []
