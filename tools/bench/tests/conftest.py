"""A small, made-up run: the shape `tools.bench.run` writes, with numbers chosen to be checked."""

import copy
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tools.bench.tuned import RECIPES

if TYPE_CHECKING:
    from shared.settings import Settings

SUBJECTS = [
    (
        "flask-twin@gunicorn-gthread",
        "flask-twin",
        "Flask twin",
        "twin",
        "flask",
        "gunicorn-gthread",
        "gunicorn gthread",
    ),
    (
        "bare-flask@gunicorn-gthread",
        "bare-flask",
        "bare Flask",
        "bare",
        "flask",
        "gunicorn-gthread",
        "gunicorn gthread",
    ),
    (
        "raw-wsgi@gunicorn-gthread",
        "raw-wsgi",
        "raw WSGI",
        "raw",
        None,
        "gunicorn-gthread",
        "gunicorn gthread",
    ),
    (
        "fastapi-twin@uvicorn",
        "fastapi-twin",
        "FastAPI twin",
        "twin",
        "fastapi",
        "uvicorn",
        "uvicorn",
    ),
    (
        "bare-fastapi@uvicorn",
        "bare-fastapi",
        "bare FastAPI",
        "bare",
        "fastapi",
        "uvicorn",
        "uvicorn",
    ),
    ("node-http@node", "node-http", "Node.js http", "reference", None, "node", "Node.js"),
    ("go-http@go", "go-http", "Go net/http", "reference", None, "go", "Go"),
    (
        "flask-tuned@gunicorn-gthread",
        "flask-tuned",
        "tuned Flask twin",
        "tuned",
        "flask",
        "gunicorn-gthread",
        "gunicorn gthread",
    ),
    (
        "fastapi-tuned@uvicorn",
        "fastapi-tuned",
        "tuned FastAPI twin",
        "tuned",
        "fastapi",
        "uvicorn",
        "uvicorn",
    ),
    *(
        (
            f"{framework}-recipe-{recipe.key}@{server}",
            f"{framework}-recipe-{recipe.key}",
            f"{name} twin + {recipe.key}",
            "recipe",
            framework,
            server,
            server_label,
        )
        for framework, name, server, server_label in (
            ("flask", "Flask", "gunicorn-gthread", "gunicorn gthread"),
            ("fastapi", "FastAPI", "uvicorn", "uvicorn"),
        )
        for recipe in RECIPES[framework]
    ),
    *(
        (f"{app}@uvicorn", app, app_label, "migration", framework, "uvicorn", "uvicorn")
        for app, app_label, framework in (
            ("fastapi-compat", "FastAPI compat mode", "fastapi"),
            ("strangler-0", "strangler, 0% ported", None),
            ("strangler-50", "strangler, 50% ported", None),
            ("strangler-100", "strangler, 100% ported", None),
        )
    ),
    *(
        (f"{app}@uvicorn", app, app_label, "variant", "fastapi", "uvicorn", "uvicorn")
        for app, app_label in (
            ("fastapi-async-db", "FastAPI twin, async endpoints on an async session (aiosqlite)"),
            ("fastapi-async-deps", "FastAPI twin, its non-blocking dependency async"),
        )
    ),
]
WORKLOADS = [
    ("hello", "GET / (hello)", "hello", "/", 32, None),
    ("hello-c1", "GET / at 1 connections", "sweep", "/", 1, 1),
    ("list-10", "GET /employees?limit=10", "list", "/employees?limit=10", 32, 10),
    ("list-100", "GET /employees?limit=100", "list", "/employees?limit=100", 32, 100),
]
# requests/s per round: (subject, workload) -> [round 1, round 2, round 3]
RATES = {
    ("flask-twin@gunicorn-gthread", "hello"): [900.0, 1000.0, 1100.0],
    ("bare-flask@gunicorn-gthread", "hello"): [1000.0, 1000.0, 1000.0],
    ("raw-wsgi@gunicorn-gthread", "hello"): [4000.0, 5000.0, 2000.0],
    ("fastapi-twin@uvicorn", "hello"): [1800.0, 2000.0, 2200.0],
    ("bare-fastapi@uvicorn", "hello"): [2000.0, 2400.0, 3000.0],
    # bare FastAPI ÷ Node per round: 0.20, 0.30, 0.25; ÷ Go: 0.10, 0.12, 0.15.
    ("node-http@node", "hello"): [10000.0, 8000.0, 12000.0],
    ("go-http@go", "hello"): [20000.0, 20000.0, 20000.0],
    ("flask-twin@gunicorn-gthread", "hello-c1"): [500.0, 500.0, 500.0],
    ("bare-flask@gunicorn-gthread", "hello-c1"): [600.0, 600.0, 600.0],
    ("raw-wsgi@gunicorn-gthread", "hello-c1"): [3000.0, 3000.0, 3000.0],
    ("fastapi-twin@uvicorn", "hello-c1"): [700.0, 700.0, 700.0],
    ("bare-fastapi@uvicorn", "hello-c1"): [900.0, 900.0, 900.0],
    ("flask-twin@gunicorn-gthread", "list-10"): [400.0, 400.0, 400.0],
    ("fastapi-twin@uvicorn", "list-10"): [500.0, 500.0, 500.0],
    ("flask-twin@gunicorn-gthread", "list-100"): [100.0, 100.0, 100.0],
    ("fastapi-twin@uvicorn", "list-100"): [125.0, 125.0, 125.0],
    # Tuned: 1.20 of each twin's hello in every round; of bare: Flask 1.20, FastAPI 1.00.
    ("flask-tuned@gunicorn-gthread", "hello"): [1080.0, 1200.0, 1320.0],
    ("fastapi-tuned@uvicorn", "hello"): [2160.0, 2400.0, 2640.0],
    ("flask-tuned@gunicorn-gthread", "list-10"): [440.0, 440.0, 440.0],
    ("fastapi-tuned@uvicorn", "list-10"): [500.0, 500.0, 500.0],
    ("flask-tuned@gunicorn-gthread", "list-100"): [101.0, 101.0, 101.0],
    ("fastapi-tuned@uvicorn", "list-100"): [140.0, 140.0, 140.0],
    # The variants: 1.50 and 1.30 of the Flask twin on both lists, in every round.
    ("fastapi-async-db@uvicorn", "list-10"): [600.0, 600.0, 600.0],
    ("fastapi-async-db@uvicorn", "list-100"): [150.0, 150.0, 150.0],
    ("fastapi-async-deps@uvicorn", "list-10"): [520.0, 520.0, 520.0],
    ("fastapi-async-deps@uvicorn", "list-100"): [130.0, 130.0, 130.0],
    # Each recipe alone: 1.05 of its twin's hello in every round.
    **{
        (f"{framework}-recipe-{recipe.key}@{server}", "hello"): [r * 1.05 for r in twin]
        for framework, server, twin in (
            ("flask", "gunicorn-gthread", [900.0, 1000.0, 1100.0]),
            ("fastapi", "uvicorn", [1800.0, 2000.0, 2200.0]),
        )
        for recipe in RECIPES[framework]
    },
    # The strangler with nothing ported: 0.67, 0.70, 0.73 of the Flask twin's hello.
    ("fastapi-compat@uvicorn", "hello"): [1600.0, 1800.0, 2000.0],
    ("strangler-0@uvicorn", "hello"): [600.0, 700.0, 800.0],
    ("strangler-50@uvicorn", "hello"): [1500.0, 1700.0, 1900.0],
    ("strangler-100@uvicorn", "hello"): [1550.0, 1750.0, 1950.0],
    ("fastapi-compat@uvicorn", "list-10"): [450.0, 450.0, 450.0],
    ("strangler-0@uvicorn", "list-10"): [300.0, 300.0, 300.0],
    ("strangler-50@uvicorn", "list-10"): [440.0, 440.0, 440.0],
    ("strangler-100@uvicorn", "list-10"): [445.0, 445.0, 445.0],
}


def result(round_number: int, subject: str, workload: str, rate: float) -> dict[str, Any]:
    app, _, server = subject.partition("@")
    return {
        "round": round_number,
        "subject": subject,
        "app": app,
        "server": server,
        "workload": workload,
        "connections": 32,
        "requests": int(rate * 4),
        "duration_s": 4.0,
        "requests_per_s": rate,
        "p50_ms": 10.0,
        "p90_ms": 20.0,
        "p99_ms": 30.0 + round_number,
        "mean_ms": 12.0,
        "errors": {"connect": 0, "read": 0, "write": 0, "timeout": 0, "status": 0},
        "socket_errors": 0,
        "status_errors": 0,
        "preflight_status": 200,
        "load_generator_cpu_share": 0.2,
        "server_cpu_share": 0.95,
        "server_cpu_us_per_request": 250.0,
        "saturated": False,
        "failed": False,
        "reasons": [],
        "rss_mb": 70.0 + round_number,
    }


RUN: dict[str, Any] = {
    "schema": 1,
    "started": "2026-11-26T12:00:00+00:00",
    "finished": "2026-11-26T12:10:00+00:00",
    "command": "make bench",
    "note": "",
    "profile": {
        "name": "full",
        "rounds": 3,
        "warmup_s": 1,
        "duration_s": 4,
        "load_generator": "wrk -t1, timeout 10 s",
        "complete_report": True,
    },
    "machine": {
        "cpu_model": "Test CPU",
        "cores": 2,
        "usable_cpus": [0, 1],
        "server_cpu": 0,
        "load_generator_cpu": 1,
        "platform": "Linux",
        "memory_gb": 24.0,
        "load_average_at_start": [0.5, 0.4, 0.3],
        "load_average_at_end": [0.6, 0.5, 0.4],
        "niceness": -20,
    },
    "versions": {"python": "3.11.7", "wrk": "wrk 4.1.0", "flask": "3.1.3"},
    "subjects": [
        {
            "key": key,
            "label": app_label if kind == "reference" else f"{app_label} on {server_label}",
            "app": app,
            "app_label": app_label,
            "kind": kind,
            "framework": framework,
            "server": server,
            "server_label": server_label,
        }
        for key, app, app_label, kind, framework, server, server_label in SUBJECTS
    ],
    "workloads": [
        {
            "key": key,
            "label": label,
            "group": group,
            "path": path,
            "method": "GET",
            "connections": connections,
            "size": size,
        }
        for key, label, group, path, connections, size in WORKLOADS
    ],
    "recipes": {
        framework: [{"key": r.key, "label": r.label, "code_path": r.code_path} for r in recipes]
        for framework, recipes in RECIPES.items()
    },
    "migration": {
        "strangler_steps": {"0%": [], "50%": ["hello", "methods", "employees"], "100%": ["*"]}
    },
    "results": [
        result(round_number, subject, workload, rates[round_number - 1])
        for round_number in (1, 2, 3)
        for (subject, workload), rates in RATES.items()
    ],
}


@pytest.fixture
def run() -> dict[str, Any]:
    return copy.deepcopy(RUN)


# --- the twins themselves, for the tests of tools.bench.tuned and tools.bench.layers ------------


@pytest.fixture(scope="session")
def bench_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated SQLite database with a few employees (ids 1 to 3), as tools.bench.database
    seeds it."""
    from tools.bench.database import create_template, sqlite_url

    return sqlite_url(create_template(tmp_path_factory.mktemp("bench-db") / "twins.sqlite", 3))


@pytest.fixture
def twin_settings(bench_database: str, tmp_path: Path) -> "Settings":
    from shared.settings import Settings

    return Settings(database_url=bench_database, upload_dir=tmp_path / "uploads")


@pytest.fixture
def twin_environment(bench_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment a factory without arguments reads its settings from (a server's)."""
    monkeypatch.setenv("DATABASE_URL", bench_database)
    monkeypatch.setenv("UPLOAD_DIR", str(tmp_path / "uploads"))


@pytest.fixture(autouse=True)
def heap_unfrozen() -> Iterator[None]:
    """gc.freeze (a recipe) is process-wide: undone after each test."""
    yield
    gc.unfreeze()
