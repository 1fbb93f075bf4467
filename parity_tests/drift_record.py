"""What the differential probes showed on the installed releases, for the drift matrix: a
plugin (`-p parity_tests.drift_record --drift-record PATH`) that writes one JSON document:
the releases installed, and what differed in each case (tools/drift/report.py judges it
against the registry when it writes docs/drift.md).
"""

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from sidebyside.verdict import differing_items

from parity_tests.verdicts import RESULTS

# The releases the drift matrix varies.
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
        help="write the installed releases and what differed in each case to PATH (JSON)",
    )


def installed_versions() -> dict[str, str]:
    found = {}
    for package in REPORTED_PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return found


def pytest_sessionfinish(session: pytest.Session) -> None:
    target = session.config.getoption("--drift-record")
    if not target:
        return
    results = session.config.stash.get(RESULTS, {})
    record = {
        "versions": installed_versions(),
        "differing": {
            f"{feature}: {title}": differing_items(result.differing, result.paths)
            for (feature, title), result in sorted(results.items())
        },
    }
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
