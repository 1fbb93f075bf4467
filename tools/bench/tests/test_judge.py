import dataclasses
import json

import pytest

from tools.bench.judge import SATURATION_CPU_SHARE, judge, ratio, round_ratios, spread

CLEAN = {
    "requests": 1000,
    "socket_errors": 0,
    "status_errors": 0,
    "preflight_status": 200,
    "expected_status": 200,
    "load_generator_cpu_share": 0.3,
}


def test_a_clean_case_passes_and_is_not_saturated() -> None:
    verdict = judge(**CLEAN)  # type: ignore[arg-type]
    assert not verdict.failed
    assert verdict.reasons == ()
    assert not verdict.saturated


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"socket_errors": 1}, "1 socket errors"),
        ({"status_errors": 3}, "3 responses with an error status"),
        ({"preflight_status": 404}, "the first request answered 404, not 200"),
        ({"preflight_status": None}, "the first request answered None, not 200"),
        ({"requests": 0}, "no request completed"),
    ],
)
def test_a_case_with_an_error_fails_and_says_why(change: dict[str, object], reason: str) -> None:
    verdict = judge(**{**CLEAN, **change})  # type: ignore[arg-type]
    assert verdict.failed
    assert reason in verdict.reasons


def test_a_redirect_where_a_201_was_expected_fails() -> None:
    verdict = judge(**{**CLEAN, "preflight_status": 302, "expected_status": 201})  # type: ignore[arg-type]
    assert verdict.failed


def test_a_load_generator_at_its_limit_is_flagged_saturated() -> None:
    at_limit = judge(**{**CLEAN, "load_generator_cpu_share": SATURATION_CPU_SHARE})  # type: ignore[arg-type]
    below = judge(**{**CLEAN, "load_generator_cpu_share": SATURATION_CPU_SHARE - 0.01})  # type: ignore[arg-type]
    assert at_limit.saturated
    assert not below.saturated
    assert not at_limit.failed


def test_the_spread_is_the_median_and_the_range() -> None:
    summary = spread([5.0, 1.0, 3.0])
    assert summary is not None
    assert (summary.median, summary.low, summary.high, summary.rounds) == (3.0, 1.0, 5.0, 3)


def test_an_even_number_of_rounds_has_the_mean_of_the_middle_two_as_median() -> None:
    summary = spread([1.0, 2.0, 4.0, 10.0])
    assert summary is not None
    assert summary.median == 3.0


def test_nothing_to_summarise_gives_no_spread() -> None:
    assert spread([]) is None


def _result(
    round_number: int, subject: str, rate: float, failed: bool = False
) -> dict[str, object]:
    return {
        "round": round_number,
        "subject": subject,
        "workload": "hello",
        "requests_per_s": rate,
        "failed": failed,
    }


def test_ratios_are_taken_within_each_round() -> None:
    results = [
        _result(1, "twin", 90.0),
        _result(1, "bare", 100.0),
        _result(2, "twin", 45.0),
        _result(2, "bare", 50.0),
    ]
    # Across rounds the medians would give 67.5 / 75 = 0.9 too; per round each is exactly 0.9,
    # which the slow second round does not disturb.
    assert round_ratios(results, "twin", "bare", "hello") == pytest.approx([0.9, 0.9])


def test_a_ratio_leaves_out_a_round_where_either_side_failed() -> None:
    results = [
        _result(1, "twin", 90.0),
        _result(1, "bare", 100.0),
        _result(2, "twin", 10.0, failed=True),
        _result(2, "bare", 100.0),
        _result(3, "twin", 80.0),
        _result(3, "bare", 1.0, failed=True),
    ]
    summary = ratio(results, "twin", "bare", "hello")
    assert summary is not None
    assert summary.rounds == 1
    assert summary.median == pytest.approx(0.9)


def test_no_round_where_both_passed_gives_no_ratio() -> None:
    results = [_result(1, "twin", 90.0), _result(1, "bare", 100.0, failed=True)]
    assert ratio(results, "twin", "bare", "hello") is None


# Exact boundaries: each test fails if a threshold moves or a comparison turns around.
@pytest.mark.parametrize(
    ("share", "saturated"), [(0.89, False), (0.90, True), (0.95, True), (1.0, True)]
)
def test_the_load_generator_is_saturated_from_nine_tenths_of_its_core(
    share: float, saturated: bool
) -> None:
    verdict = judge(**{**CLEAN, "load_generator_cpu_share": share})  # type: ignore[arg-type]

    assert verdict.saturated is saturated
    assert SATURATION_CPU_SHARE == 0.90


def test_a_single_request_done_is_enough_to_pass() -> None:
    assert not judge(**{**CLEAN, "requests": 1}).failed  # type: ignore[arg-type]


def test_a_first_answer_parsed_from_text_is_compared_by_value() -> None:
    # Statuses read from wrk's output are ints made at run time, not the interpreter's cached
    # small ints.
    parsed = {**CLEAN, "preflight_status": int("404"), "expected_status": int("4040") // 10}

    assert not judge(**parsed).failed  # type: ignore[arg-type]


def _round(subject: str, workload: str, number: int, per_s: float) -> dict[str, object]:
    return {
        "subject": subject,
        "workload": workload,
        "round": number,
        "requests_per_s": per_s,
        "failed": False,
    }


def test_a_ratio_reads_only_its_own_workload_whichever_way_the_names_sort() -> None:
    # Records as read back from a JSON file: every name a string made at run time.
    results = json.loads(
        json.dumps(
            [
                # A workload sorting before "json" and one after, both recorded after it.
                _round("a", "json", 1, 300.0),
                _round("b", "json", 1, 100.0),
                _round("a", "hello", 1, 100.0),
                _round("b", "hello", 1, 50.0),
                _round("a", "zeta", 1, 900.0),
                _round("b", "zeta", 1, 100.0),
            ]
        )
    )

    assert round_ratios(results, "a", "b", "json") == [3.0]
    assert round_ratios(results, "a", "b", "hello") == [2.0]
    assert round_ratios(results, "a", "b", "zeta") == [9.0]


def test_a_round_whose_denominator_did_nothing_is_left_out_and_a_slow_one_kept() -> None:
    results = [
        _round("a", "hello", 1, 100.0),
        _round("b", "hello", 1, 0.0),
        _round("a", "hello", 2, 1.0),
        _round("b", "hello", 2, 0.5),
    ]

    assert round_ratios(results, "a", "b", "hello") == [2.0]


def test_a_verdict_and_a_spread_cannot_be_changed_once_made() -> None:
    verdict = judge(**CLEAN)  # type: ignore[arg-type]
    summary = spread([1.0, 2.0, 3.0])
    assert summary is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        verdict.failed = True  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        summary.median = 0.0  # type: ignore[misc]
