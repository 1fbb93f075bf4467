"""How long and how much: the full run, the quick one, and the seconds-long smoke run for CI."""

from collections import Counter
from dataclasses import dataclass, replace

from tools.bench.subjects import SUBJECTS, Subject, subject
from tools.bench.workloads import WORKLOADS, Workload, cases, workload

# What a case costs beyond its warm-up and measurement (wrk starting, the first request, memory
# sampled), and what a round costs to start its servers, pinned to one CPU: from the full run
# of 2026-11-26 (309 cases, 27.5 minutes against 25.75 planned), rounded up.
CASE_OVERHEAD_S = 0.4
SERVER_START_S = 1.5


@dataclass(frozen=True)
class Profile:
    """Durations are whole seconds, as wrk takes them; a warm-up of 0 means none."""

    name: str
    rounds: int
    warmup_s: int
    duration_s: int
    subjects: tuple[Subject, ...] = SUBJECTS
    workloads: tuple[Workload, ...] = WORKLOADS
    # The in-process measure of each layer (tools.bench.layers): interleaved passes, requests each.
    layer_passes: int = 7
    layer_requests: int = 2000
    # Whether its report must hold every section (bench check): a smoke run proves the harness
    # runs, on a few subjects, and answers no question.
    complete_report: bool = True

    def __post_init__(self) -> None:
        if self.rounds < 1 or self.duration_s < 1 or self.warmup_s < 0:
            raise ValueError(
                f"profile {self.name}: at least one round of one second, and no negative warm-up"
            )

    def cases_per_round(self) -> list[tuple[Workload, Subject]]:
        return cases(self.subjects, self.workloads)

    def planned_case_s(self) -> float:
        return self.warmup_s + self.duration_s

    def planned_s(self) -> float:
        return self.rounds * len(self.cases_per_round()) * self.planned_case_s()

    def servers_per_round(self) -> int:
        return sum(1 for s in self.subjects if any(w.runs_on(s) for w in self.workloads))

    def estimated_s(self) -> float:
        """The planned time with what a run spends around its cases: the wall-clock to expect."""
        around_cases = len(self.cases_per_round()) * CASE_OVERHEAD_S
        starting = self.servers_per_round() * SERVER_START_S
        return self.planned_s() + self.rounds * (around_cases + starting)


FULL = Profile("full", rounds=3, warmup_s=1, duration_s=4)
# About four minutes: one round, one second a case, the first request as the only warm-up, and
# the concurrency sweep at its two ends (with the hello's 32 between them).
QUICK = Profile(
    "quick",
    rounds=1,
    warmup_s=0,
    duration_s=1,
    layer_passes=2,
    layer_requests=200,
    workloads=tuple(w for w in WORKLOADS if w.key not in ("hello-c16", "hello-c64")),
)
# Every stage of the harness once, on one app of each kind per interface: for CI, not numbers.
SMOKE = Profile(
    "smoke",
    rounds=1,
    warmup_s=0,
    duration_s=1,
    layer_passes=2,
    layer_requests=200,
    complete_report=False,
    subjects=tuple(
        subject(key)
        for key in (
            "flask-twin@gunicorn-gthread",
            "bare-flask@gunicorn-gthread",
            "fastapi-twin@uvicorn",
            "raw-asgi@uvicorn",
            # The tuned factories, proved to start and serve: CI runs nothing else of them live.
            "flask-tuned@gunicorn-gthread",
            "fastapi-tuned@uvicorn",
            # The async database variant likewise: its driver and event loop, live.
            "fastapi-async-db@uvicorn",
            "node-http@node",
            "go-http@go",
        )
    ),
    workloads=tuple(workload(key) for key in ("hello", "hello-c1", "list-10", "create")),
)
PROFILES = {profile.name: profile for profile in (FULL, QUICK, SMOKE)}


def plan(profile: Profile) -> str:
    """What a run of `profile` does and how long it takes, in a few lines."""
    per_kind = Counter(s.app.kind for _, s in profile.cases_per_round())
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(per_kind.items()))
    return (
        f"{profile.name}: {profile.rounds} round(s) of {len(profile.cases_per_round())} cases "
        f"on {profile.servers_per_round()} servers ({kinds}); each case "
        f"{profile.warmup_s} s of warm-up and {profile.duration_s} s measured: "
        f"{profile.planned_s() / 60:.1f} minutes measured, about "
        f"{estimated_minutes(profile)} minute(s) in all"
    )


def estimated_minutes(profile: Profile) -> int:
    """The wall-clock a run of `profile` takes, in whole minutes: what the docs may quote."""
    return max(1, round(profile.estimated_s() / 60))


def customised(
    profile: Profile,
    rounds: int | None = None,
    warmup_s: int | None = None,
    duration_s: int | None = None,
    subject_keys: list[str] | None = None,
    workload_keys: list[str] | None = None,
) -> Profile:
    changes: dict[str, object] = {}
    if rounds is not None:
        changes["rounds"] = rounds
    if warmup_s is not None:
        changes["warmup_s"] = warmup_s
    if duration_s is not None:
        changes["duration_s"] = duration_s
    if subject_keys:
        changes["subjects"] = tuple(subject(key) for key in subject_keys)
    if workload_keys:
        changes["workloads"] = tuple(workload(key) for key in workload_keys)
    return replace(profile, **changes)  # type: ignore[arg-type]
