import runpy

import pytest

from tools.bench.profiles import FULL, QUICK, SMOKE, Profile, plan
from tools.bench.run import round_order
from tools.bench.servers import process_environment
from tools.bench.subjects import (
    FLASK_GUNICORN_CONF,
    GUNICORN_GTHREAD,
    STRANGLER_STEPS,
    SUBJECTS,
    THREADS,
    recipe_app_key,
    subject,
)
from tools.bench.tuned import ENVIRONMENT_VARIABLE, RECIPES
from tools.bench.workloads import MIGRATION_WORKLOADS, workload


def test_baselines_serve_only_the_hello() -> None:
    bare = subject("bare-fastapi@uvicorn")
    assert workload("hello").runs_on(bare)
    assert not workload("list-100").runs_on(bare)
    assert workload("list-100").runs_on(subject("fastapi-twin@granian-asgi"))


def test_the_sweep_runs_on_each_twins_own_server_only() -> None:
    sweep = workload("hello-c256")
    assert sweep.runs_on(subject("raw-asgi@uvicorn"))
    assert sweep.runs_on(subject("flask-twin@gunicorn-gthread"))
    assert not sweep.runs_on(subject("flask-twin@granian-wsgi"))
    assert not sweep.runs_on(subject("raw-asgi@granian-asgi"))


def test_every_twin_runs_beside_a_bare_app_and_a_raw_callable_on_its_server() -> None:
    for twin in (s for s in SUBJECTS if s.app.kind == "twin"):
        beside = {s.app.kind for s in SUBJECTS if s.server == twin.server}
        assert {"twin", "bare", "raw"} <= beside, twin.key


def test_a_factory_app_is_called_by_gunicorn_and_flagged_to_uvicorn() -> None:
    gunicorn = subject("bare-flask@gunicorn-gthread")
    assert gunicorn.server.command(gunicorn.app, 8123)[-3:] == [
        "--bind",
        "127.0.0.1:8123",
        "tools.bench.apps.bare_flask:create_app()",
    ]
    uvicorn = subject("raw-asgi@uvicorn")
    assert uvicorn.server.command(uvicorn.app, 8123)[-2:] == [
        "--factory",
        "tools.bench.apps.raw_asgi:create_app",
    ]


def test_a_server_refuses_an_app_of_the_other_interface() -> None:
    with pytest.raises(ValueError, match="serves asgi"):
        subject("raw-asgi@uvicorn").server.command(subject("raw-wsgi@granian-wsgi").app, 1)


def test_the_order_of_subjects_turns_each_round_and_writes_come_last() -> None:
    first = [s.key for w, s in round_order(FULL, 1) if w.key == "hello"]
    second = [s.key for w, s in round_order(FULL, 2) if w.key == "hello"]
    assert second == first[1:] + first[:1]
    assert round_order(FULL, 1)[-1][0].key == "create"


def test_the_full_run_has_three_rounds_and_the_quick_one_measures_under_three_minutes() -> None:
    assert FULL.rounds >= 3
    assert QUICK.rounds == 1
    assert QUICK.planned_s() < 180
    assert SMOKE.planned_s() < 30


def test_a_profile_shorter_than_wrk_can_measure_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one round of one second"):
        Profile("broken", rounds=1, warmup_s=0, duration_s=0)


def test_the_wsgi_servers_run_the_flask_twins_production_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("GUNICORN_THREADS", raising=False)
    production = runpy.run_path(FLASK_GUNICORN_CONF)["threads"]
    assert production == THREADS
    assert GUNICORN_GTHREAD.environment["GUNICORN_THREADS"] == str(production)


def _workloads_of(key: str, profile: Profile = FULL) -> set[str]:
    return {w.key for w, s in profile.cases_per_round() if s.key == key}


def test_each_tuned_twin_runs_every_workload_its_twin_runs_but_the_sweep() -> None:
    for framework, server in (("flask", "gunicorn-gthread"), ("fastapi", "uvicorn")):
        twin = _workloads_of(f"{framework}-twin@{server}")
        sweep = {w.key for w in FULL.workloads if w.group == "sweep"}
        assert _workloads_of(f"{framework}-tuned@{server}") == twin - sweep


def test_a_twin_with_one_recipe_runs_the_hello_only_on_its_own_server() -> None:
    for framework, server in (("flask", "gunicorn-gthread"), ("fastapi", "uvicorn")):
        for recipe in RECIPES[framework]:
            key = f"{recipe_app_key(framework, recipe.key)}@{server}"
            assert _workloads_of(key) == {"hello"}, key


def test_the_migration_kit_runs_the_hello_and_the_reads_that_price_each_step() -> None:
    for app in ("fastapi-compat", "strangler-0", "strangler-50", "strangler-100"):
        assert _workloads_of(f"{app}@uvicorn") == set(MIGRATION_WORKLOADS)


def test_the_strangler_steps_are_the_kits_own() -> None:
    from migration.strangler import steps

    assert tuple(steps()) == STRANGLER_STEPS


def test_a_tuned_subject_names_its_recipes_whatever_the_shell_says() -> None:
    tuned = subject("fastapi-tuned@uvicorn")
    environment = process_environment(tuned, {ENVIRONMENT_VARIABLE: "gc-freeze", "PATH": ""})
    assert environment[ENVIRONMENT_VARIABLE] == ",".join(r.key for r in RECIPES["fastapi"])
    one = subject(f"{recipe_app_key('flask', 'lazy-session')}@gunicorn-gthread")
    assert process_environment(one, {})[ENVIRONMENT_VARIABLE] == "lazy-session"
    assert process_environment(one, {})["GUNICORN_WORKERS"] == "1"


def test_the_full_run_stays_under_fifty_minutes_and_the_quick_one_under_five() -> None:
    assert FULL.estimated_s() < 50 * 60
    assert QUICK.estimated_s() < 5 * 60
    assert "minutes measured" in plan(FULL)


def test_the_smoke_run_starts_both_tuned_factories() -> None:
    kinds = {(s.app.kind, s.app.framework) for s in SMOKE.subjects}
    assert {("tuned", "flask"), ("tuned", "fastapi")} <= kinds
