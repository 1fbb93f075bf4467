"""Benchmark figures for the performance claims, read from the harness's `docs/benchmarks.json`.

The file is a run of the benchmark harness (issue 5): `subjects` (each with a `key`, "app@server"),
and `results`, one per subject, workload and round, with `requests_per_s` and `failed`. A rate
is the median of a subject's passed rounds; a ratio is taken within each round where both sides
passed, then the median of those is kept: the harness's own rules (`tools.bench.judge`), so the
ledger and docs/benchmarks.md can never disagree on a figure.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.bench import judge
from tools.claims.ledger import REPO_ROOT, Link

BENCHMARKS_JSON = REPO_ROOT / "docs" / "benchmarks.json"

HELLO = "hello"
ASYNC = "async"
# The twins and their bare frameworks on the servers the article names.
FASTAPI_TWIN = "fastapi-twin@uvicorn"
FLASK_TWIN = "flask-twin@gunicorn-gthread"
BARE_FASTAPI = "bare-fastapi@uvicorn"
BARE_FLASK = "bare-flask@gunicorn-gthread"
# The same apps on one server that speaks both WSGI and ASGI: what is left is the framework's.
FASTAPI_TWIN_HELD_EQUAL = "fastapi-twin@granian-asgi"
FLASK_TWIN_HELD_EQUAL = "flask-twin@granian-wsgi"
BARE_FASTAPI_HELD_EQUAL = "bare-fastapi@granian-asgi"
BARE_FLASK_HELD_EQUAL = "bare-flask@granian-wsgi"
# The reference subjects: a hello in Node.js's `http` module and in Go's `net/http`.
NODE = "node-http@node"
GO = "go-http@go"

Run = Mapping[str, Any]


@dataclass(frozen=True)
class Benchmarks:
    """A benchmark run, or why there is none."""

    run: Run | None
    missing: str = ""

    def link(self, text: str) -> Link:
        return Link(text, "docs/benchmarks.json")


def load(path: Path = BENCHMARKS_JSON) -> Benchmarks:
    if not path.exists():
        return Benchmarks(
            None,
            f"{path.relative_to(REPO_ROOT).as_posix()} does not exist yet: the benchmark "
            "harness (issue 5) writes it",
        )
    return Benchmarks(json.loads(path.read_text(encoding="utf-8")))


def rate(run: Run, subject: str, workload: str) -> float | None:
    """The median requests per second over the passed rounds; None if none passed."""
    rounds = judge.spread(judge.by_round(run.get("results", ()), subject, workload).values())
    return rounds.median if rounds else None


def ratio(run: Run, numerator: str, denominator: str, workload: str) -> float | None:
    """numerator ÷ denominator within each round where both passed, the median of those."""
    per_round = judge.ratio(run.get("results", ()), numerator, denominator, workload)
    return per_round.median if per_round else None


def missing_subjects(run: Run, subjects: Sequence[str], workload: str) -> list[str]:
    """The subjects with no passed round of `workload` in the run."""
    results = run.get("results", ())
    return [subject for subject in subjects if not judge.by_round(results, subject, workload)]
