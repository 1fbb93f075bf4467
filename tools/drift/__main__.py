"""`python -m tools.drift run|bisect|smoke|lock|write|check`: the drift matrix.

What it shows is described in tools/drift/report.py."""

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tools.drift.bisect import AXES, changes
from tools.drift.environments import ROOT, lock_is_current
from tools.drift.environments import lock as lock_set
from tools.drift.report import changed_probes, judged, range_disagreements, render, stale_locks
from tools.drift.run import Progress, run_set, run_sets
from tools.drift.sets import SETS, SMOKE, VersionSet, by_name

DOCUMENT = ROOT / "docs" / "drift.json"
PAGE = ROOT / "docs" / "drift.md"


def run(_: argparse.Namespace) -> int:
    started = time.monotonic()
    records = run_sets(SETS)
    status = bisect_and_write(records)
    print(f"make drift: {len(records)} sets in {time.monotonic() - started:.0f} s")
    return status


def bisect(arguments: argparse.Namespace) -> int:
    """Bisect again over the matrix docs/drift.json holds (after a registry change), on the
    axes asked for."""
    return bisect_and_write(json.loads(DOCUMENT.read_text())["sets"], arguments.axes or AXES)


def bisect_and_write(records: list[dict[str, Any]], axes: Sequence[str] = AXES) -> int:
    started = time.monotonic()
    # The matrix first, on its own: bisecting adds to it, axis by axis, never holds it back.
    write_documents({"sets": records, "changes": [], "bisected": []})
    bisected: list[dict[str, Any]] = []
    found: list[dict[str, str]] = []
    steps = Progress(time.monotonic(), 0)

    def run_point(version_set: VersionSet) -> dict[str, Any]:
        record = run_set(len(bisected) + 1, version_set, steps)
        bisected.append(record)
        return record

    for axis in axes:
        found += changes(records, run_point, axis)
        write_documents({"sets": records, "changes": found, "bisected": bisected})
    print(
        f"{len(bisected)} bisection points in {time.monotonic() - started:.0f} s; "
        f"wrote {PAGE.relative_to(ROOT)}"
    )
    return report_disagreements(records)


def write_documents(document: dict[str, Any]) -> None:
    DOCUMENT.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
    PAGE.write_text(render(document))


def report_disagreements(records: list[dict[str, Any]]) -> int:
    disagreements = range_disagreements(records)
    for line in disagreements:
        print(f"range contradicted: {line}")
    unexpected = sum(
        judged(record)["verdicts"]["unexpected"] for record in records if record["status"] == "ran"
    )
    if unexpected:
        print(f"{unexpected} unexpected differences: register them with the versions they apply to")
    return 1 if disagreements or unexpected else 0


def smoke(_: argparse.Namespace) -> int:
    """One older set, as `make test` runs it: the twins must run there, and every entry show
    exactly within its range."""
    (record,) = run_sets([by_name(SMOKE)], relock=False)
    if record["status"] != "ran":
        print(f"{SMOKE}: {record['status']}: {record['reason']}")
        return 1
    print(f"{SMOKE}: {record['pytest']}")
    return report_disagreements([record])


def lock(arguments: argparse.Namespace) -> int:
    """Lock again each set whose lock was resolved from other inputs (or every set named)."""
    chosen = [by_name(name) for name in arguments.sets] or [
        s for s in SETS if not lock_is_current(s)
    ]
    for index, version_set in enumerate(chosen, 1):
        started = time.monotonic()
        lock_set(version_set)
        print(
            f"[{index} of {len(chosen)}] {version_set.name}: locked in "
            f"{time.monotonic() - started:.0f} s",
            flush=True,
        )
    if not chosen:
        print("every set's lock is current")
    return 0


def write(_: argparse.Namespace) -> int:
    PAGE.write_text(render(json.loads(DOCUMENT.read_text())))
    return 0


def problems(document: dict[str, Any], page: str) -> list[str]:
    """Why the checked-in page no longer stands for the matrix, if it does not."""
    found = [f"stale lock: {line}" for line in stale_locks(document["sets"])]
    found += changed_probes(document["sets"])
    if found:
        return found  # judged against other probes or releases, the page cannot be rendered
    if render(document) != page:
        found.append("docs/drift.md does not render from docs/drift.json and the registry")
    return found


def check(arguments: argparse.Namespace) -> int:
    found = problems(
        json.loads(Path(arguments.document).read_text()), Path(arguments.page).read_text()
    )
    for line in found:
        print(line)
    if found:
        print("run `make drift` (or `python -m tools.drift write` after a registry change)")
    return 1 if found else 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.drift")
    commands = parser.add_subparsers(required=True)
    commands.add_parser("run", help="the whole matrix, bisected, into docs/drift.*").set_defaults(
        command=run
    )
    bisecting = commands.add_parser("bisect", help="bisect the matrix in docs/drift.json again")
    # Checked by hand: Python 3.11's argparse checks an empty list against the choices too.
    bisecting.add_argument("axes", nargs="*", help=f"any of {', '.join(AXES)}; default: every one")
    bisecting.set_defaults(command=bisect)
    commands.add_parser("smoke", help=f"the {SMOKE} set only, as make test runs it").set_defaults(
        command=smoke
    )
    locking = commands.add_parser("lock", help="lock again the sets whose locks are stale")
    locking.add_argument("sets", nargs="*", help="lock these sets again even if current")
    locking.set_defaults(command=lock)
    commands.add_parser("write", help="docs/drift.md again from docs/drift.json").set_defaults(
        command=write
    )
    checking = commands.add_parser("check", help="fail when docs/drift.md is stale")
    checking.add_argument("document", nargs="?", default=str(DOCUMENT))
    checking.add_argument("page", nargs="?", default=str(PAGE))
    checking.set_defaults(command=check)
    arguments = parser.parse_args()
    unknown = [axis for axis in getattr(arguments, "axes", None) or () if axis not in AXES]
    if unknown:
        parser.error(f"no axis named {', '.join(unknown)}: choose from {', '.join(AXES)}")
    status: int = arguments.command(arguments)
    return status


if __name__ == "__main__":
    sys.exit(main())
