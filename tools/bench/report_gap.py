"""The report's section on the database gap: why the FastAPI twin serves database workloads
slower than the Flask twin on their own servers, cause by cause in-process (tools.bench.gap),
and what the variants a FastAPI user would reach for (tools.bench.variants) serve instead."""

from collections.abc import Mapping, Sequence
from typing import Any

from tools.bench.markdown import label, reading, table, times, workload_label
from tools.bench.subjects import NATIVE_SERVERS, VARIANT_APPS
from tools.bench.summary import Run, case_ratio
from tools.bench.workloads import DATABASE_WORKLOADS

GAP_HEADING = "## The database gap: why the FastAPI twin is behind on the database"
FLASK_TWIN = f"flask-twin@{NATIVE_SERVERS['flask'].key}"
UVICORN = NATIVE_SERVERS["fastapi"].key
FASTAPI_SUBJECTS = (
    f"fastapi-twin@{UVICORN}",
    *(f"{app.key}@{UVICORN}" for app in VARIANT_APPS),
    f"fastapi-tuned@{UVICORN}",
)
# The rows of tools.bench.gap that are no cause: the wholes they are read against.
WHOLES = ("twin", "flask-twin", "rebuilt", "none")
# A cost both twins pay alike: shown for its size, no share of the gap between them.
BOTH_PAY = ("session-life",)


def gap_section(run: Run) -> list[str]:
    served = served_rows(run)
    causes = (run.get("layers") or {}).get("gap") or []
    if not served and not causes:
        return []
    lines = [GAP_HEADING, ""]
    if served:
        shown = [s for s in FASTAPI_SUBJECTS if any(c != "n/a" for c in served[s])]
        rows = [
            [workload_label(run, w), *(served[s][i] for s in shown)]
            for i, w in enumerate(DATABASE_WORKLOADS)
            if any(served[s][i] != "n/a" for s in shown)
        ]
        lines += [
            "Each FastAPI subject on uvicorn ÷ the Flask twin on gunicorn gthread (their own "
            "servers), on every workload that reaches the database; above 1, FastAPI serves "
            "more requests per second.",
            "",
            *table(["workload", *(label(run, s) for s in shown)], rows),
            *reading(served_reading(run, shown)),
        ]
    if causes:
        lines += causes_table(causes)
    return lines


def served_rows(run: Run) -> dict[str, list[str]]:
    """Per FastAPI subject, its ratio to the Flask twin on each database workload."""
    return {
        subject: [times(case_ratio(run, subject, FLASK_TWIN, w)) for w in DATABASE_WORKLOADS]
        for subject in FASTAPI_SUBJECTS
    }


def served_reading(run: Run, shown: Sequence[str]) -> str:
    parts = []
    for subject in shown:
        ratios = [
            (spread.median, w)
            for w in DATABASE_WORKLOADS
            if (spread := case_ratio(run, subject, FLASK_TWIN, w))
        ]
        if not ratios:
            continue
        ahead = [workload_label(run, w) for value, w in ratios if value >= 1.0]
        low, high = min(v for v, _ in ratios), max(v for v, _ in ratios)
        parts.append(
            f"{label(run, subject)} serves {low:.2f} to {high:.2f} of the Flask twin's rate, "
            f"ahead on {', '.join(ahead) or 'none of them'}"
        )
    return "; ".join(parts) + "." if parts else "no FastAPI subject ran a database workload."


def share_of(row: Mapping[str, Any], gap: float) -> str:
    if row["layer"] in BOTH_PAY:
        return "none: both pay it"
    if row["layer"] in WHOLES or gap <= 0:
        return ""
    return f"{row['us'] / gap:.0%}"


def causes_table(causes: Sequence[Mapping[str, Any]]) -> list[str]:
    by_key = {row["layer"]: row for row in causes}
    fastapi, flask = by_key["twin"]["us"], by_key["flask-twin"]["us"]
    gap = fastapi - flask
    rows = [
        [
            row["label"],
            str(row["handoffs"]) if "handoffs" in row else "",
            f"{row['us']:,.1f}",
            share_of(row, gap),
        ]
        for row in causes
    ]
    handoffs = [row for row in causes if row.get("handoffs")]
    in_the_pool = sum(row["us"] for row in handoffs)
    count = sum(row["handoffs"] for row in handoffs)
    largest = max(
        (row for row in causes if row["layer"] not in (*WHOLES, *BOTH_PAY)),
        key=lambda row: row["us"],
    )
    text = (
        f"the FastAPI twin spends {gap:,.0f} µs more CPU than the Flask twin on a list of ten "
        f"rows; its {count} thread-pool hand-offs account for {in_the_pool:,.0f} µs of that, "
        f"the largest single cause is the {largest['label']} ({largest['us']:,.0f} µs), and "
        f"with every cause removed it costs {by_key['none']['us']:,.0f} µs against Flask's "
        f"{flask:,.0f}"
    )
    return [
        "### The causes, in-process",
        "",
        "CPU µs per `GET /employees?limit=10`, in-process as the layers above: a cause's cost "
        "is the app with it minus the app without it, each measured alone; the hand-offs are "
        "the trips to the thread pool and back that the cause makes per request. A share is "
        "of the gap between the two twins; shares need not add up to 100%, the causes "
        "overlap (a thread pool kept busy is cheaper per hand-off).",
        "",
        *table(["cause", "hand-offs", "CPU µs per request", "share of the gap"], rows),
        *reading(text + "."),
    ]
