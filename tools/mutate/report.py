"""The mutation report: docs/mutation.json (the figures), docs/mutation.md (every survivor
with its diff, every equivalent mutant with its reason) and the score table in
docs/testing.md, all three written by `make mutate` and checked against each other and
against the modules' current source."""

import json
from pathlib import Path
from typing import Any

from tools.mutate.manifest import ROOT, Module, equivalents, modules

RESULTS = ROOT / "docs" / "mutation.json"
REPORT = ROOT / "docs" / "mutation.md"
TESTING = ROOT / "docs" / "testing.md"
START = "<!-- mutation score: written by make mutate -->"
END = "<!-- end of mutation score -->"


def load(path: Path = RESULTS) -> dict[str, Any]:
    if not path.exists():
        return {"modules": {}}
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def _score(entry: dict[str, Any]) -> str:
    judged = entry["killed"] + entry["survived"]
    return f"{100 * entry['killed'] / judged:.0f}%" if judged else "n/a"


def score_table(data: dict[str, Any], listed: list[Module]) -> str:
    lines = [
        "| module | file | killed | survived | equivalent | score |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    totals = {"killed": 0, "survived": 0, "equivalent": 0}
    for module in listed:
        entry = data["modules"].get(module.path)
        if entry is None:
            lines.append(f"| {module.name} | `{module.path}` | | | | not measured |")
            continue
        if entry.get("problem"):
            lines.append(f"| {module.name} | `{module.path}` | | | | not run: see report |")
            continue
        for name in totals:
            totals[name] += entry[name]
        lines.append(
            f"| {module.name} | `{module.path}` | {entry['killed']} | {entry['survived']} "
            f"| {entry['equivalent']} | {_score(entry)} |"
        )
    lines.append(
        f"| **all measured** | | {totals['killed']} | {totals['survived']} "
        f"| {totals['equivalent']} | {_score(totals)} |"
    )
    return "\n".join(lines) + "\n"


def full_report(data: dict[str, Any], listed: list[Module]) -> str:
    parts = [
        "# Mutation report\n\n",
        "Written by `make mutate` (cosmic-ray; see"
        " [testing.md](testing.md#mutation-testing-make-mutate)): each module below was"
        " mutated one change at a time and its own tests run against each mutant. A *killed*"
        " mutant made a test fail; a *survivor* did not, and is a change a real bug could"
        " make unnoticed. Equivalent mutants (no behaviour tells them apart) are listed in"
        " `tools/mutate/equivalent.toml` with their reasons and not counted.\n\n",
        score_table(data, listed),
    ]
    for module in listed:
        entry = data["modules"].get(module.path)
        if entry is None:
            continue
        parts.append(f"\n## {module.name} (`{module.path}`)\n\n")
        parts.append(f"Tests: {', '.join(f'`{t}`' for t in module.tests)}.\n")
        if entry.get("problem"):
            parts.append(f"\nNot run: {entry['problem']}\n")
            continue
        if entry["incompetent"]:
            parts.append(f"\n{entry['incompetent']} mutants could not be run (not counted).\n")
        for survivor in entry["survivors"]:
            parts.append(f"\nSurvivor, line {survivor['line']} ({survivor['operator']}):\n\n")
            parts.append(f"```diff\n{survivor['diff'].rstrip()}\n```\n")
    listed_equivalents = equivalents()
    if listed_equivalents:
        parts.append(
            "\n## Equivalent mutants\n\n| file | line | mutated to | why no test can tell |\n"
        )
        parts.append("| --- | --- | --- | --- |\n")
        for key, reason in sorted(listed_equivalents.items(), key=lambda item: item[0].path):
            parts.append(f"| `{key.path}` | `{key.line}` | `{key.mutant}` | {reason} |\n")
    return "".join(parts)


def with_table(page: str, table: str) -> str:
    before, found, rest = page.partition(START)
    if not found:
        raise ValueError(f"{TESTING} has no line {START!r} to write the score after")
    _, found, after = rest.partition(END)
    if not found:
        raise ValueError(f"{TESTING} has no line {END!r} after {START!r}")
    return f"{before}{START}\n{table}{END}{after}"


def write(data: dict[str, Any]) -> None:
    listed = modules()
    RESULTS.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    REPORT.write_text(full_report(data, listed))
    TESTING.write_text(with_table(TESTING.read_text(), score_table(data, listed)))


def problems(root: Path = ROOT) -> list[str]:
    """Why the checked-in report no longer matches the code (empty when it does)."""
    data = load(root / "docs" / "mutation.json")
    listed = modules()
    found = []
    for module in listed:
        entry = data["modules"].get(module.path)
        if entry is not None and entry["digest"] != module.digest(root):
            found.append(
                f"{module.path} changed since its score was measured: run "
                f"`make mutate MODULES={module.path}`"
            )
    unknown = set(data["modules"]) - {module.path for module in listed}
    found += [
        f"docs/mutation.json scores {path}, which modules.toml no longer names"
        for path in sorted(unknown)
    ]
    if (root / "docs" / "mutation.md").read_text() != full_report(data, listed):
        found.append("docs/mutation.md differs from docs/mutation.json: run `make mutate`")
    page = (root / "docs" / "testing.md").read_text()
    if with_table(page, score_table(data, listed)) != page:
        found.append("the score table in docs/testing.md differs from docs/mutation.json")
    return found
