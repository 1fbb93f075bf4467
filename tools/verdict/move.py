"""The verdict's two sections on a move: what breaks clients (the parity registry's
differences, each with its bridge and the compat mode piece that applies it) and what the move
costs at run time (the benchmark's migration subjects against both twins)."""

from sidebyside import AcceptedDifference

from tools.bench.markdown import label, table, times, workload_label
from tools.bench.report_migration import (
    FASTAPI_TWIN,
    FLASK_TWIN,
    migration_subjects,
    steps_text,
)
from tools.bench.summary import Run, case_ratio, ran
from tools.bench.workloads import MIGRATION_WORKLOADS
from tools.verdict.evidence import COMPAT_PAIR, Evidence
from tools.verdict.links import BENCH_MIGRATION, MIGRATION_STRANGLER, cell, parity, source

BREAKING_HEADING = "## What breaks clients on a move"
COST_HEADING = "## What the move costs at run time"


def breaking_section(evidence: Evidence) -> list[str]:
    breaking = evidence.breaking()
    left = evidence.breaking(COMPAT_PAIR)
    ranked = parity("what-matters-most-for-an-api-client", "ranked in the parity report")
    lines = [
        BREAKING_HEADING,
        "",
        f"{_count(len(breaking), 'difference breaks', 'differences break')} the clients of "
        "the Flask twin when FastAPI answers as written (the parity registry's impact "
        f"*breaks clients*, {ranked}). Compat mode, every bridge of `migration/compat` "
        f"switched on, leaves {len(left)} of them.",
        "",
        *table(
            ["Difference", "What a client notices", "The bridge", "In compat mode"],
            [_difference_row(d) for d in breaking],
        ),
        "",
    ]
    if left:
        lines += [
            "Left by compat mode: " + ", ".join(parity(d.id, d.id) for d in left) + ".",
            "",
        ]
    return lines


def _difference_row(difference: AcceptedDifference) -> list[str]:
    piece = source(difference.bridged_by) if difference.bridged_by else cell(difference.unbridged)
    return [
        f"{parity(difference.id, difference.id)}: {cell(difference.title)}",
        cell(difference.impact_reason),
        cell(difference.bridge),
        piece,
    ]


def cost_section(run: Run) -> list[str]:
    subjects = migration_subjects(run)
    steps = (run.get("migration") or {}).get("strangler_steps") or {}
    lines = [
        COST_HEADING,
        "",
        "Each step of the migration kit on uvicorn, against the Flask twin on gunicorn gthread "
        "(where a team starts) and the FastAPI twin on uvicorn (where it ends), in requests per "
        f"second ({BENCH_MIGRATION}; the steps: {MIGRATION_STRANGLER}).",
    ]
    if steps:
        lines[-1] += f" The strangler's steps: {steps_text(steps)}."
    rows = [
        [
            label(run, subject),
            workload_label(run, workload),
            times(case_ratio(run, subject, FLASK_TWIN, workload)),
            times(case_ratio(run, subject, FASTAPI_TWIN, workload)),
        ]
        for subject in subjects
        for workload in MIGRATION_WORKLOADS
        if ran(run, subject, workload)
    ]
    if not rows:
        return [*lines, "", "The run has no step of the migration kit.", ""]
    lines += [
        "",
        *table(["Step", "Workload", "÷ Flask twin (gthread)", "÷ FastAPI twin (uvicorn)"], rows),
        "",
        "*Reading:* each step's costliest workload, as a share of the Flask twin's requests "
        "per second: " + "; ".join(_costliest(run, s) for s in subjects) + ".",
        "",
    ]
    return lines


def _costliest(run: Run, subject: str) -> str:
    """The workload on which a step keeps the least of the Flask twin's requests per second."""
    ratios = {w: case_ratio(run, subject, FLASK_TWIN, w) for w in MIGRATION_WORKLOADS}
    measured = {w: ratio for w, ratio in ratios.items() if ratio is not None}
    if not measured:
        return f"{label(run, subject)}: no workload measured"
    workload = min(measured, key=lambda w: measured[w].median)
    ratio = measured[workload]
    return f"{label(run, subject)}, {times(ratio)} on {workload_label(run, workload)}"


def _count(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"
