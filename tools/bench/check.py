"""Is a report directory complete? The check that makes a broken harness fail CI.

Complete means: the JSON holds every planned case of every round; the Markdown is exactly what
the JSON renders to (so neither was edited or left stale); every chart it links is a PNG; and,
for a run whose report answers the benchmark's questions (every profile but the smoke run),
the report holds each answer: the tuned twins beside bare, what each recipe of tools/bench/tuned
wins, what each step of the migration path costs, and why the FastAPI twin is behind on the
database (each cause's µs, each variant of tools/bench/variants beside the twins).
"""

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from tools.bench.gap import CAUSES
from tools.bench.markdown import code_path
from tools.bench.report import CHARTS_DIR, JSON_NAME, REPORT_NAME, TUNED_OVER_BARE, render
from tools.bench.report_gap import GAP_HEADING
from tools.bench.report_migration import MIGRATION_HEADING
from tools.bench.report_recipes import RECIPES_HEADING, native, tuned_key
from tools.bench.subjects import (
    MIGRATION_APPS,
    NATIVE_SERVERS,
    VARIANT_APPS,
    recipe_app_key,
    subject,
)
from tools.bench.summary import ran
from tools.bench.tuned import RECIPES
from tools.bench.workloads import DATABASE_WORKLOADS, HELLO_KEY, cases, workload

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHART_LINK = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")


def missing_cases(run: dict[str, Any]) -> list[str]:
    subjects = tuple(subject(s["key"]) for s in run["subjects"])
    workloads = tuple(workload(w["key"]) for w in run["workloads"])
    planned = Counter((w.key, s.key) for w, s in cases(subjects, workloads))
    problems = []
    for round_number in range(1, run["profile"]["rounds"] + 1):
        found = Counter(
            (r["workload"], r["subject"]) for r in run["results"] if r["round"] == round_number
        )
        for workload_key, subject_key in planned - found:
            problems.append(f"round {round_number}: {workload_key} on {subject_key} missing")
    return problems


def failed_cases(run: dict[str, Any]) -> list[str]:
    return [
        f"round {r['round']}: {r['workload']} on {r['subject']} failed: {'; '.join(r['reasons'])}"
        for r in run["results"]
        if r["failed"]
    ]


def chart_problems(report: Path, text: str) -> list[str]:
    problems = []
    links = CHART_LINK.findall(text)
    if not links:
        problems.append(f"{report.name} links no chart")
    for link in links:
        chart = report.parent / link
        if not link.startswith(CHARTS_DIR + "/"):
            problems.append(f"chart {link} is outside {CHARTS_DIR}/")
        elif not chart.is_file():
            problems.append(f"chart {link} is missing")
        elif not chart.read_bytes().startswith(PNG_SIGNATURE):
            problems.append(f"chart {link} is not a PNG")
    return problems


def tuned_problems(run: dict[str, Any], text: str) -> list[str]:
    """The tuned twins beside bare: a column of the hello table, and a figure for each."""
    if TUNED_OVER_BARE not in text:
        return [f"{REPORT_NAME} has no {TUNED_OVER_BARE} column in its hello table"]
    return [
        f"{REPORT_NAME} has no {TUNED_OVER_BARE} on {server.key}: the tuned {framework} twin's "
        f"hello did not run"
        for framework, server in NATIVE_SERVERS.items()
        if not ran(run, tuned_key(framework), HELLO_KEY)
    ]


def recipe_problems(run: dict[str, Any], text: str) -> list[str]:
    """Every recipe of tools/bench/tuned in the recipe table: its code path, and its case run."""
    if RECIPES_HEADING not in text:
        return [f"{REPORT_NAME} has no section {RECIPES_HEADING!r}"]
    found = []
    for framework, recipes in RECIPES.items():
        for recipe in recipes:
            if code_path(recipe.code_path) not in text:
                found.append(f"the recipe table does not name {framework}'s {recipe.key}")
            alone = f"{recipe_app_key(framework, recipe.key)}@{native(framework)}"
            if not ran(run, alone, HELLO_KEY):
                found.append(f"{framework}'s {recipe.key} alone did not run under the server")
    return found


def migration_problems(run: dict[str, Any], text: str) -> list[str]:
    """Compat mode and every step of the strangler in the migration table."""
    if MIGRATION_HEADING not in text:
        return [f"{REPORT_NAME} has no section {MIGRATION_HEADING!r}"]
    return [
        f"the migration table has no {app.label}: its hello did not run"
        for app in MIGRATION_APPS
        if not ran(run, f"{app.key}@uvicorn", HELLO_KEY)
    ]


def gap_problems(run: dict[str, Any], text: str) -> list[str]:
    """Each variant beside the twins on the database, and each cause of the gap with its µs
    when the run measured the layers."""
    if GAP_HEADING not in text:
        return [f"{REPORT_NAME} has no section {GAP_HEADING!r}"]
    served = {w["key"] for w in run["workloads"]} & set(DATABASE_WORKLOADS)
    found = [
        f"{app.label} ran no database workload"
        for app in VARIANT_APPS
        if served and not any(ran(run, f"{app.key}@uvicorn", w) for w in served)
    ]
    layers = run.get("layers")
    if layers:
        measured = {row["layer"] for row in layers.get("gap") or []}
        found += [
            f"the database gap's table has no cause {key!r}"
            for key, (label, *_) in CAUSES.items()
            if key not in measured or label not in text
        ]
    return found


def section_problems(run: dict[str, Any], text: str) -> list[str]:
    if not run["profile"].get("complete_report", True):
        return []
    return [
        *tuned_problems(run, text),
        *recipe_problems(run, text),
        *migration_problems(run, text),
        *gap_problems(run, text),
    ]


def problems(report_dir: Path, allow_failed_cases: bool = False) -> list[str]:
    report, data = report_dir / REPORT_NAME, report_dir / JSON_NAME
    for required in (report, data):
        if not required.is_file():
            return [f"{required} is missing"]
    try:
        run = json.loads(data.read_text(encoding="utf-8"))
    except ValueError as error:
        return [f"{data} is not JSON: {error}"]
    found = []
    if not run.get("results"):
        found.append(f"{data} holds no result")
    found += missing_cases(run)
    if not allow_failed_cases:
        found += failed_cases(run)
    text = report.read_text(encoding="utf-8")
    if text != render(run):
        found.append(f"{report} is not what {data.name} renders to: stale or edited by hand")
    found += chart_problems(report, text)
    found += section_problems(run, text)
    return found
