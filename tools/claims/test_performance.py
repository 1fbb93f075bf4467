"""The performance claims, judged from benchmark figures: each threshold shown at work."""

from pathlib import Path
from typing import Any

import pytest

from tools.claims import benchmarks, performance
from tools.claims.benchmarks import (
    BARE_FASTAPI,
    BARE_FASTAPI_HELD_EQUAL,
    BARE_FLASK,
    BARE_FLASK_HELD_EQUAL,
    FASTAPI_TWIN,
    FASTAPI_TWIN_HELD_EQUAL,
    FLASK_TWIN,
    FLASK_TWIN_HELD_EQUAL,
    GO,
    NODE,
    Benchmarks,
)

HELLO = benchmarks.HELLO


def result(subject: str, rate: float, round_: int = 1, workload: str = HELLO) -> dict[str, Any]:
    return {
        "subject": subject,
        "workload": workload,
        "round": round_,
        "requests_per_s": rate,
        "failed": False,
    }


def bench(*results: dict[str, Any]) -> Benchmarks:
    return Benchmarks({"subjects": [], "workloads": [], "results": list(results)})


def test_a_missing_benchmark_file_leaves_every_performance_claim_unmeasured_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(benchmarks, "REPO_ROOT", tmp_path)
    missing = benchmarks.load(tmp_path / "docs" / "benchmarks.json")

    for judged in (
        performance.much_faster_than_flask,
        performance.fastest_python_framework,
        performance.on_par_with_node_and_go,
    ):
        finding = judged(missing)
        assert finding.verdict == "unmeasured"
        assert "docs/benchmarks.json does not exist yet" in finding.today


def test_a_rate_is_the_median_of_the_passed_rounds() -> None:
    failed = result(FASTAPI_TWIN, 9_999, 4) | {"failed": True}
    run = {"results": [result(FASTAPI_TWIN, v, r) for r, v in enumerate((10, 30, 20), 1)]}
    run["results"].append(failed)

    assert benchmarks.rate(run, FASTAPI_TWIN, HELLO) == 20


def test_a_ratio_is_taken_within_rounds_where_both_sides_passed() -> None:
    run = {
        "results": [
            result(FASTAPI_TWIN, 300, 1),
            result(FLASK_TWIN, 100, 1),
            result(FASTAPI_TWIN, 400, 2),
            result(FLASK_TWIN, 100, 2) | {"failed": True},
        ]
    }

    assert benchmarks.ratio(run, FASTAPI_TWIN, FLASK_TWIN, HELLO) == 3.0


def twins(native: float, held_equal: float = 250) -> Benchmarks:
    """FastAPI's twin at `native` and at `held_equal` requests/s, against Flask's at 100."""
    return bench(
        result(FASTAPI_TWIN, native),
        result(FLASK_TWIN, 100),
        result(FASTAPI_TWIN_HELD_EQUAL, held_equal),
        result(FLASK_TWIN_HELD_EQUAL, 100),
    )


@pytest.mark.parametrize(
    ("fastapi", "verdict"),
    [(250, "holds"), (150, "holds with a caveat"), (105, "wrong")],
)
def test_much_faster_holds_at_twice_the_rate_and_is_wrong_below_faster(
    fastapi: float, verdict: str
) -> None:
    finding = performance.much_faster_than_flask(twins(fastapi))

    assert finding.verdict == verdict
    assert {link.target for link in finding.evidence} == {"docs/benchmarks.json"}


def test_much_faster_on_native_servers_is_a_caveat_when_the_server_held_equal_evens_it() -> None:
    finding = performance.much_faster_than_flask(twins(native=220, held_equal=103))

    assert finding.verdict == "holds with a caveat"
    assert "The server, not the framework, makes the difference" in finding.today
    assert "1.03 times Flask's hello" in finding.today
    assert len(finding.evidence) == 2


def test_the_framework_alone_being_faster_adds_no_server_caveat() -> None:
    finding = performance.much_faster_than_flask(twins(native=220, held_equal=120))

    assert finding.verdict == "holds"


def test_a_run_without_a_subject_leaves_its_claim_unmeasured_and_names_it() -> None:
    finding = performance.much_faster_than_flask(bench(result(FASTAPI_TWIN, 300)))

    assert finding.verdict == "unmeasured"
    assert f"`{FLASK_TWIN}`" in finding.today


def test_a_run_without_the_held_equal_server_leaves_much_faster_unmeasured_and_names_it() -> None:
    finding = performance.much_faster_than_flask(
        bench(result(FASTAPI_TWIN, 300), result(FLASK_TWIN, 100))
    )

    assert finding.verdict == "unmeasured"
    assert f"`{FASTAPI_TWIN_HELD_EQUAL}`, `{FLASK_TWIN_HELD_EQUAL}`" in finding.today


@pytest.mark.parametrize(("fastapi", "verdict"), [(150, "holds with a caveat"), (100, "wrong")])
def test_one_of_the_fastest_is_at_best_a_caveat_since_only_flask_is_measured_beside_it(
    fastapi: float, verdict: str
) -> None:
    finding = performance.fastest_python_framework(
        bench(
            result(BARE_FASTAPI, fastapi),
            result(BARE_FLASK, 100),
            result(BARE_FASTAPI_HELD_EQUAL, fastapi),
            result(BARE_FLASK_HELD_EQUAL, 100),
        )
    )

    assert finding.verdict == verdict


@pytest.mark.parametrize(
    ("node", "go", "verdict"),
    [(100, 110, "holds"), (100, 300, "holds with a caveat"), (200, 300, "wrong")],
)
def test_on_par_means_at_least_four_fifths_of_each_reference(
    node: float, go: float, verdict: str
) -> None:
    finding = performance.on_par_with_node_and_go(
        bench(result(BARE_FASTAPI, 100), result(NODE, node), result(GO, go))
    )

    assert finding.verdict == verdict
    assert len(finding.evidence) == 2


def test_without_reference_subjects_on_par_is_unmeasured_and_names_them() -> None:
    finding = performance.on_par_with_node_and_go(bench(result(BARE_FASTAPI, 100)))

    assert finding.verdict == "unmeasured"
    assert f"`{NODE}`, `{GO}`" in finding.today


def test_the_async_figures_are_a_sentence_when_measured_and_nothing_otherwise() -> None:
    measured = bench(
        result(FASTAPI_TWIN, 977, workload=benchmarks.ASYNC),
        result(FLASK_TWIN, 38, workload=benchmarks.ASYNC),
    )

    sentence, links = performance.async_figures(measured)

    assert "the Flask twin served 38 requests/s and the FastAPI twin 977" in sentence
    assert len(links) == 1
    assert performance.async_figures(bench()) == ("", [])
