"""docs/benchmarks.md from a run's JSON: tables, a reading under each, charts, the machine.

Everything in the report is computed from the JSON written beside it; nothing is typed in.
"""

import json
import shutil
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from tools.bench import charts
from tools.bench.judge import SATURATION_CPU_SHARE, Spread
from tools.bench.markdown import (
    flags,
    label,
    number,
    rate,
    reading,
    server_label,
    table,
    times,
    workload_label,
)
from tools.bench.report_gap import gap_section
from tools.bench.report_migration import migration_section
from tools.bench.report_recipes import recipes_section
from tools.bench.summary import CaseSummary, Run, case, case_ratio, ran, workload_info

REPORT_NAME = "benchmarks.md"
# A case's RSS is the largest of its rounds (summary.case): the heading says so, beside medians.
RSS_HEADING = "max RSS MB"
JSON_NAME = "benchmarks.json"
CHARTS_DIR = "benchmarks"
# A one-minute load average at least this high before the run: other work shared the machine.
SHARED_LOAD = 1.0
# A quarter of a CPU kept busy by other work, sampled just before the run started.
SHARED_CPUS_BUSY = 0.25
SERVER_ORDER = (
    "gunicorn-gthread",
    "gunicorn-gevent",
    "granian-wsgi",
    "uvicorn",
    "gunicorn-uvicorn",
    "granian-asgi",
)
BARE_APP = {"flask": "bare-flask", "fastapi": "bare-fastapi"}
RAW_APP = {"wsgi": "raw-wsgi", "asgi": "raw-asgi"}
SERVER_INTERFACE = {
    "gunicorn-gthread": "wsgi",
    "gunicorn-gevent": "wsgi",
    "granian-wsgi": "wsgi",
    "uvicorn": "asgi",
    "gunicorn-uvicorn": "asgi",
    "granian-asgi": "asgi",
}
TWIN = {"wsgi": "flask-twin", "asgi": "fastapi-twin"}
# FastAPI ÷ Flask, each pair of servers a question of its own.
FRAMEWORK_PAIRS = (
    ("server held equal (granian)", "fastapi-twin@granian-asgi", "flask-twin@granian-wsgi"),
    (
        "native servers (uvicorn ÷ gunicorn gthread)",
        "fastapi-twin@uvicorn",
        "flask-twin@gunicorn-gthread",
    ),
    (
        "both under gunicorn (uvicorn worker ÷ gthread)",
        "fastapi-twin@gunicorn-uvicorn",
        "flask-twin@gunicorn-gthread",
    ),
    ("FastAPI native ÷ Flask on gevent", "fastapi-twin@uvicorn", "flask-twin@gunicorn-gevent"),
    ("tuned twins, native servers", "fastapi-tuned@uvicorn", "flask-tuned@gunicorn-gthread"),
)


# --- sections ---------------------------------------------------------------------------------


def servers_in(run: Run) -> list[str]:
    present = {s["server"] for s in run["subjects"]}
    return [server for server in SERVER_ORDER if server in present]


TUNED_OVER_BARE = "tuned ÷ bare"
HELLO_HEADING = "## Hello: what each layer costs, server by server"


def hello_section(run: Run) -> list[str]:
    rows = []
    twin_ratios: list[tuple[str, Spread]] = []
    tuned_ratios: list[tuple[str, Spread]] = []
    raw_ratios: list[tuple[str, Spread]] = []
    for server in servers_in(run):
        interface = SERVER_INTERFACE[server]
        framework = "flask" if interface == "wsgi" else "fastapi"
        twin = f"{TWIN[interface]}@{server}"
        tuned = f"{framework}-tuned@{server}"
        bare = f"{BARE_APP[framework]}@{server}"
        raw = f"{RAW_APP[interface]}@{server}"
        if not any(ran(run, s, "hello") for s in (twin, bare, raw)):
            continue
        cells = {s: case(run, s, "hello") for s in (twin, tuned, bare, raw)}
        twin_over_bare = case_ratio(run, twin, bare, "hello")
        tuned_over_bare = case_ratio(run, tuned, bare, "hello")
        bare_over_raw = case_ratio(run, bare, raw, "hello")
        for kept, found in (
            (twin_ratios, twin_over_bare),
            (tuned_ratios, tuned_over_bare),
            (raw_ratios, bare_over_raw),
        ):
            if found:
                kept.append((server, found))
        twin_cell = cells[twin]
        rows.append(
            [
                server_label(run, server),
                *(rate(c.requests_per_s) if c else "n/a" for c in cells.values()),
                times(twin_over_bare),
                times(tuned_over_bare),
                times(bare_over_raw),
                number(twin_cell.p99_ms) if twin_cell else "n/a",
                number(twin_cell.rss_mb, 0) if twin_cell else "n/a",
            ]
        )
    lines = [
        HELLO_HEADING,
        "",
        "`GET /` at 32 connections. *Twin* is the app of this repository as written, every "
        "feature on; *tuned* is the twin with every recipe of `tools/bench/tuned` (see *What each "
        "recipe wins*), on each twin's own server; *bare* is the framework's own hello world "
        "(one route returning a dict); *raw* is a callable with no framework, the server's own "
        "limit.",
        "",
        *table(
            [
                "server",
                "twin req/s",
                "tuned req/s",
                "bare req/s",
                "raw req/s",
                "twin ÷ bare",
                TUNED_OVER_BARE,
                "bare ÷ raw",
                "twin p99 ms",
                f"twin {RSS_HEADING}",
            ],
            rows,
        ),
    ]
    if twin_ratios:
        worst = min(twin_ratios, key=lambda item: item[1].median)
        best = max(twin_ratios, key=lambda item: item[1].median)
        text = (
            f"the twins keep between {worst[1].median:.2f} ({server_label(run, worst[0])}) and "
            f"{best[1].median:.2f} ({server_label(run, best[0])}) of their bare framework's hello"
        )
        if tuned_ratios:
            text += "; tuned, " + ", ".join(
                f"{value.median:.2f} on {server_label(run, server)}"
                for server, value in tuned_ratios
            )
        if raw_ratios:
            lowest = min(raw_ratios, key=lambda item: item[1].median)
            text += (
                f"; the frameworks themselves keep as little as {lowest[1].median:.2f} of the raw "
                f"callable ({server_label(run, lowest[0])})"
            )
        lines += reading(text + ".")
    lines += reference_section(run)
    lines += extension_section(run)
    return lines


# The reference hellos (tools/bench/reference), and the Python hellos held against them.
REFERENCES = ("node-http@node", "go-http@go")
AGAINST_REFERENCES = (
    "bare-fastapi@uvicorn",
    "bare-flask@gunicorn-gthread",
    "fastapi-twin@uvicorn",
    "flask-twin@gunicorn-gthread",
)


def reference_section(run: Run) -> list[str]:
    """The Python hellos as shares of a hello in Node.js's `http` and in Go's `net/http`."""
    references = [r for r in REFERENCES if ran(run, r, "hello")]
    if not references:
        return []
    rows = []
    for python in AGAINST_REFERENCES:
        if not ran(run, python, "hello"):
            continue
        summary = case(run, python, "hello")
        ratios = [case_ratio(run, python, reference, "hello") for reference in references]
        rows.append(
            [
                label(run, python),
                rate(summary.requests_per_s) if summary else "n/a",
                *(times(value) for value in ratios),
            ]
        )
    reference_rows = []
    for reference in references:
        summary = case(run, reference, "hello")
        reference_rows.append(
            [
                label(run, reference),
                rate(summary.requests_per_s) if summary else "n/a",
                number(summary.p99_ms) if summary else "n/a",
                flags(summary) if summary else "",
            ]
        )
    lines = [
        "### Against Node.js and Go",
        "",
        "The same hello in Node.js's own `http` module and in Go's `net/http` "
        "(`tools/bench/reference`), no framework, one process pinned to the servers' CPU, in the "
        "same rounds; each Python hello's ratio to them is taken within each round.",
        "",
        *table(["reference", "req/s", "p99 ms", "notes"], reference_rows),
        "",
        *table(
            ["Python hello", "req/s", *(f"÷ {label(run, r)}" for r in references)],
            rows,
        ),
    ]
    bare_fastapi = [
        (label(run, reference), value)
        for reference in references
        if (value := case_ratio(run, "bare-fastapi@uvicorn", reference, "hello"))
    ]
    if bare_fastapi:
        lines += reading(
            "a bare FastAPI hello on uvicorn serves "
            + " and ".join(f"{value.median:.2f} of {name}'s" for name, value in bare_fastapi)
            + " requests per second."
        )
    return lines


def extension_section(run: Run) -> list[str]:
    """flask-pydantic on its own: the extension the twin chose, apart from the twin's layers."""
    server = "gunicorn-gthread"
    with_extension = f"bare-flask-pydantic@{server}"
    if not ran(run, with_extension, "hello"):
        return []
    bare, twin = f"bare-flask@{server}", f"flask-twin@{server}"
    extension_cost = case_ratio(run, with_extension, bare, "hello")
    twin_over_extension = case_ratio(run, twin, with_extension, "hello")
    summary = case(run, with_extension, "hello")
    lines = [
        "### flask-pydantic on its own",
        "",
        *table(
            ["on gunicorn gthread", "req/s", "÷ bare Flask", "Flask twin ÷ it"],
            [
                [
                    "bare Flask + flask-pydantic `@validate` and a model",
                    rate(summary.requests_per_s) if summary else "n/a",
                    times(extension_cost),
                    times(twin_over_extension),
                ]
            ],
        ),
    ]
    if extension_cost and twin_over_extension:
        lines += reading(
            f"flask-pydantic's `@validate` alone keeps {extension_cost.median:.2f} of bare Flask, "
            f"on a view with nothing to validate. The twin uses it on every view, the hello "
            f"included, as flask-pydantic teaches, and keeps {twin_over_extension.median:.2f} of "
            f"this app; the recipe that answers such a view's model without it is in *What each "
            f"recipe wins*."
        )
    return lines


def twin_workloads(run: Run) -> list[str]:
    return [w["key"] for w in run["workloads"] if w["group"] in ("hello", "app", "list", "io")]


def framework_section(run: Run) -> list[str]:
    rows = []
    verdicts: list[tuple[str, float]] = []
    for workload in twin_workloads(run):
        cells = [case_ratio(run, fastapi, flask, workload) for _, fastapi, flask in FRAMEWORK_PAIRS]
        if not any(cells):
            continue
        rows.append([workload_label(run, workload), *(times(c) for c in cells)])
        equal = cells[0] or cells[1]
        if equal:
            verdicts.append((workload, equal.median))
    if not rows:
        return []
    lines = [
        "## FastAPI ÷ Flask, the twins side by side",
        "",
        "Above 1, the FastAPI twin serves more requests per second than the Flask twin.",
        "",
        *table(["workload", *(name for name, _, _ in FRAMEWORK_PAIRS)], rows),
    ]
    if verdicts:
        wins = [workload_label(run, w) for w, value in verdicts if value >= 1.05]
        losses = [workload_label(run, w) for w, value in verdicts if value <= 0.95]
        text = "with the server held equal (or on the native servers where granian did not run), "
        text += f"FastAPI is ahead on {', '.join(wins) or 'nothing'}"
        text += f" and behind on {', '.join(losses) or 'nothing'}"
        lines += reading(text + "; within 5% elsewhere.")
    return [
        *lines,
        f"![FastAPI ÷ Flask per workload]({CHARTS_DIR}/{charts.FASTAPI_OVER_FLASK})",
        "",
    ]


def twin_subjects(run: Run, kinds: tuple[str, ...] = ("twin",)) -> list[str]:
    return [s["key"] for s in run["subjects"] if s["kind"] in kinds]


def workload_sections(run: Run) -> list[str]:
    lines = ["## Every workload on every server", ""]
    for workload in twin_workloads(run):
        subjects = twin_subjects(run, ("twin", "tuned", "variant"))
        summaries = [c for s in subjects if (c := case(run, s, workload))]
        if not summaries:
            continue
        rows = [
            [
                label(run, c.subject),
                rate(c.requests_per_s),
                number(c.p99_ms),
                number(c.rss_mb, 0),
                flags(c) or "",
            ]
            for c in summaries
        ]
        lines += [
            f"### {workload_label(run, workload)}",
            "",
            *table(["subject", "req/s", "p99 ms", RSS_HEADING, "notes"], rows),
        ]
        lines += reading(workload_reading(run, workload, summaries))
    return lines


def workload_reading(run: Run, workload: str, summaries: Sequence[CaseSummary]) -> str:
    measured = [c for c in summaries if c.requests_per_s is not None]
    failed = [label(run, c.subject) for c in summaries if c.requests_per_s is None]
    if not measured:
        return "every subject failed this case: " + "; ".join(
            f"{label(run, c.subject)}: {', '.join(c.reasons)}" for c in summaries
        )
    ranked = sorted(measured, key=rate_of)
    best, worst = ranked[-1], ranked[0]
    text = (
        f"fastest {label(run, best.subject)} ({rate_of(best):,.0f} req/s), "
        f"slowest {label(run, worst.subject)} ({rate_of(worst):,.0f})"
    )
    info = workload_info(run, workload)
    if info and info["group"] == "io":
        ideal = ideal_async_rate(info)
        if ideal:
            text += f"; the ideal is {ideal:,.0f} req/s (connections ÷ delay)"
    if failed:
        text += f"; failed: {', '.join(failed)}"
    return text + "."


def rate_of(summary: CaseSummary) -> float:
    return summary.requests_per_s.median if summary.requests_per_s else 0.0


def ideal_async_rate(info: Mapping[str, Any]) -> float | None:
    _, _, delay = str(info["path"]).partition("delay=")
    try:
        return float(info["connections"]) / float(delay)
    except ValueError:
        return None


def sweep_section(
    run: Run,
    title: str,
    intro: str,
    group: str,
    axis: str,
    subjects: Sequence[str],
    extra: tuple[int, str] | None,
    chart: str,
    explain: Callable[[Run, list[tuple[int, str]], Sequence[str]], str],
) -> list[str]:
    points = sorted(
        (int(w["size"]), str(w["key"])) for w in run["workloads"] if w["group"] == group
    )
    if extra and any(ran(run, s, extra[1]) for s in subjects):
        points = sorted([*points, extra])
    shown = [s for s in subjects if any(ran(run, s, key) for _, key in points)]
    if not points or not shown:
        return []
    rows = []
    for size, key in points:
        cells = [case(run, s, key) for s in shown]
        rows.append([str(size), *(rate(c.requests_per_s) if c else "n/a" for c in cells)])
    return [
        f"## {title}",
        "",
        intro,
        "",
        *table([axis, *(label(run, s) for s in shown)], rows),
        *reading(explain(run, points, shown)),
        f"![{title}]({CHARTS_DIR}/{chart})",
        "",
    ]


def list_reading(run: Run, points: list[tuple[int, str]], subjects: Sequence[str]) -> str:
    """The cost of one more row: the slope of seconds per request against rows listed."""
    (small, small_key), (large, large_key) = points[0], points[-1]
    if large == small:
        return f"only {small} rows were listed: no growth to show."
    parts = []
    for subject in subjects:
        low, high = case(run, subject, small_key), case(run, subject, large_key)
        if low and high and low.requests_per_s and high.requests_per_s:
            per_row_us = (1 / high.requests_per_s.median - 1 / low.requests_per_s.median) / (
                large - small
            )
            parts.append(f"{label(run, subject)} {per_row_us * 1e6:.0f} µs")
    if not parts:
        return "no subject completed both ends of the sweep."
    return (
        f"each row from {small} to {large} adds, per request: " + ", ".join(parts) + " (one CPU)."
    )


def concurrency_reading(run: Run, points: list[tuple[int, str]], subjects: Sequence[str]) -> str:
    parts = []
    for subject in subjects:
        rates = [
            (size, c.requests_per_s.median)
            for size, key in points
            if (c := case(run, subject, key)) and c.requests_per_s
        ]
        if rates:
            size, best = max(rates, key=lambda item: item[1])
            parts.append(f"{label(run, subject)} peaks at {size} ({best:,.0f} req/s)")
    return "; ".join(parts) + "." if parts else "no subject completed the sweep."


def layers_section(run: Run) -> list[str]:
    layers = run.get("layers")
    if not layers:
        return []
    lines = [
        "## What each layer of the twins costs",
        "",
        f"CPU time per `GET /` with the app called in-process, no server ({layers['method']}). "
        "A layer's cost is the whole twin minus the twin without that layer; *the rest* is what "
        "no listed layer explains (a larger URL map, blueprints or routers, request hooks). "
        "Differences of a few µs are within the noise of a shared machine.",
        "",
    ]
    for framework, name in (("flask", "Flask"), ("fastapi", "FastAPI")):
        rows = layers.get(framework)
        if not rows:
            continue
        twin = next(row["us"] for row in rows if row["layer"] == "twin")
        bare = next(row["us"] for row in rows if row["layer"] == "bare")
        table_rows = [
            [
                row["label"],
                f"{row['us']:.1f}",
                "" if row["layer"].startswith("bare") else f"{row['us'] / twin:.0%}",
            ]
            for row in rows
        ]
        lines += [
            f"### {name}",
            "",
            *table(["layer", "CPU µs per request", "share of the twin"], table_rows),
        ]
        own = [row for row in rows if row["layer"] != "twin" and row["layer"] != "rest"]
        own = [row for row in own if not row["layer"].startswith("bare")]
        largest = max(own, key=lambda row: row["us"]) if own else None
        text = f"the {name} twin costs {twin - bare:.0f} µs more than bare {name} per request"
        if largest:
            text += f"; its largest layer is {largest['label']} ({largest['us']:.0f} µs)"
        lines += reading(text + "." + layers_overlap_reading(rows, name))
    return lines


def layers_overlap_reading(rows: Sequence[dict[str, Any]], name: str) -> str:
    """Why *the rest* is below zero, when it is: a negative cost is no cost a reader can find."""
    rest = next((row["us"] for row in rows if row["layer"] == "rest"), 0.0)
    if rest >= 0:
        return ""
    bare = next(row["us"] for row in rows if row["layer"] == "bare")
    cheaper = [
        f"{row['label']} costs {bare - row['us']:.1f} µs less than bare {name}"
        for row in rows
        if row["layer"].startswith("bare-") and row["us"] < bare
    ]
    text = (
        f" The rest is below zero ({rest:.1f} µs): the layers, each measured by taking it away"
        " alone, add up to more than the twin's gap to bare"
    )
    if cheaper:
        text += ", because the twin also holds what makes it cheaper than bare: " + "; ".join(
            cheaper
        )
    return text + ". Read the rest as none."


def list_parts_section(run: Run) -> list[str]:
    parts = (run.get("layers") or {}).get("list")
    if not parts:
        return []
    rows = [
        [
            f"{p['rows']:,}",
            f"{p['query_us']:,.0f}",
            f"{p['validate_us']:,.0f}",
            f"{p['serialise_us']:,.0f}",
            f"{p['flask_framework_us']:,.0f} of {p['flask_us']:,.0f}",
            f"{p['fastapi_framework_us']:,.0f} of {p['fastapi_us']:,.0f}",
        ]
        for p in parts
    ]
    largest = parts[-1]
    core = largest["query_us"] + largest["validate_us"] + largest["serialise_us"]
    shares = {
        "SQLAlchemy": largest["query_us"],
        "validation into the response models": largest["validate_us"],
        "JSON": largest["serialise_us"],
    }
    biggest = max(shares, key=lambda name: shares[name])
    return [
        "### Where the employee list's time goes",
        "",
        "CPU µs per `GET /employees?limit=N`, in-process, the same way as the layers above: "
        "*SQLAlchemy* is the page query and the count on SQLite; *validation* turns the rows "
        "into `EmployeeOut` models (the shared core, the same code in both apps); *JSON* writes "
        "the list; each framework's share is its whole request minus those three.",
        "",
        *table(
            [
                "rows",
                "SQLAlchemy",
                "validation",
                "JSON",
                "Flask: framework of total",
                "FastAPI: framework of total",
            ],
            rows,
        ),
        *reading(
            f"at {largest['rows']:,} rows the shared parts take {core:,.0f} µs, "
            f"{core / largest['flask_us']:.0%} of the Flask twin's request and "
            f"{core / largest['fastapi_us']:.0%} of the FastAPI twin's; the largest part is "
            f"{biggest} ({shares[biggest]:,.0f} µs)."
        ),
    ]


def before_after_section(run: Run) -> list[str]:
    befores = [s for s in run["subjects"] if str(s["app"]).endswith("-before")]
    rows = []
    for before in befores:
        app = str(before["app"]).removesuffix("-before")
        after = f"{app}@{before['server']}"
        framework = before["framework"]
        bare = f"{BARE_APP[framework]}@{before['server']}"
        for workload in twin_workloads(run):
            if not ran(run, before["key"], workload):
                continue
            rows.append(
                [
                    f"{label(run, after)}, {workload_label(run, workload)}",
                    times(case_ratio(run, before["key"], bare, workload))
                    if ran(run, bare, workload)
                    else "n/a",
                    times(case_ratio(run, after, bare, workload))
                    if ran(run, bare, workload)
                    else "n/a",
                    times(case_ratio(run, after, before["key"], workload)),
                ]
            )
    if not rows:
        return []
    return [
        "## Before and after: the twins' own overhead",
        "",
        "The twins as they were before this change ran beside the current ones, in the same "
        "rounds, each against the same bare app.",
        "",
        *table(["twin and workload", "before ÷ bare", "after ÷ bare", "after ÷ before"], rows),
        "",
    ]


def failures_section(run: Run) -> list[str]:
    failed = [r for r in run["results"] if r["failed"]]
    saturated = [r for r in run["results"] if r.get("saturated")]
    lines = ["## Failed and doubtful cases", ""]
    if not failed and not saturated:
        return [*lines, "None: every case of every round passed, and wrk never saturated.", ""]
    rows = [
        [
            str(r["round"]),
            label(run, r["subject"]),
            r["workload"],
            "failed: " + "; ".join(r["reasons"]) if r["failed"] else "load generator saturated",
        ]
        for r in [*failed, *saturated]
    ]
    return [*lines, *table(["round", "subject", "workload", "what"], rows), ""]


def other_work_ran(machine: dict[str, Any]) -> bool:
    """Whether the machine was busy with other work when the run started: the CPUs' busy
    time sampled then, or, for a run that has no sample, its load average."""
    busy = machine.get("cpus_busy_at_start")
    if busy is not None:
        return bool(busy >= SHARED_CPUS_BUSY)
    load = machine.get("load_average_at_start", [])
    return bool(load and load[0] >= SHARED_LOAD)


def method_section(run: Run) -> list[str]:
    profile = run["profile"]
    machine = run["machine"]
    started = datetime.fromisoformat(run["started"])
    pinned = (
        f"every server pinned to CPU {machine['server_cpu']}, wrk to CPU "
        f"{machine['load_generator_cpu']}"
        if machine.get("server_cpu") is not None
        else "no pinning (fewer than two CPUs were usable)"
    )
    load = machine.get("load_average_at_start", [])
    load_end = machine.get("load_average_at_end", [])
    lines = [
        f"Made by `{run['command']}` on {started:%Y-%m-%d} ({started:%H:%M} UTC): "
        f"{profile['rounds']} round(s); before each case {profile['warmup_s']:g} s of warm-up, "
        f"then {profile['duration_s']:g} s measured with {profile['load_generator']}.",
        "",
        f"Machine: {machine['cpu_model']}, {machine['cores']} cores, "
        f"{machine['memory_gb']} GB, {machine['platform']}; {pinned}. "
        f"Load average (1, 5, 15 min) {', '.join(map(str, load))} at the start, "
        f"{', '.join(map(str, load_end))} at the end.",
    ]
    busy = machine.get("cpus_busy_at_start")
    if busy is not None:
        lines[-1] += f" Before any server started, other work kept {busy} CPUs busy."
    if other_work_ran(machine):
        evidence = f"{busy} CPUs busy" if busy is not None else f"a load average of {load[0]}"
        lines += [
            "",
            f"**The machine was shared:** other work was running beside the benchmark "
            f"({evidence} before any server started). Each server and wrk ran at "
            f"raised priority (niceness {machine.get('niceness', 0)}), and every ratio is taken "
            "within a round, but single figures are noisier than on an idle machine.",
        ]
    if run.get("note"):
        lines += ["", f"**Note:** {run['note']}"]
    lines += [
        "",
        "How to read it: each round starts every server afresh on a freshly copied database "
        "and runs every case once, workload by workload, so the two sides of a ratio are "
        "measured seconds apart. Requests per second are the median of the rounds with the "
        "lowest and highest in brackets; p99 is the 99th percentile latency of the median "
        "round; RSS is the largest, over the passed rounds, of the resident memory of the "
        "server process that holds the app, read after each case: a maximum, not a median. "
        "A ratio is taken within each round, then its median shown. A case with any socket "
        "error or error status (or whose first request did not answer as expected) is failed "
        "and left out of every median; a case where wrk used "
        f"{SATURATION_CPU_SHARE:.0%} or more of its CPU is marked saturated: there the load "
        "generator, not the server, may have set the pace. Every server runs one worker and "
        "no access log. The servers' command lines are in `tools/bench/subjects.py`.",
        "",
    ]
    return lines


def versions_section(run: Run) -> list[str]:
    rows = [[name, version] for name, version in run["versions"].items()]
    return ["## Versions", "", *table(["component", "version"], rows), ""]


def render(run: Run) -> str:
    list_subjects = twin_subjects(run)
    sweep_subjects = [
        s["key"]
        for s in run["subjects"]
        if s["server"] in ("gunicorn-gthread", "uvicorn")
        and s["app"] != "bare-flask-pydantic"
        # The sweep is the twin beside its baselines: tuned, recipe and migration apps skip it.
        and s["kind"] in ("twin", "bare", "raw")
    ]
    lines = [
        "# Benchmarks: what each framework costs at run time",
        "",
        "<!-- Generated by `python -m tools.bench report` from benchmarks.json beside it: "
        "do not edit by hand; `make bench` regenerates both. -->",
        "",
        *method_section(run),
        *hello_section(run),
        f"![Hello on every server]({CHARTS_DIR}/{charts.HELLO})",
        "",
        *layers_section(run),
        *recipes_section(run, twin_workloads(run)),
        *list_parts_section(run),
        *gap_section(run),
        *before_after_section(run),
        *framework_section(run),
        *migration_section(run),
        *sweep_section(
            run,
            "The employee list: how cost grows with rows",
            "`GET /employees?limit=N` on the bench database (1,000 employees), req/s.",
            "list",
            "rows",
            list_subjects,
            None,
            charts.LIST,
            list_reading,
        ),
        *sweep_section(
            run,
            "Concurrency: hello at 1 to 256 connections",
            "`GET /` on each twin's own server beside its bare and raw apps, req/s.",
            "sweep",
            "connections",
            sweep_subjects,
            (32, "hello"),
            charts.CONCURRENCY,
            concurrency_reading,
        ),
        *workload_sections(run),
        f"![Every workload]({CHARTS_DIR}/{charts.WORKLOADS})",
        "",
        *failures_section(run),
        *versions_section(run),
    ]
    return "\n".join(lines).rstrip() + "\n"


SUMMARY_START = "<!-- bench-summary:start -->"
SUMMARY_END = "<!-- bench-summary:end -->"


def median_rate(run: Run, subject: str, workload: str) -> float | None:
    summary = case(run, subject, workload)
    return summary.requests_per_s.median if summary and summary.requests_per_s else None


def summary_sentences(run: Run) -> str:
    """What it costs, in two sentences, from the run; parts whose cases did not run are left out."""
    flask, fastapi = "flask-twin@gunicorn-gthread", "fastapi-twin@uvicorn"
    parts = []
    for twin, bare, name in (
        (flask, "bare-flask@gunicorn-gthread", "Flask twin on gunicorn"),
        (fastapi, "bare-fastapi@uvicorn", "FastAPI twin on uvicorn"),
    ):
        rate_now, kept = median_rate(run, twin, "hello"), case_ratio(run, twin, bare, "hello")
        tuned = case_ratio(run, twin.replace("-twin@", "-tuned@"), bare, "hello")
        if rate_now and kept:
            tuned_too = (
                f", {tuned.median:.2f} with every recipe of tools/bench/tuned" if tuned else ""
            )
            parts.append(
                f"the {name} serves {rate_now:,.0f} `GET /` a second "
                f"({kept.median:.2f} of its bare framework{tuned_too})"
            )
    first = "On one CPU core, " + " and ".join(parts) if parts else ""
    ratios = []
    for workload, words in (("hello", "the hello"), ("list-100", "a 100-row list")):
        native = case_ratio(run, fastapi, flask, workload)
        if native:
            ratios.append(f"{native.median:.2f} for {words}")
    if ratios:
        first += "; FastAPI ÷ Flask on their own servers is " + ", ".join(ratios)
    second = ""
    gevent_flask = "flask-twin@gunicorn-gevent"
    waits = {s: median_rate(run, s, "async") for s in (fastapi, flask, gevent_flask)}
    if waits[fastapi] and waits[flask]:
        second = (
            f"For I/O-bound work (`/async?delay=0.1` at 100 connections, ideal 1,000) FastAPI "
            f"serves {waits[fastapi]:,.0f} a second against Flask's {waits[flask]:,.0f} on "
            "gthread"
        )
        gevent = waits[gevent_flask]
        second += f" and {gevent:,.0f} on gevent." if gevent else "."
    third = ""
    bare_fastapi = [
        (name, value)
        for name, reference in (
            ("Node.js's `http`", REFERENCES[0]),
            ("Go's `net/http`", REFERENCES[1]),
        )
        if (value := case_ratio(run, "bare-fastapi@uvicorn", reference, "hello"))
    ]
    if bare_fastapi:
        third = (
            "A bare FastAPI hello serves "
            + " and ".join(f"{value.median:.2f} of {name}" for name, value in bare_fastapi)
            + " on the same core."
        )
    return " ".join(part for part in (first + "." if first else "", second, third) if part)


def update_readme(readme: Path, run: Run) -> None:
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(SUMMARY_START), text.find(SUMMARY_END)
    if start < 0 or end < start:
        raise ValueError(f"{readme} has no {SUMMARY_START} ... {SUMMARY_END} block")
    block = f"{SUMMARY_START}\n{summary_sentences(run)}\n{SUMMARY_END}"
    readme.write_text(text[:start] + block + text[end + len(SUMMARY_END) :], encoding="utf-8")


def write(run_json: Path, report_dir: Path, readme: Path | None = None) -> list[Path]:
    """The report, a copy of its JSON and its charts in `report_dir`; the paths written."""
    run = json.loads(run_json.read_text(encoding="utf-8"))
    report_dir.mkdir(parents=True, exist_ok=True)
    json_copy = report_dir / JSON_NAME
    if run_json.resolve() != json_copy.resolve():
        shutil.copyfile(run_json, json_copy)
    chart_paths = charts.draw(run, report_dir / CHARTS_DIR)
    report = report_dir / REPORT_NAME
    report.write_text(render(run), encoding="utf-8")
    written = [report, json_copy, *chart_paths]
    if readme is not None:
        update_readme(readme, run)
        written.append(readme)
    return written
