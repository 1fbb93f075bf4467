"""The rules that turn benchmark figures into a verdict, each threshold a named constant.

Every figure is a ratio of requests per second, FastAPI's over Flask's (or compat mode's over
the Flask twin's), taken within each round of the benchmark and summarised as the median with
the rounds' range (`tools.bench.judge.Spread`): above 1.0, FastAPI serves more.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from tools.bench.judge import Spread

# A lead is at least 5% either way: docs/benchmarks.md reads FastAPI ÷ Flask with the same
# line, and a few percent move between runs on a shared two-core machine.
AHEAD_AT = 1.05
BEHIND_AT = 0.95
# Where both serve as many requests. A median past a line with a round on the other side of
# this is no lead: the rounds disagree on who is ahead.
LEVEL = 1.0
# With clients to keep, a move must leave this many differences that break them unbridged.
UNBRIDGED_ALLOWED = 0


class Lead(StrEnum):
    FASTAPI = "FastAPI"
    FLASK = "Flask"
    NEITHER = "neither"


def lead(ratio: Spread) -> Lead:
    """Who is ahead: past a line, with every round on the same side of level."""
    if ratio.median >= AHEAD_AT and ratio.low > LEVEL:
        return Lead.FASTAPI
    if ratio.median <= BEHIND_AT and ratio.high < LEVEL:
        return Lead.FLASK
    return Lead.NEITHER


@dataclass(frozen=True)
class Figure:
    """One workload's ratio; None when no round has both sides passed."""

    workload: str
    ratio: Spread | None

    @property
    def lead(self) -> Lead | None:
        return lead(self.ratio) if self.ratio else None


class Choice(StrEnum):
    FASTAPI = "FastAPI"
    FLASK = "Flask"
    # No figure separates them: every one is level.
    EITHER = "either"
    # Each is ahead on some workload: which requests dominate decides.
    DEPENDS = "it depends"
    UNMEASURED = "unmeasured"


def choose(figures: Sequence[Figure]) -> Choice:
    """The framework ahead on some workloads and behind on none."""
    leads = {figure.lead for figure in figures if figure.lead}
    if not leads:
        return Choice.UNMEASURED
    if Lead.FASTAPI in leads and Lead.FLASK in leads:
        return Choice.DEPENDS
    if Lead.FASTAPI in leads:
        return Choice.FASTAPI
    if Lead.FLASK in leads:
        return Choice.FLASK
    return Choice.EITHER


def opposed(deciding: Figure, other: Figure) -> bool:
    """Whether two figures of one workload put opposite frameworks ahead: mixed evidence."""
    leads = {deciding.lead, other.lead}
    return leads == {Lead.FASTAPI, Lead.FLASK}


def keep_or_move(compat: Sequence[Figure], unbridged: int) -> Choice:
    """With clients to keep, the Flask service stays unless the move pays on every workload
    measured and leaves no more differences that break clients unbridged than allowed: a
    move costs work, so anything short of a gain everywhere keeps what runs."""
    if not any(figure.ratio for figure in compat):
        return Choice.UNMEASURED
    pays = all(figure.lead is Lead.FASTAPI for figure in compat)
    return Choice.FASTAPI if pays and unbridged <= UNBRIDGED_ALLOWED else Choice.FLASK


def decisive(figures: Sequence[Figure], choice: Choice) -> list[Figure]:
    """The figures that decide: for a framework chosen, the workload where its lead is
    narrowest (the first to turn the verdict); otherwise the lowest and the highest."""
    measured = sorted(
        (figure for figure in figures if figure.ratio), key=lambda f: _median(f.ratio)
    )
    if choice is Choice.FASTAPI:
        return measured[:1]
    if choice is Choice.FLASK:
        return measured[-1:]
    return measured if len(measured) <= 2 else [measured[0], measured[-1]]


def _median(ratio: Spread | None) -> float:
    assert ratio is not None, "only measured figures are sorted"
    return ratio.median
