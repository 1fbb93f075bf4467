"""Is a report directory complete? The check that makes a broken harness fail CI.

Complete means: the JSON holds every planned case of every round; the Markdown is exactly what
the JSON renders to (so neither was edited or left stale); every chart it links is a PNG.
"""

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from bench.report import CHARTS_DIR, JSON_NAME, REPORT_NAME, render
from bench.subjects import subject
from bench.workloads import cases, workload

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
    return found
