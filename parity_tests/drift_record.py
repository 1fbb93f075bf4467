"""What the differential probes showed on the installed releases, for the drift matrix: a
plugin (`-p parity_tests.drift_record --drift-record PATH`) that writes one JSON document.

Each registry entry is looked at whatever its version range says: the matrix asks where it
shows. The verdicts are the suite's own, ranges applied.
"""

import json
from collections import Counter
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pytest
from sidebyside.verdict import CaseResult, covers, differing_items, pair_matches

from parity_tests.registry import REGISTRY
from parity_tests.verdicts import NAMED, RESULTS, explain

# The releases the drift matrix varies, and the plugins that follow them.
REPORTED_PACKAGES = (
    "flask",
    "werkzeug",
    "flask-cors",
    "flask-pydantic",
    "fastapi",
    "starlette",
    "pydantic",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("parity").addoption(
        "--drift-record",
        metavar="PATH",
        help="write what each registry entry showed on the installed releases to PATH (JSON)",
    )


def installed_versions() -> dict[str, str]:
    found = {}
    for package in REPORTED_PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return found


def shown_by(result: CaseResult, named: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Of the entries a probe names for this pair, those whose aspects differ; and what
    differs that none of them covers."""
    entries = [REGISTRY[name] for name in named if pair_matches(REGISTRY[name].pairs, result.pair)]
    items = differing_items(result.differing, result.paths)
    shown = [
        entry.id
        for entry in entries
        if any(covers(aspect, item) for aspect in entry.aspects for item in items)
    ]
    uncovered = [
        item
        for item in items
        if not any(covers(aspect, item) for entry in entries for aspect in entry.aspects)
    ]
    return shown, uncovered


def summary(
    results: dict[tuple[str, str], CaseResult], named: dict[tuple[str, str], tuple[str, ...]]
) -> dict[str, Any]:
    """Per entry: how many cases name it, show it, and differ beyond it; per verdict, a count;
    and why each unexpected case is so."""
    cells: dict[str, Counter[str]] = {}
    for key, result in sorted(results.items()):
        names = named.get(key, ())
        shown, uncovered = shown_by(result, names)
        for name in names:
            if not pair_matches(REGISTRY[name].pairs, result.pair):
                continue
            cell = cells.setdefault(name, Counter())
            cell["named"] += 1
            cell["shown"] += name in shown
            cell["beyond"] += bool(uncovered)
    verdicts = Counter(result.verdict for result in results.values())
    return {
        "versions": installed_versions(),
        "cases": len(results),
        "verdicts": {
            verdict: verdicts[verdict] for verdict in ("same", "documented", "unexpected")
        },
        "entries": {name: dict(cell) for name, cell in sorted(cells.items())},
        "unexpected": [
            explain(result).splitlines()[:4]
            for result in sorted(
                results.values(), key=lambda result: (result.feature, result.title)
            )
            if result.verdict == "unexpected"
        ],
    }


def pytest_sessionfinish(session: pytest.Session) -> None:
    target = session.config.getoption("--drift-record")
    if not target:
        return
    results = session.config.stash.get(RESULTS, {})
    named = session.config.stash.get(NAMED, {})
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).write_text(json.dumps(summary(results, named), indent=1, sort_keys=True) + "\n")
