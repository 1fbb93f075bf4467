import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tools.bench import (
    check,
    machine,
    markdown,
    report,
    report_gap,
    report_migration,
    report_recipes,
)
from tools.bench.gap import CAUSES
from tools.bench.summary import case, case_ratio


def _row(markdown: str, first_cell: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith(f"| {first_cell} |"))


def test_the_hello_table_shows_medians_with_their_range_and_ratios_per_round(
    run: dict[str, Any],
) -> None:
    row = _row(report.render(run), "gunicorn gthread")
    # twin ÷ bare per round: 0.90, 1.00, 1.10; tuned ÷ bare: 1.08, 1.20, 1.32;
    # bare ÷ raw: 0.25, 0.20, 0.50.
    assert "1,000 (900-1,100)" in row
    assert "| 1.00 (0.90-1.10) | 1.20 (1.08-1.32) | 0.25 (0.20-0.50) |" in row


def test_a_failed_round_is_left_out_of_the_median_and_listed(run: dict[str, Any]) -> None:
    for result in run["results"]:
        if (result["subject"], result["workload"], result["round"]) == (
            "flask-twin@gunicorn-gthread",
            "hello",
            3,
        ):
            result.update(failed=True, reasons=["7 socket errors"], requests_per_s=5.0)
    summary = case(run, "flask-twin@gunicorn-gthread", "hello")
    assert summary is not None
    assert summary.requests_per_s is not None
    assert summary.requests_per_s.median == 950.0
    assert summary.failed_rounds == 1
    text = report.render(run)
    assert "failed: 7 socket errors" in text
    assert "1/3 rounds failed" in text


def test_a_case_failed_in_every_round_shows_as_failed(run: dict[str, Any]) -> None:
    for result in run["results"]:
        if result["subject"] == "fastapi-twin@uvicorn" and result["workload"] == "list-10":
            result.update(failed=True, reasons=["no request completed"])
    section = report.render(run).split("### GET /employees?limit=10")[1]
    assert _row(section, "FastAPI twin on uvicorn").startswith(
        "| FastAPI twin on uvicorn | FAILED |"
    )
    assert "every subject failed" not in section.split("###")[0]


def test_the_list_reading_gives_the_cost_of_one_more_row(run: dict[str, Any]) -> None:
    text = report.render(run)
    # Flask: 1/100 - 1/400 = 7,500 µs over 90 rows = 83 µs a row.
    assert "Flask twin on gunicorn gthread 83 µs" in text


def test_fastapi_over_flask_is_taken_round_by_round_on_the_native_servers(
    run: dict[str, Any],
) -> None:
    value = case_ratio(run, "fastapi-twin@uvicorn", "flask-twin@gunicorn-gthread", "hello")
    assert value is not None
    assert value.median == pytest.approx(2.0)
    assert "| GET / (hello) | n/a | 2.00 (2.00-2.00) |" in report.render(run)


def test_a_saturated_case_is_reported(run: dict[str, Any]) -> None:
    run["results"][0]["saturated"] = True
    assert "load generator saturated" in report.render(run)


def test_the_report_names_the_machine_the_date_and_the_command(run: dict[str, Any]) -> None:
    text = report.render(run)
    assert "Made by `make bench` on 2026-11-26" in text
    assert "Test CPU, 2 cores" in text


def _written(run: dict[str, Any], tmp_path: Path) -> Path:
    source = tmp_path / "run.json"
    source.write_text(json.dumps(run))
    report.write(source, tmp_path / "docs")
    return tmp_path / "docs"


def test_a_written_report_is_complete(run: dict[str, Any], tmp_path: Path) -> None:
    docs = _written(run, tmp_path)
    assert check.problems(docs) == []
    assert json.loads((docs / report.JSON_NAME).read_text()) == run


def test_a_report_edited_by_hand_is_refused(run: dict[str, Any], tmp_path: Path) -> None:
    docs = _written(run, tmp_path)
    markdown = docs / report.REPORT_NAME
    markdown.write_text(markdown.read_text().replace("1,000", "1,200"))
    assert any("stale or edited by hand" in problem for problem in check.problems(docs))


def test_a_missing_chart_is_refused(run: dict[str, Any], tmp_path: Path) -> None:
    docs = _written(run, tmp_path)
    (docs / report.CHARTS_DIR / "hello.png").unlink()
    assert "chart benchmarks/hello.png is missing" in check.problems(docs)


def test_a_chart_that_is_not_a_png_is_refused(run: dict[str, Any], tmp_path: Path) -> None:
    docs = _written(run, tmp_path)
    (docs / report.CHARTS_DIR / "list.png").write_text("not a picture")
    assert "chart benchmarks/list.png is not a PNG" in check.problems(docs)


def test_a_run_missing_a_planned_case_is_refused(run: dict[str, Any], tmp_path: Path) -> None:
    run["results"] = [
        r for r in run["results"] if not (r["round"] == 2 and r["workload"] == "hello-c1")
    ]
    problems = check.problems(_written(run, tmp_path))
    assert "round 2: hello-c1 on raw-wsgi@gunicorn-gthread missing" in problems


def test_a_failed_case_is_refused_unless_failures_are_allowed(
    run: dict[str, Any], tmp_path: Path
) -> None:
    run["results"][0].update(failed=True, reasons=["1 socket errors"])
    docs = _written(run, tmp_path)
    assert any("failed: 1 socket errors" in problem for problem in check.problems(docs))
    assert check.problems(docs, allow_failed_cases=True) == []


def test_a_directory_without_a_report_is_refused(tmp_path: Path) -> None:
    assert check.problems(tmp_path) == [f"{tmp_path / report.REPORT_NAME} is missing"]


def test_a_busy_machine_is_said_to_be_shared(run: dict[str, Any]) -> None:
    assert "The machine was shared" not in report.render(run)
    run["machine"]["load_average_at_start"] = [3.5, 2.0, 1.0]
    assert "**The machine was shared:**" in report.render(run)


def test_cpus_busy_before_the_run_decide_over_the_load_average(run: dict[str, Any]) -> None:
    # The load average still counts work that ended a minute ago; the sample does not.
    run["machine"]["load_average_at_start"] = [3.5, 2.0, 1.0]
    run["machine"]["cpus_busy_at_start"] = 0.03
    text = report.render(run)
    assert "The machine was shared" not in text
    assert "other work kept 0.03 CPUs busy" in text
    run["machine"]["cpus_busy_at_start"] = 0.8
    assert (
        "**The machine was shared:** other work was running beside the benchmark (0.8 CPUs busy"
        in report.render(run)
    )


def test_the_busy_sample_is_the_share_of_time_not_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    samples = iter([(1000, 900), (1200, 1000)])  # 200 ticks, of which 100 idle
    monkeypatch.setattr(machine, "cpu_times", lambda: next(samples))
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert machine.cpus_busy(seconds=0) == 1.0


def test_the_readme_summary_gives_the_figures_of_the_run(run: dict[str, Any]) -> None:
    text = report.summary_sentences(run)
    assert "the Flask twin on gunicorn serves 1,000 `GET /` a second (1.00 of its bare" in text
    assert "FastAPI ÷ Flask on their own servers is 2.00 for the hello" in text


def test_the_readme_block_is_replaced_and_the_rest_kept(
    run: dict[str, Any], tmp_path: Path
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"before\n{report.SUMMARY_START}\nold\n{report.SUMMARY_END}\nafter\n")
    report.update_readme(readme, run)
    text = readme.read_text()
    assert text.startswith("before\n")
    assert text.endswith("after\n")
    assert "old" not in text
    assert report.summary_sentences(run) in text


def test_a_readme_without_the_block_is_refused(run: dict[str, Any], tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("no block here\n")
    with pytest.raises(ValueError, match="has no"):
        report.update_readme(readme, run)


LAYERS: dict[str, Any] = {
    "method": "in-process",
    "flask": [
        {"layer": "twin", "label": "the Flask twin", "us": 100.0},
        {"layer": "cors", "label": "flask-cors", "us": 5.0},
        {"layer": "validate", "label": "flask-pydantic", "us": 15.0},
        {"layer": "bare", "label": "bare Flask", "us": 75.0},
        {"layer": "rest", "label": "the rest of the twin", "us": 5.0},
    ],
    "list": [
        {
            "rows": 1000,
            "query_us": 4000.0,
            "validate_us": 8000.0,
            "serialise_us": 1000.0,
            "flask_us": 14000.0,
            "fastapi_us": 15000.0,
            "flask_framework_us": 1000.0,
            "fastapi_framework_us": 2000.0,
        }
    ],
}


def test_the_layer_table_names_the_largest_layer(run: dict[str, Any]) -> None:
    run["layers"] = LAYERS
    text = report.render(run)
    assert "| flask-pydantic | 15.0 | 15% |" in text
    assert "the Flask twin costs 25 µs more than bare Flask per request" in text
    assert "its largest layer is flask-pydantic (15 µs)" in text


def test_the_list_breakdown_says_where_the_time_goes(run: dict[str, Any]) -> None:
    run["layers"] = LAYERS
    text = report.render(run)
    assert "the shared parts take 13,000 µs, 93% of the Flask twin's request" in text
    assert "the largest part is validation into the response models (8,000 µs)" in text


def _with_rest(flask_rows: list[dict[str, Any]], rest: float) -> dict[str, Any]:
    rows = [row for row in flask_rows if row["layer"] != "rest"]
    return {**LAYERS, "flask": [*rows, {"layer": "rest", "label": "the rest", "us": rest}]}


def test_a_rest_below_zero_is_read_as_layers_that_overlap_not_as_a_cost(
    run: dict[str, Any],
) -> None:
    cheaper_baseline = {"layer": "bare-model", "label": "bare Flask + a model", "us": 71.0}
    run["layers"] = _with_rest([*LAYERS["flask"], cheaper_baseline], -4.0)
    text = report.render(run)
    assert "The rest is below zero (-4.0 µs)" in text
    assert "bare Flask + a model costs 4.0 µs less than bare Flask" in text
    assert "Read the rest as none." in text


def test_a_rest_above_zero_gets_no_overlap_reading(run: dict[str, Any]) -> None:
    run["layers"] = _with_rest(LAYERS["flask"], 5.0)
    assert "below zero" not in report.render(run)


# --- the tuned twins, the recipes and the migration path -----------------------------------------

RECIPE_LAYERS: dict[str, Any] = {
    "flask": {
        "twin_us": 100.0,
        "tuned_us": 60.0,
        "employee_twin_us": 500.0,
        "employee_tuned_us": 450.0,
        "recipes": [
            {
                "recipe": "cors-origin-only",
                "label": "flask-cors consulted only for a request with an Origin",
                "code_path": "tools.bench.tuned.flask_cors_guard:consult_cors_only_with_origin",
                "us": 12.0,
                "employee_us": 3.0,
            },
            {
                "recipe": "lazy-session",
                "label": "the session signer built only for a request with a session cookie",
                "code_path": "tools.bench.tuned.flask_sessions:sign_sessions_lazily",
                "us": 20.0,
                "employee_us": 19.0,
            },
        ],
    }
}


def test_each_recipe_shows_its_code_path_its_win_in_process_and_its_gain_under_the_server(
    run: dict[str, Any],
) -> None:
    run["layers"] = {**LAYERS, "recipes": RECIPE_LAYERS}
    text = report.render(run)
    row = _row(text, "flask-cors consulted only for a request with an Origin")
    assert row == (
        "| flask-cors consulted only for a request with an Origin "
        "| `tools/bench/tuned/flask_cors_guard.py`: `consult_cors_only_with_origin` "
        "| 12.0 | 3.0 | +5% (+5% to +5%) |"
    )


def test_a_recipes_code_path_is_shown_as_its_file_and_function() -> None:
    path = "tools.bench.tuned.heap:freeze_startup_heap"
    assert markdown.code_path(path) == "`tools/bench/tuned/heap.py`: `freeze_startup_heap`"


def test_the_tuned_twin_is_the_last_row_of_its_recipe_table_and_read_against_the_twin(
    run: dict[str, Any],
) -> None:
    run["layers"] = {**LAYERS, "recipes": RECIPE_LAYERS}
    text = report.render(run)
    flask = text.split(report_recipes.RECIPES_HEADING)[1].split("### FastAPI")[0]
    assert _row(flask, "**every recipe: the tuned twin**").endswith(
        "| `tools/bench/tuned/` | 40.0 | 50.0 | +20% (+20% to +20%) |"
    )
    assert "the tuned Flask twin costs 60.0 µs per `GET /` against the twin's 100.0 (40% less)" in (
        flask
    )
    assert "the largest single win is the session signer built only" in flask
    assert "the recipes one by one add up to 32.0 µs, all of them together win 40.0" in flask


def test_the_tuned_twins_are_held_against_the_twins_on_every_workload(
    run: dict[str, Any],
) -> None:
    text = report.render(run)
    assert "| GET /employees?limit=10 | 1.10 (1.10-1.10) | 1.00 (1.00-1.00) |" in text
    assert "the tuned FastAPI twin gains most on GET / (hello) (1.20)" in text


def test_each_step_of_the_migration_is_held_against_both_twins(run: dict[str, Any]) -> None:
    text = report.render(run)
    # 600/900, 700/1000, 800/1100 of the Flask twin; 600/1800... of the FastAPI twin.
    assert (
        "| GET / (hello) | strangler, 0% ported on uvicorn | 700 (600-800) "
        "| 0.70 (0.67-0.73) | 0.35 (0.33-0.36) |"
    ) in text
    assert "50%: hello, methods, employees" in text


def _without(run: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The run as if the subjects `keys` had never been part of it."""
    run["subjects"] = [s for s in run["subjects"] if s["key"] not in keys]
    run["results"] = [r for r in run["results"] if r["subject"] not in keys]
    return run


def test_a_hello_table_without_the_tuned_column_is_refused(
    run: dict[str, Any], tmp_path: Path
) -> None:
    docs = _written(run, tmp_path)
    markdown = docs / report.REPORT_NAME
    markdown.write_text(markdown.read_text().replace("tuned ÷ bare", "tuned / bare"))
    assert "benchmarks.md has no tuned ÷ bare column in its hello table" in check.problems(docs)


def test_a_run_without_a_tuned_twin_is_refused(run: dict[str, Any], tmp_path: Path) -> None:
    docs = _written(_without(run, "flask-tuned@gunicorn-gthread"), tmp_path)
    assert (
        "benchmarks.md has no tuned ÷ bare on gunicorn-gthread: the tuned flask twin's hello "
        "did not run"
    ) in check.problems(docs)


def test_a_report_without_the_recipe_section_is_refused(
    run: dict[str, Any], tmp_path: Path
) -> None:
    del run["recipes"]
    problems = check.problems(_written(run, tmp_path))
    assert f"benchmarks.md has no section {report_recipes.RECIPES_HEADING!r}" in problems


def test_a_recipe_missing_from_the_table_or_the_rounds_is_refused(
    run: dict[str, Any], tmp_path: Path
) -> None:
    run["recipes"]["flask"] = [r for r in run["recipes"]["flask"] if r["key"] != "lazy-session"]
    _without(run, "flask-recipe-lazy-session@gunicorn-gthread")
    problems = check.problems(_written(run, tmp_path))
    assert "the recipe table does not name flask's lazy-session" in problems
    assert "flask's lazy-session alone did not run under the server" in problems


def test_a_report_without_the_migration_path_is_refused(
    run: dict[str, Any], tmp_path: Path
) -> None:
    migration = [s["key"] for s in run["subjects"] if s["kind"] == "migration"]
    problems = check.problems(_written(_without(run, *migration), tmp_path))
    assert f"benchmarks.md has no section {report_migration.MIGRATION_HEADING!r}" in problems


def test_a_step_of_the_migration_missing_is_refused(run: dict[str, Any], tmp_path: Path) -> None:
    problems = check.problems(_written(_without(run, "strangler-50@uvicorn"), tmp_path))
    assert "the migration table has no strangler, 50% ported: its hello did not run" in problems


def test_a_smoke_run_answers_none_of_the_questions_and_is_still_complete(
    run: dict[str, Any], tmp_path: Path
) -> None:
    answers = [s["key"] for s in run["subjects"] if s["kind"] in ("tuned", "recipe", "migration")]
    del run["recipes"]
    run["profile"]["complete_report"] = False
    assert check.problems(_written(_without(run, *answers), tmp_path)) == []


def test_a_report_that_links_no_chart_is_refused(run: dict[str, Any], tmp_path: Path) -> None:
    docs = _written(run, tmp_path)
    markdown = docs / report.REPORT_NAME
    kept = [line for line in markdown.read_text().splitlines() if not line.startswith("![")]
    markdown.write_text("\n".join(kept))
    assert "benchmarks.md links no chart" in check.problems(docs)


def test_a_chart_outside_the_charts_directory_is_refused(
    run: dict[str, Any], tmp_path: Path
) -> None:
    docs = _written(run, tmp_path)
    markdown = docs / report.REPORT_NAME
    markdown.write_text(markdown.read_text().replace("](benchmarks/hello.png)", "](hello.png)"))
    assert "chart hello.png is outside benchmarks/" in check.problems(docs)


def test_a_json_that_does_not_parse_is_refused(run: dict[str, Any], tmp_path: Path) -> None:
    docs = _written(run, tmp_path)
    (docs / report.JSON_NAME).write_text("{not json")
    [problem] = check.problems(docs)
    assert problem.startswith(f"{docs / report.JSON_NAME} is not JSON")


def test_a_run_without_results_is_refused(run: dict[str, Any], tmp_path: Path) -> None:
    run["results"] = []
    assert f"{tmp_path / 'docs' / report.JSON_NAME} holds no result" in check.problems(
        _written(run, tmp_path)
    )


def test_the_report_names_what_each_strangler_step_ports_as_the_run_records_it(
    run: dict[str, Any],
) -> None:
    from tools.bench.profiles import FULL
    from tools.bench.run import migration_block

    run["migration"] = migration_block(FULL)
    assert "50%: hello, methods, settings, employees, auth, waits" in report.render(run)
    assert migration_block(replace(FULL, subjects=FULL.subjects[:3])) == {}


def test_the_rss_shown_is_the_largest_of_the_rounds_and_the_report_says_so(
    run: dict[str, Any],
) -> None:
    text = report.render(run)
    # The fixture's RSS is 71, 72 and 73 MB in rounds 1 to 3: the median would be 72.
    assert _row(text, "gunicorn gthread").endswith("| 73 |")
    assert f"| twin {report.RSS_HEADING} |" in text
    assert report.RSS_HEADING.startswith("max ")
    assert "RSS is the largest, over the passed rounds," in text
    assert "a maximum, not a median" in text


GAP = [
    {"layer": "twin", "label": "the FastAPI twin", "us": 1000.0},
    {"layer": "flask-twin", "label": "the Flask twin", "us": 600.0},
    *(
        {"layer": key, "label": CAUSES[key][0], "us": us, "handoffs": CAUSES[key][1]}
        for key, us in (
            ("endpoint-thread", 100.0),
            ("factory-thread", 60.0),
            ("get-db-thread", 80.0),
            ("response-model", 4.0),
            ("router-matched-twice", 50.0),
        )
    ),
    {"layer": "session-life", "label": "session life", "us": 40.0},
    {"layer": "rebuilt", "label": "control", "us": 1001.0},
    {"layer": "none", "label": "none of them", "us": 640.0},
]


def test_the_database_gap_holds_each_fastapi_subject_against_the_flask_twin(
    run: dict[str, Any],
) -> None:
    text = report.render(run)
    gap = text[text.index(report_gap.GAP_HEADING) :]
    header = _row(gap, "workload")
    assert header.index("FastAPI twin on uvicorn") < header.index("async session (aiosqlite)")
    assert _row(gap, "GET /employees?limit=10") == (
        "| GET /employees?limit=10 | 1.25 (1.25-1.25) | 1.50 (1.50-1.50) | 1.30 (1.30-1.30) "
        "| 1.25 (1.25-1.25) |"
    )
    assert "its non-blocking dependency async on uvicorn serves 1.30 to 1.30" in gap


def test_the_database_gap_names_each_cause_with_its_microseconds_and_share(
    run: dict[str, Any],
) -> None:
    run["layers"] = {**LAYERS, "gap": GAP}
    text = report.render(run)
    assert f"| {CAUSES['endpoint-thread'][0]} | 2 | 100.0 | 25% |" in text
    assert f"| {CAUSES['router-matched-twice'][0]} | 0 | 50.0 | 12% |" in text
    # The wholes are read against, not shares of the gap.
    assert "| the Flask twin |  | 600.0 |  |" in text
    assert "| session life |  | 40.0 | none: both pay it |" in text
    assert "spends 400 µs more CPU than the Flask twin" in text
    assert "its 5 thread-pool hand-offs account for 240 µs" in text
    assert f"the largest single cause is the {CAUSES['endpoint-thread'][0]} (100 µs)" in text
    assert "with every cause removed it costs 640 µs against Flask's 600" in text


def test_a_report_without_the_database_gap_is_refused(run: dict[str, Any]) -> None:
    text = report.render(run).replace(report_gap.GAP_HEADING, "## Something else")
    assert check.gap_problems(run, text) == [
        f"benchmarks.md has no section {report_gap.GAP_HEADING!r}"
    ]


def test_a_variant_that_ran_no_database_workload_is_refused(run: dict[str, Any]) -> None:
    run["results"] = [r for r in run["results"] if r["app"] != "fastapi-async-db"]
    problems = check.gap_problems(run, report.render(run))
    assert problems == [
        "FastAPI twin, async endpoints on an async session (aiosqlite) ran no database workload"
    ]


def test_a_cause_of_the_gap_left_unmeasured_is_refused(run: dict[str, Any]) -> None:
    run["layers"] = {**LAYERS, "gap": [r for r in GAP if r["layer"] != "router-matched-twice"]}
    problems = check.gap_problems(run, report.render(run))
    assert problems == ["the database gap's table has no cause 'router-matched-twice'"]
