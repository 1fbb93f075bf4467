"""The report's section on the tuned twins: what each recipe of tools/bench/tuned wins,
in-process and under the server, and what all of them win on every workload."""

from collections.abc import Mapping
from typing import Any

from tools.bench.markdown import (
    code_path,
    gain,
    reading,
    server_label,
    table,
    times,
    workload_label,
)
from tools.bench.subjects import NATIVE_SERVERS, recipe_app_key
from tools.bench.summary import Run, case_ratio, ran

RECIPES_HEADING = "## What each recipe wins: the tuned twins"
FRAMEWORK_NAMES = {"flask": "Flask", "fastapi": "FastAPI"}
TUNED_OVER_TWIN = "tuned ÷ twin"


def native(framework: str) -> str:
    return NATIVE_SERVERS[framework].key


def twin_key(framework: str) -> str:
    return f"{framework}-twin@{native(framework)}"


def tuned_key(framework: str) -> str:
    return f"{framework}-tuned@{native(framework)}"


def microseconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def recipe_rows(
    run: Run, framework: str, recipes: list[Mapping[str, Any]], measured: Mapping[str, Any]
) -> list[list[str]]:
    in_process = {row["recipe"]: row for row in measured.get("recipes", [])}
    twin = twin_key(framework)
    rows = []
    for recipe in recipes:
        row = in_process.get(recipe["key"], {})
        alone = f"{recipe_app_key(framework, recipe['key'])}@{native(framework)}"
        rows.append(
            [
                recipe["label"],
                code_path(recipe["code_path"]),
                microseconds(row.get("us")),
                microseconds(row.get("employee_us")),
                gain(case_ratio(run, alone, twin, "hello")),
            ]
        )
    every = [
        measured["twin_us"] - measured["tuned_us"] if measured else None,
        measured["employee_twin_us"] - measured["employee_tuned_us"] if measured else None,
    ]
    rows.append(
        [
            "**every recipe: the tuned twin**",
            "`tools/bench/tuned/`",
            *(microseconds(value) for value in every),
            gain(case_ratio(run, tuned_key(framework), twin, "hello")),
        ]
    )
    return rows


def recipe_reading(run: Run, framework: str, measured: Mapping[str, Any]) -> str:
    name = FRAMEWORK_NAMES[framework]
    parts = []
    if measured:
        twin, tuned = measured["twin_us"], measured["tuned_us"]
        wins = [(row["us"], row["label"]) for row in measured["recipes"]]
        largest = max(wins) if wins else None
        parts.append(
            f"in-process the tuned {name} twin costs {tuned:.1f} µs per `GET /` against the "
            f"twin's {twin:.1f} ({1 - tuned / twin:.0%} less)"
        )
        if largest:
            parts.append(f"the largest single win is {largest[1]} ({largest[0]:.1f} µs)")
        together, summed = twin - tuned, sum(win for win, _ in wins)
        parts.append(
            f"the recipes one by one add up to {summed:.1f} µs, all of them together win "
            f"{together:.1f}: where the two differ, recipes overlap or the noise of a few µs does"
        )
    served = case_ratio(run, tuned_key(framework), twin_key(framework), "hello")
    if served:
        parts.append(
            f"under {server_label(run, native(framework))} the tuned twin serves "
            f"{served.median:.2f} times the twin's hello"
        )
    return "; ".join(parts) + "." if parts else "no recipe was measured."


def workload_rows(run: Run, workloads: list[str]) -> list[list[str]]:
    rows = []
    for workload in workloads:
        cells = [
            case_ratio(run, tuned_key(framework), twin_key(framework), workload)
            for framework in FRAMEWORK_NAMES
        ]
        if any(ran(run, tuned_key(framework), workload) for framework in FRAMEWORK_NAMES):
            rows.append([workload_label(run, workload), *(times(cell) for cell in cells)])
    return rows


def recipes_section(run: Run, workloads: list[str]) -> list[str]:
    """Each recipe alone and all of them, per framework; then the tuned twins on every workload."""
    catalogue: Mapping[str, list[Mapping[str, Any]]] = run.get("recipes") or {}
    if not catalogue:
        return []
    measured_all = (run.get("layers") or {}).get("recipes") or {}
    lines = [
        RECIPES_HEADING,
        "",
        "The twins are written as their frameworks teach. A *recipe* (`tools/bench/tuned/`) is a "
        "small function applied to a built twin that changes what it costs and never what it "
        "answers (tools/bench/tests shows the same requests getting the same answers with and "
        "without each); the *tuned* twin has every recipe. *In-process* is CPU µs per request "
        "saved, measured as the layers above (the twin minus the twin with the recipe), on "
        "`GET /` and on an employee read, which reaches code the hello does not; *under the "
        "server* is the hello's requests per second with that recipe alone against the twin's, "
        "on the twin's own server, in the same rounds.",
        "",
    ]
    for framework, recipes in catalogue.items():
        measured = measured_all.get(framework) or {}
        lines += [
            f"### {FRAMEWORK_NAMES[framework]}",
            "",
            *table(
                [
                    "recipe",
                    "code path",
                    "µs won per GET / (in-process)",
                    "µs won per GET /employees/1 (in-process)",
                    f"GET / under {server_label(run, native(framework))}",
                ],
                recipe_rows(run, framework, recipes, measured),
            ),
            *reading(recipe_reading(run, framework, measured)),
        ]
    rows = workload_rows(run, workloads)
    if rows:
        lines += [
            "### The tuned twins on every workload",
            "",
            "Requests per second of the tuned twin ÷ the twin, each on its own server.",
            "",
            *table(
                [
                    "workload",
                    *(
                        f"{name}: {TUNED_OVER_TWIN} ({server_label(run, native(framework))})"
                        for framework, name in FRAMEWORK_NAMES.items()
                    ),
                ],
                rows,
            ),
            *reading(workloads_reading(run, workloads)),
        ]
    return lines


def workloads_reading(run: Run, workloads: list[str]) -> str:
    parts = []
    for framework, name in FRAMEWORK_NAMES.items():
        ratios = [
            (value.median, workload)
            for workload in workloads
            if (value := case_ratio(run, tuned_key(framework), twin_key(framework), workload))
        ]
        if ratios:
            (low, least), (high, most) = min(ratios), max(ratios)
            parts.append(
                f"the tuned {name} twin gains most on {workload_label(run, most)} ({high:.2f}) "
                f"and least on {workload_label(run, least)} ({low:.2f})"
            )
    return "; ".join(parts) + "." if parts else "no tuned twin completed a workload."
