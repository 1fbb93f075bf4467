"""A run's results reduced to what the report shows: one summary per case, and the ratios."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tools.bench.judge import Spread, passed, ratio, spread

Run = Mapping[str, Any]


@dataclass(frozen=True)
class CaseSummary:
    subject: str
    workload: str
    requests_per_s: Spread | None
    p99_ms: float | None
    rss_mb: float | None
    rounds: int
    failed_rounds: int
    saturated_rounds: int
    reasons: tuple[str, ...]

    @property
    def failed(self) -> bool:
        """Every round failed: there is no number to show."""
        return self.requests_per_s is None


def results_of(run: Run, subject: str, workload: str) -> list[Mapping[str, Any]]:
    return [r for r in run["results"] if r["subject"] == subject and r["workload"] == workload]


def median_round(results: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The passed round whose requests/s is the median (the lower middle one if even)."""
    kept = sorted(passed(results), key=lambda r: r["requests_per_s"])
    return kept[(len(kept) - 1) // 2] if kept else None


def case(run: Run, subject: str, workload: str) -> CaseSummary | None:
    """None when the case was not part of the run."""
    results = results_of(run, subject, workload)
    if not results:
        return None
    middle = median_round(results)
    failures = [r for r in results if r["failed"]]
    return CaseSummary(
        subject=subject,
        workload=workload,
        requests_per_s=spread(r["requests_per_s"] for r in passed(results)),
        p99_ms=middle["p99_ms"] if middle else None,
        rss_mb=max((r["rss_mb"] for r in passed(results)), default=None),
        rounds=len(results),
        failed_rounds=len(failures),
        saturated_rounds=sum(1 for r in results if r["saturated"]),
        reasons=tuple(dict.fromkeys(reason for r in failures for reason in r["reasons"])),
    )


def case_ratio(
    run: Run,
    numerator: str,
    denominator: str,
    workload: str,
    denominator_workload: str | None = None,
) -> Spread | None:
    return ratio(run["results"], numerator, denominator, workload, denominator_workload)


def subjects_of(run: Run, **matching: Any) -> list[Mapping[str, Any]]:
    """The run's subjects whose fields equal `matching` (kind="twin", server="uvicorn", ...)."""
    return [s for s in run["subjects"] if all(s[k] == v for k, v in matching.items())]


def workload_info(run: Run, key: str) -> Mapping[str, Any] | None:
    return next((w for w in run["workloads"] if w["key"] == key), None)


def subject_info(run: Run, key: str) -> Mapping[str, Any] | None:
    return next((s for s in run["subjects"] if s["key"] == key), None)


def ran(run: Run, subject: str, workload: str) -> bool:
    return bool(results_of(run, subject, workload))
