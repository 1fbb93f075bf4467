"""The performance claims, judged from benchmark figures: each threshold shown at work."""

from pathlib import Path
from typing import Any

import pytest

from tools.claims import benchmarks, performance
from tools.claims.benchmarks import (
    BARE_FASTAPI,
    FASTAPI_TWIN,
    FASTAPI_TWIN_HELD_EQUAL,
    FLASK_TWIN,
    FLASK_TWIN_HELD_EQUAL,
    GO,
    NODE,
    Benchmarks,
)
from tools.claims.sections import every_claim

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


LIST = "list-10"
WORKLOADS = [
    {"key": HELLO, "label": "GET /", "group": "hello"},
    {"key": "hello-c1", "label": "GET / at 1 connection", "group": "sweep"},
    {"key": LIST, "label": "GET /employees?limit=10", "group": "list"},
]


def twins(native: float, held_equal: float = 250, on_list: float | None = None) -> Benchmarks:
    """FastAPI's twin at `native` and at `held_equal` requests/s on the hello against Flask's
    at 100, and at `on_list` (the same as on the hello when not given) on a list."""
    listed = native if on_list is None else on_list
    return Benchmarks(
        {
            "subjects": [],
            "workloads": WORKLOADS,
            "results": [
                result(FASTAPI_TWIN, native),
                result(FLASK_TWIN, 100),
                result(FASTAPI_TWIN_HELD_EQUAL, held_equal),
                result(FLASK_TWIN_HELD_EQUAL, 100),
                result(FASTAPI_TWIN, listed, workload=LIST),
                result(FLASK_TWIN, 100, workload=LIST),
                result(FASTAPI_TWIN_HELD_EQUAL, held_equal, workload=LIST),
                result(FLASK_TWIN_HELD_EQUAL, 100, workload=LIST),
                # The sweep is the hello again: 1.0 here must not count as a workload.
                result(FASTAPI_TWIN, 100, workload="hello-c1"),
                result(FLASK_TWIN, 100, workload="hello-c1"),
            ],
        }
    )


@pytest.mark.parametrize(
    ("fastapi", "verdict"),
    [(200, "holds"), (199, "wrong"), (105, "wrong")],
)
def test_much_faster_holds_from_the_threshold_it_states_on_every_workload(
    fastapi: float, verdict: str
) -> None:
    finding = performance.much_faster_than_flask(twins(fastapi))

    assert finding.verdict == verdict
    assert {link.target for link in finding.evidence} == {"docs/benchmarks.json"}


def test_much_faster_text_and_code_use_the_one_threshold() -> None:
    finding = performance.much_faster_than_flask(twins(150))

    assert f"at least {performance.MUCH_FASTER_AT:g} times" in finding.today


@pytest.mark.parametrize(
    ("claim_id", "threshold"),
    [
        ("much-faster-than-flask", f"at least {performance.MUCH_FASTER_AT:g} times"),
        ("on-par-with-node-and-go", f"at least {performance.ON_PAR_AT} of"),
        ("fastest-python-framework", f"at least {performance.RIVALS_FOR_A_RANKING} other"),
    ],
)
def test_each_performance_claim_states_the_threshold_its_code_applies(
    claim_id: str, threshold: str
) -> None:
    (claim,) = [claim for claim in every_claim() if claim.id == claim_id]

    assert threshold in claim.says


def test_much_faster_on_the_hello_alone_is_partly_and_names_the_workload_where_it_is_slower() -> (
    None
):
    finding = performance.much_faster_than_flask(twins(native=257, on_list=90))

    assert finding.verdict == "partly"
    assert finding.today.startswith(f"Holds for {HELLO}. Not for {LIST}.")
    assert f"slower than Flask's on {LIST}" in finding.today
    assert "hello-c1" not in finding.observed


def test_much_faster_on_native_servers_is_a_caveat_when_the_server_held_equal_evens_it() -> None:
    finding = performance.much_faster_than_flask(twins(native=220, held_equal=103))

    assert finding.verdict == "holds with a caveat"
    assert "the framework alone is not faster than Flask (under 1.1 times" in finding.today
    assert f"held equal (`{FASTAPI_TWIN_HELD_EQUAL}`" in finding.observed
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


def bare(
    framework: str, rate: float, server: str = "gunicorn-gthread"
) -> tuple[dict[str, Any], dict[str, Any]]:
    key = f"bare-{framework}@{server}"
    return {"key": key, "kind": "bare", "framework": framework}, result(key, rate)


def bare_frameworks(fastapi: float, **rivals: float) -> Benchmarks:
    """Bare FastAPI at `fastapi` requests/s, Flask at 100, and each rival at its rate."""
    measured = [
        bare("fastapi", fastapi, "uvicorn"),
        bare("flask", 100),
        bare("fastapi", fastapi, "granian-asgi"),
        bare("flask", 100, "granian-wsgi"),
        *(bare(name, rate) for name, rate in rivals.items()),
        ({"key": NODE, "kind": "reference", "framework": None}, result(NODE, 10_000)),
    ]
    return Benchmarks(
        {
            "subjects": [subject for subject, _ in measured],
            "workloads": [],
            "results": [row for _, row in measured],
        }
    )


@pytest.mark.parametrize("fastapi", [300, 50])
def test_one_of_the_fastest_is_unmeasured_while_flask_is_its_only_python_rival(
    fastapi: float,
) -> None:
    finding = performance.fastest_python_framework(bare_frameworks(fastapi))

    assert finding.verdict == "unmeasured"
    assert "1 other Python framework bare: flask" in finding.observed
    assert f"at least {performance.RIVALS_FOR_A_RANKING} other Python frameworks" in (finding.today)


@pytest.mark.parametrize(("fastapi", "verdict"), [(150, "holds"), (90, "wrong")])
def test_one_of_the_fastest_is_judged_by_its_rank_once_enough_rivals_are_measured(
    fastapi: float, verdict: str
) -> None:
    finding = performance.fastest_python_framework(bare_frameworks(fastapi, django=80, falcon=200))

    assert finding.verdict == verdict
    assert "Python frameworks: " in finding.observed


@pytest.mark.parametrize(
    ("node", "go", "verdict"),
    [(100, 110, "holds"), (100, 300, "partly"), (200, 300, "wrong")],
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
