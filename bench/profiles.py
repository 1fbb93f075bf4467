"""How long and how much: the full run, the quick one, and the seconds-long smoke run for CI."""

from dataclasses import dataclass, replace

from bench.subjects import SUBJECTS, Subject, subject
from bench.workloads import WORKLOADS, Workload, cases, workload


@dataclass(frozen=True)
class Profile:
    """Durations are whole seconds, as wrk takes them; a warm-up of 0 means none."""

    name: str
    rounds: int
    warmup_s: int
    duration_s: int
    subjects: tuple[Subject, ...] = SUBJECTS
    workloads: tuple[Workload, ...] = WORKLOADS
    # The in-process measure of each layer (bench.layers): interleaved passes, requests each.
    layer_passes: int = 7
    layer_requests: int = 2000

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


FULL = Profile("full", rounds=3, warmup_s=1, duration_s=4)
# Under three minutes: one round, one second a case, the first request as the only warm-up, and
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
    subjects=tuple(
        subject(key)
        for key in (
            "flask-twin@gunicorn-gthread",
            "bare-flask@gunicorn-gthread",
            "fastapi-twin@uvicorn",
            "raw-asgi@uvicorn",
            "node-http@node",
            "go-http@go",
        )
    ),
    workloads=tuple(workload(key) for key in ("hello", "hello-c1", "list-10", "create")),
)
PROFILES = {profile.name: profile for profile in (FULL, QUICK, SMOKE)}


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
