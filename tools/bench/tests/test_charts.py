from pathlib import Path
from typing import Any

from tools.bench import charts
from tools.bench.summary import case_ratio


def test_the_hello_chart_draws_the_reference_hellos_on_their_own_servers(
    run: dict[str, Any],
) -> None:
    servers, series = charts.hello_series(run)
    drawn = {servers[i] for i, value in enumerate(series["reference"]) if value is not None}
    assert drawn == {"Node.js", "Go"}


def test_the_hello_chart_leaves_out_a_kind_no_server_has(run: dict[str, Any]) -> None:
    run["subjects"] = [s for s in run["subjects"] if s["kind"] != "tuned"]
    _, series = charts.hello_series(run)
    assert "tuned" not in series


def test_fastapi_over_flask_is_charted_for_each_workload_both_twins_ran(
    run: dict[str, Any],
) -> None:
    rows = dict(charts.fastapi_over_flask_rows(run))
    _, fastapi, flask = charts.RATIO_PAIRS[0]
    labels = {w["key"]: w["label"] for w in run["workloads"] if w["group"] in charts.CHARTED_GROUPS}
    expected = {
        labels[key]: case_ratio(run, fastapi, flask, key)
        for key in labels
        if case_ratio(run, fastapi, flask, key)
    }
    assert expected
    assert {label: ratios[0] for label, ratios in rows.items()} == expected


def test_every_chart_is_drawn_as_a_png(run: dict[str, Any], tmp_path: Path) -> None:
    paths = charts.draw(run, tmp_path)
    assert charts.FASTAPI_OVER_FLASK in {path.name for path in paths}
    assert all(path.read_bytes().startswith(b"\x89PNG") for path in paths)
