"""The report's section on the migration kit: what compat mode and each step of the strangler
cost per request, against the Flask twin and the FastAPI twin each on its own server."""

from collections.abc import Mapping

from tools.bench.markdown import label, rate, reading, table, times, workload_label
from tools.bench.summary import Run, case, case_ratio, ran
from tools.bench.workloads import MIGRATION_WORKLOADS

MIGRATION_HEADING = "## The migration path: what each step costs per request"
FLASK_TWIN = "flask-twin@gunicorn-gthread"
FASTAPI_TWIN = "fastapi-twin@uvicorn"


def migration_subjects(run: Run) -> list[str]:
    return [s["key"] for s in run["subjects"] if s["kind"] == "migration"]


def steps_text(steps: Mapping[str, list[str]]) -> str:
    described = []
    for step, ported in steps.items():
        if not ported:
            what = "nothing ported: FastAPI in front, every request handed to Flask"
        elif "*" in ported:
            what = "everything ported: FastAPI answers every request"
        else:
            what = ", ".join(ported)
        described.append(f"{step}: {what}")
    return "; ".join(described)


def migration_rows(run: Run, subjects: list[str]) -> list[list[str]]:
    rows = []
    for workload in MIGRATION_WORKLOADS:
        for subject in subjects:
            if not ran(run, subject, workload):
                continue
            summary = case(run, subject, workload)
            rows.append(
                [
                    workload_label(run, workload),
                    label(run, subject),
                    rate(summary.requests_per_s) if summary else "n/a",
                    times(case_ratio(run, subject, FLASK_TWIN, workload)),
                    times(case_ratio(run, subject, FASTAPI_TWIN, workload)),
                ]
            )
    return rows


def migration_reading(run: Run, subjects: list[str]) -> str:
    parts = []
    for subject in subjects:
        over_flask = case_ratio(run, subject, FLASK_TWIN, "hello")
        over_fastapi = case_ratio(run, subject, FASTAPI_TWIN, "hello")
        if over_flask and over_fastapi:
            parts.append(
                f"{label(run, subject)} serves {over_flask.median:.2f} of the Flask twin's "
                f"hello and {over_fastapi.median:.2f} of the FastAPI twin's"
            )
    return "; ".join(parts) + "." if parts else "no step of the migration completed the hello."


def migration_section(run: Run) -> list[str]:
    subjects = migration_subjects(run)
    if not subjects:
        return []
    steps = (run.get("migration") or {}).get("strangler_steps") or {}
    intro = (
        "The migration kit (`migration/`) on uvicorn: *compat mode* is the FastAPI twin with "
        "every bridge that makes it answer like Flask; the *strangler* serves the ported "
        "features from compat mode and hands the rest to the unchanged Flask twin through "
        "a2wsgi, in one process. Each is held against the Flask twin on gunicorn gthread (where "
        "a team starts) and the FastAPI twin on uvicorn (where it ends), in the same rounds."
    )
    if steps:
        intro += f" The strangler's steps: {steps_text(steps)}."
    return [
        MIGRATION_HEADING,
        "",
        intro,
        "",
        *table(
            ["workload", "step", "req/s", "÷ Flask twin (gthread)", "÷ FastAPI twin (uvicorn)"],
            migration_rows(run, subjects),
        ),
        *reading(migration_reading(run, subjects)),
    ]
