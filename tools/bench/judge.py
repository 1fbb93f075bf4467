"""The rules that judge a case and summarise rounds: failures, saturation, medians, ratios.

A failed case is reported, never averaged in. A ratio is taken within one round, where both
sides ran minutes apart on the same machine, and only then summarised across rounds.
"""

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# wrk's one thread busy for at least this share of the run: the load generator, not the
# server, may have set the pace.
SATURATION_CPU_SHARE = 0.90


@dataclass(frozen=True)
class Verdict:
    failed: bool
    reasons: tuple[str, ...]
    saturated: bool


def judge(
    *,
    requests: int,
    socket_errors: int,
    status_errors: int,
    preflight_status: int | None,
    expected_status: int,
    load_generator_cpu_share: float,
) -> Verdict:
    """Failed on any socket error, any error status, a wrong first answer, or no request done."""
    reasons = []
    if preflight_status != expected_status:
        reasons.append(f"the first request answered {preflight_status}, not {expected_status}")
    if socket_errors:
        reasons.append(f"{socket_errors} socket errors")
    if status_errors:
        reasons.append(f"{status_errors} responses with an error status")
    if requests <= 0:
        reasons.append("no request completed")
    return Verdict(
        failed=bool(reasons),
        reasons=tuple(reasons),
        saturated=load_generator_cpu_share >= SATURATION_CPU_SHARE,
    )


@dataclass(frozen=True)
class Spread:
    """The median of the rounds and their range."""

    median: float
    low: float
    high: float
    rounds: int

    def as_dict(self) -> dict[str, float | int]:
        return {"median": self.median, "min": self.low, "max": self.high, "rounds": self.rounds}


def spread(values: Iterable[float]) -> Spread | None:
    """None when there is nothing to summarise (every round failed, or the case never ran)."""
    kept = sorted(values)
    if not kept:
        return None
    return Spread(statistics.median(kept), kept[0], kept[-1], len(kept))


Result = Mapping[str, Any]


def passed(results: Iterable[Result]) -> list[Result]:
    return [result for result in results if not result["failed"]]


def by_round(results: Iterable[Result], subject: str, workload: str) -> dict[int, float]:
    """Requests per second of one subject and workload, per round, failed rounds left out."""
    return {
        result["round"]: result["requests_per_s"]
        for result in passed(results)
        if result["subject"] == subject and result["workload"] == workload
    }


def round_ratios(
    results: Sequence[Result],
    numerator: str,
    denominator: str,
    workload: str,
    denominator_workload: str | None = None,
) -> list[float]:
    """numerator / denominator in each round where both passed."""
    top = by_round(results, numerator, workload)
    bottom = by_round(results, denominator, denominator_workload or workload)
    return [top[r] / bottom[r] for r in sorted(top.keys() & bottom.keys()) if bottom[r] > 0]


def ratio(
    results: Sequence[Result],
    numerator: str,
    denominator: str,
    workload: str,
    denominator_workload: str | None = None,
) -> Spread | None:
    return spread(round_ratios(results, numerator, denominator, workload, denominator_workload))
