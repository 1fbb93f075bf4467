"""Where an entry changed: between two neighbouring sets of one axis that disagree on it, the
releases in between are bisected, each a version set of its own (locked and kept like the
matrix's), until the change sits between two consecutive releases."""

import json
import re
import subprocess
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any

from packaging.version import Version

from tools.drift.environments import ENVS, UV
from tools.drift.report import NOT_RUN, cell, judged
from tools.drift.sets import SETS, VersionSet

Record = dict[str, Any]
RunSet = Callable[[VersionSet], Record]
RELEASES = ENVS.parent / "releases.json"


def releases(package: str) -> list[Version]:
    """The package's final releases, oldest first, as the package index lists them (asked
    once per package, then kept under var/drift)."""
    known: dict[str, list[str]] = json.loads(RELEASES.read_text()) if RELEASES.exists() else {}
    if package not in known:
        listed = subprocess.run(  # noqa: S603 - our own commands, never a shell
            # pip beside the lock tool: the project's environment, made by uv, has none.
            [str(UV.parent / "python"), "-m", "pip", "index", "versions", package],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        found = re.search(r"Available versions: (.*)", listed)
        known[package] = found.group(1).split(", ") if found else []
        RELEASES.parent.mkdir(parents=True, exist_ok=True)
        RELEASES.write_text(json.dumps(known, indent=1, sort_keys=True))
    return sorted(v for v in map(Version, known[package]) if not v.is_prerelease)


def axis_version(record: Record, axis: str) -> Version:
    return Version(record["versions"][axis])


def point_set(axis: str, version: Version) -> VersionSet:
    """A set that moves only `axis` to `version`, its followers as the matrix's sets move them."""
    pins = {axis: f"=={version}"}
    if axis == "flask":
        pins["werkzeug"] = f"=={version.major}.{version.minor}.*"
    return VersionSet(f"bisect-{axis}-{version}", pins, f"bisecting {axis}", axis=axis)


def neighbours(records: Sequence[Record], axis: str) -> list[tuple[Record, Record]]:
    """The axis's sets and the locked one, ordered by the axis's version, paired with the
    next; only sets where the twins ran."""
    names = {s.name for s in SETS if s.axis == axis} | {"locked"}
    points = sorted(
        (r for r in records if r["set"] in names and r["status"] == "ran"),
        key=lambda r: axis_version(r, axis),
    )
    return list(pairwise(points))


def label(record: Record, axis: str) -> str:
    versions = record["versions"]
    follower = {"flask": "werkzeug", "fastapi": "starlette"}.get(axis)
    extra = f" (with {follower} {versions[follower]})" if follower else ""
    return f"{axis} {versions[axis]}{extra}"


def narrow(
    axis: str, low: Record, high: Record, entries: list[str], run: RunSet
) -> list[dict[str, str]]:
    """Bisect the releases strictly between `low` and `high` for the entries that differ."""
    between = [v for v in releases(axis) if axis_version(low, axis) < v < axis_version(high, axis)]
    if not between or not entries:
        return [
            {
                "entry": entry,
                "before": f"{label(low, axis)}: {cell(low, entry)}",
                "after": f"{label(high, axis)}: {cell(high, entry)}",
                "release": label(high, axis),
            }
            for entry in entries
        ]
    middle = run(point_set(axis, between[len(between) // 2]))
    if middle["status"] != "ran":
        # The twins do not run there: the change stays between the two points known.
        return [
            {
                "entry": entry,
                "before": f"{label(low, axis)}: {cell(low, entry)}",
                "after": f"{label(high, axis)}: {cell(high, entry)}",
                "release": f"between the two ({middle['set']}: {NOT_RUN}, {middle['reason']})",
            }
            for entry in entries
        ]
    like_low = [e for e in entries if cell(middle, e) == cell(low, e)]
    like_high = [e for e in entries if cell(middle, e) == cell(high, e) and e not in like_low]
    elsewhere = [e for e in entries if e not in like_low and e not in like_high]
    return narrow(axis, low, middle, [*like_high, *elsewhere], run) + narrow(
        axis, middle, high, [*like_low, *elsewhere], run
    )


AXES = ("flask", "fastapi", "starlette", "flask-cors", "flask-pydantic")


def changes(records: Sequence[Record], run: RunSet, axis: str) -> list[dict[str, str]]:
    """Every entry's change along one axis, placed at the release that made it."""
    found = []
    for low, high in neighbours(records, axis):
        differing = sorted(
            {
                e
                for e in {**judged(low)["entries"], **judged(high)["entries"]}
                if cell(low, e) != cell(high, e)
            }
        )
        found += narrow(axis, low, high, differing, run)
    return found
