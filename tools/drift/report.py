"""docs/drift.md from docs/drift.json (what `make drift` saw on each version set, and where
bisecting placed each change) and the registry's version ranges; and the checks that keep it
honest: the page is stale when it no longer renders from them, when a set's lock changed since
it ran, and an entry's range is wrong where the matrix saw it show outside it or not inside.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sidebyside import Probe
from sidebyside.verdict import covers, pair_matches, verdict_of, versions_hold

from parity_tests.differential.cases import every_probe
from parity_tests.registry import REGISTRY
from parity_tests.sides import DEFAULT_PAIR
from tools.drift.environments import digest, lock_path
from tools.drift.sets import SETS, by_name

Record = Mapping[str, Any]
SHOWS, ABSENT, DIFFERENT, NOT_PROBED, NOT_RUN = "shows", "absent", "different", "-", "n/a"
# The varied releases each set is summarised by.
SHOWN_VERSIONS = ("flask", "werkzeug", "flask-cors", "flask-pydantic", "fastapi", "starlette")


@cache
def probes() -> dict[str, Probe]:
    return {f"{probe.feature}: {probe.title}": probe for probe in every_probe()}


_JUDGED: dict[int, tuple[Record, dict[str, Any]]] = {}


def judged(record: Record) -> dict[str, Any]:
    """`judge_set`, once per record."""
    kept = _JUDGED.get(id(record))
    if kept is None or kept[0] is not record:
        kept = _JUDGED[id(record)] = (record, judge_set(record))
    return kept[1]


def judge_set(record: Record) -> dict[str, Any]:
    """The set's cases judged against today's registry and probes: a verdict each (entries
    expected only within their ranges, on the set's releases), and per entry how many cases
    name it, show it, and differ beyond what they name. Outside its range an entry shows only
    where no entry within range explains the difference."""
    versions: dict[str, str] = record["versions"]
    verdicts: Counter[str] = Counter()
    entries: dict[str, Counter[str]] = {}
    unexpected = []
    for key, items in sorted(record["differing"].items()):
        names = [
            name
            for name in probes()[key].differences
            if pair_matches(REGISTRY[name].pairs, DEFAULT_PAIR.name)
        ]
        current = [name for name in names if versions_hold(REGISTRY[name].versions, versions.get)]
        verdict = verdict_of(items, [REGISTRY[name] for name in current])
        verdicts[verdict] += 1

        def explained(item: str, among: Sequence[str]) -> bool:
            return any(covers(aspect, item) for name in among for aspect in REGISTRY[name].aspects)

        unexplained = [item for item in items if not explained(item, current)]
        for name in names:
            cell = entries.setdefault(name, Counter())
            cell["named"] += 1
            seen_in = items if name in current else unexplained
            cell["shown"] += any(explained(item, [name]) for item in seen_in)
            cell["beyond"] += any(not explained(item, names) for item in items)
        if verdict == "unexpected":
            missing = [n for n in current if not any(explained(i, [n]) for i in items)]
            unexpected.append(
                f"{key}: "
                + "; ".join(
                    [f"differs in {item}" for item in unexplained]
                    + [f"{name} expected but absent" for name in missing]
                )
            )
    return {
        "verdicts": {v: verdicts[v] for v in ("same", "documented", "unexpected")},
        "entries": entries,
        "unexpected": unexpected,
        "cases": sum(verdicts.values()),
    }


def changed_probes(records: Sequence[Record]) -> list[str]:
    """Sets whose recorded cases are not today's probes (added, removed or renamed)."""
    return [
        f"{record['set']}: the probes changed since the matrix ran"
        for record in records
        if record["status"] == "ran" and set(record["differing"]) != set(probes())
    ]


def cell(record: Record, entry: str) -> str:
    """What the entry did on one set: shows (in every case that names it), absent (in none,
    the answers otherwise alike), different (in none, the answers differing otherwise),
    k/n (in some), - (no probe names it), n/a (the twins did not run)."""
    if record["status"] != "ran":
        return NOT_RUN
    counts = judged(record)["entries"].get(entry)
    if counts is None:
        return NOT_PROBED
    named, shown, beyond = counts["named"], counts.get("shown", 0), counts.get("beyond", 0)
    if shown == named:
        return SHOWS
    if shown == 0:
        return DIFFERENT if beyond else ABSENT
    return f"{shown}/{named}"


def in_range(entry: str, record: Record) -> bool:
    versions: dict[str, str] = record["versions"]
    return versions_hold(REGISTRY[entry].versions, versions.get)


def range_disagreements(records: Sequence[Record]) -> list[str]:
    """Each entry x set where the registry's range and the matrix disagree: the entry showed
    (in any case) outside its range, or in no case inside it. (Inside its range, a case that
    does not show it is an unexpected verdict of its own.)"""
    found = []
    for record in records:
        for entry in REGISTRY:
            seen = cell(record, entry)
            if seen in (NOT_RUN, NOT_PROBED):
                continue
            expected = in_range(entry, record)
            if expected and seen in (ABSENT, DIFFERENT):
                found.append(f"{entry} on {record['set']}: in its range but {seen}")
            elif not expected and seen not in (ABSENT, DIFFERENT):
                found.append(f"{entry} on {record['set']}: outside its range but {seen}")
    return found


def stale_locks(records: Sequence[Record]) -> list[str]:
    """Sets whose lock changed (or that were added or removed) since the matrix ran."""
    ran = {record["set"]: record.get("lock") for record in records}
    problems = [
        f"{name}: not in the matrix run" for name in (s.name for s in SETS) if name not in ran
    ]
    for name, lock in ran.items():
        try:
            current = digest(lock_path(by_name(name)))
        except LookupError:
            problems.append(f"{name}: no longer a version set")
            continue
        if lock is not None and lock != current:
            problems.append(f"{name}: its lock changed since the matrix ran")
    return problems


def versions_line(record: Record) -> str:
    versions = record.get("versions", {})
    if not versions:
        return "see its lock"
    return ", ".join(f"{package} {versions[package]}" for package in SHOWN_VERSIONS)


def range_text(entry: str) -> str:
    versions = sorted(REGISTRY[entry].versions)
    return ", ".join(f"`{requirement}`" for requirement in versions) or "every set the twins run on"


def render(document: Mapping[str, Any]) -> str:
    records: list[Record] = document["sets"]
    changes: list[Record] = document.get("changes", [])
    names = [record["set"] for record in records]
    lines = [
        "# Drift: the parity report across framework releases",
        "",
        "Generated by `make drift` from [drift.json](drift.json): the differential probes run "
        "in a locked environment per version set (`tools/drift/locks/`), each registry entry "
        "looked at on every set whatever its range says. Do not edit by hand.",
        "",
        "Each lock records a digest of the requirements it was resolved from. When the "
        "project's requirements change, `python -m tools.drift lock` locks the stale sets "
        "again, keeping every version that still fits (`make drift` does it itself; the "
        "smoke in `make test` refuses a stale lock).",
        "",
        "## Version sets",
        "",
        "| set | releases | why | status | cases | same | documented | unexpected |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for record in records:
        verdicts = judged(record)["verdicts"] if record["status"] == "ran" else {}
        status = record["status"]
        if status != "ran":
            status = f"{status}: {record['reason']}"
        counts = (
            [str(judged(record)["cases"])]
            + [str(verdicts.get(v, 0)) for v in ("same", "documented", "unexpected")]
            if record["status"] == "ran"
            else ["-"] * 4
        )
        lines.append(
            f"| {record['set']} | {versions_line(record)} | {record['why']} | {status} | "
            + " | ".join(counts)
            + " |"
        )
    lines += [
        "",
        "## Where each entry shows",
        "",
        "shows: in every case that names it; absent: in none, the answers otherwise alike; "
        "different: in none, the answers differing in another way; k/n: in k of n cases; "
        "-: no probe names it; n/a: the twins do not run on that set.",
        "",
        "| entry | range | " + " | ".join(names) + " |",
        "|---|---|" + "---|" * len(names),
    ]
    for entry in REGISTRY:
        lines.append(
            f"| [{entry}](parity.md#{entry}) | {range_text(entry)} | "
            + " | ".join(cell(record, entry) for record in records)
            + " |"
        )
    lines += ["", "## What changed, and in which release", ""]
    if changes:
        lines += ["| entry | before | after | changed by |", "|---|---|---|---|"]
        lines += [
            f"| {change['entry']} | {change['before']} | {change['after']} | {change['release']} |"
            for change in changes
        ]
    else:
        lines.append("No entry changed between the sets of the matrix.")
    disagreements = range_disagreements(records)
    lines += ["", "## Ranges the matrix contradicts", ""]
    lines += [f"- {line}" for line in disagreements] or ["None: every range holds on every set."]
    lines += ["", "## Unexpected differences", ""]
    unexpected = [
        (record["set"], case) for record in records for case in record.get("unexpected", [])
    ]
    lines += [f"- {name}: {' / '.join(case)}" for name, case in unexpected] or ["None."]
    return "\n".join(lines) + "\n"
