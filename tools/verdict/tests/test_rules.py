"""Each rule that turns figures into a verdict, shown failing on the input it exists to catch."""

import dataclasses

import pytest

from tools.bench.judge import Spread
from tools.verdict.rules import (
    AHEAD_AT,
    BEHIND_AT,
    Choice,
    Figure,
    Lead,
    choose,
    decisive,
    keep_or_move,
    opposed,
)


def ratio(median: float, low: float | None = None, high: float | None = None) -> Spread:
    return Spread(median, median if low is None else low, median if high is None else high, 3)


def figure(median: float, workload: str = "hello") -> Figure:
    return Figure(workload, ratio(median))


def test_a_ratio_of_0_97_is_a_win_for_neither() -> None:
    assert figure(0.97).lead is Lead.NEITHER


def test_a_ratio_just_inside_the_lines_is_a_win_for_neither() -> None:
    assert figure(AHEAD_AT - 0.01).lead is Lead.NEITHER
    assert figure(BEHIND_AT + 0.01).lead is Lead.NEITHER


def test_a_ratio_on_the_lines_is_a_lead() -> None:
    assert figure(AHEAD_AT).lead is Lead.FASTAPI
    assert figure(BEHIND_AT).lead is Lead.FLASK


def test_a_median_past_the_line_with_a_round_on_the_other_side_of_level_is_no_lead() -> None:
    assert Figure("hello", ratio(1.08, low=0.99, high=1.10)).lead is Lead.NEITHER
    assert Figure("hello", ratio(0.92, low=0.90, high=1.01)).lead is Lead.NEITHER


def test_an_unmeasured_workload_has_no_lead() -> None:
    assert Figure("hello", None).lead is None


def test_a_kind_where_fastapi_leads_somewhere_and_trails_nowhere_gets_fastapi() -> None:
    assert choose([figure(1.30), figure(1.00, "login")]) is Choice.FASTAPI


def test_a_kind_where_flask_leads_everywhere_gets_flask() -> None:
    assert choose([figure(0.80), figure(0.90, "page")]) is Choice.FLASK


def test_a_kind_where_each_leads_somewhere_depends() -> None:
    assert choose([figure(1.30), figure(0.90, "page")]) is Choice.DEPENDS


def test_a_kind_where_every_figure_is_within_the_lines_gets_either_not_a_winner() -> None:
    assert choose([figure(1.04), figure(0.97, "page")]) is Choice.EITHER


def test_a_kind_with_no_figure_is_unmeasured() -> None:
    assert choose([Figure("hello", None)]) is Choice.UNMEASURED


def test_figures_that_put_opposite_frameworks_ahead_are_mixed() -> None:
    assert opposed(figure(1.09), figure(0.61))


def test_a_check_that_is_level_where_the_deciding_figure_leads_is_not_mixed() -> None:
    assert not opposed(figure(1.09), figure(1.00))


def test_a_move_that_pays_on_every_workload_with_every_difference_bridged_moves() -> None:
    assert keep_or_move([figure(1.20), figure(1.10, "employee")], unbridged=0) is Choice.FASTAPI


def test_a_move_that_pays_on_the_hello_only_keeps_flask() -> None:
    assert keep_or_move([figure(2.26), figure(0.82, "employee")], unbridged=0) is Choice.FLASK


def test_a_move_that_is_level_somewhere_keeps_flask() -> None:
    assert keep_or_move([figure(2.26), figure(0.98, "employee")], unbridged=0) is Choice.FLASK


def test_a_move_that_pays_everywhere_but_leaves_a_difference_unbridged_keeps_flask() -> None:
    assert keep_or_move([figure(1.20)], unbridged=1) is Choice.FLASK


def test_a_move_with_a_workload_unmeasured_keeps_flask() -> None:
    assert keep_or_move([figure(1.20), Figure("employee", None)], unbridged=0) is Choice.FLASK


def test_a_move_with_no_figure_is_unmeasured() -> None:
    assert keep_or_move([Figure("hello", None)], unbridged=0) is Choice.UNMEASURED


def test_the_narrowest_lead_decides_for_the_framework_chosen() -> None:
    figures = [figure(2.57), figure(1.09, "login")]

    assert decisive(figures, Choice.FASTAPI) == [figures[1]]
    assert decisive(figures, Choice.FLASK) == [figures[0]]


def test_where_it_depends_the_lowest_and_highest_figures_decide() -> None:
    figures = [figure(1.07), figure(0.92, "list"), figure(1.14, "create")]

    assert decisive(figures, Choice.DEPENDS) == [figures[1], figures[2]]


def test_a_round_exactly_level_takes_the_lead_away_from_a_median_past_the_line() -> None:
    assert Figure("hello", ratio(1.20, low=1.0)).lead is Lead.NEITHER
    assert Figure("hello", ratio(1.20, low=1.001)).lead is Lead.FASTAPI
    assert Figure("hello", ratio(0.80, high=1.0)).lead is Lead.NEITHER
    assert Figure("hello", ratio(0.80, high=0.999)).lead is Lead.FLASK


def test_a_single_measured_figure_decides_alone_where_no_framework_is_chosen() -> None:
    only = figure(1.0)

    assert decisive([only, Figure("list", None)], Choice.EITHER) == [only]


def test_two_figures_that_put_the_same_framework_ahead_are_not_mixed() -> None:
    assert not opposed(figure(1.20), figure(1.30))
    assert not opposed(figure(0.80), figure(0.70))


def test_the_highest_figure_alone_decides_for_flask_among_three() -> None:
    figures = [figure(0.70), figure(0.90, "list"), figure(0.80, "create")]

    assert decisive(figures, Choice.FLASK) == [figures[1]]


def test_a_figure_cannot_be_changed_once_made() -> None:
    made = figure(1.2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.ratio = None  # type: ignore[misc]
    assert {made: "kept"}[made] == "kept"
