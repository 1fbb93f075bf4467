from typing import Any

import pytest

from parity_tests.sides import Framework
from shared.settings import Settings
from tools.containers.stack import (
    StackError,
    completed_successfully,
    docker_time,
    has_no_health_check,
    is_healthy,
    live_suite_settings,
    lost_after_restart,
    started_after_completion,
)

Answers = dict[Framework, tuple[int, Any]]
WRITTEN = {"id": 7, "name": "Test Person", "email": "person@example.com", "salary": 100_000}


def running(health: str, log: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"Status": "running", "ExitCode": 0, "Health": {"Status": health, "Log": log or []}}


def test_a_healthy_container_is_healthy() -> None:
    assert is_healthy("flask", running("healthy")) is True


def test_a_starting_container_is_waited_for() -> None:
    assert is_healthy("flask", running("starting")) is False


def test_an_unhealthy_container_fails_with_the_last_probe_output() -> None:
    state = running("unhealthy", [{"Output": "HTTP Error 503: Service Unavailable\n"}])

    with pytest.raises(StackError, match="flask is unhealthy: HTTP Error 503"):
        is_healthy("flask", state)


def test_a_container_that_exited_is_never_waited_for() -> None:
    state = {"Status": "exited", "ExitCode": 3, "Health": {"Status": "starting"}}

    with pytest.raises(StackError, match=r"fastapi is exited \(exit status 3\)"):
        is_healthy("fastapi", state)


def test_a_container_without_a_health_check_cannot_be_healthy() -> None:
    with pytest.raises(StackError, match="no health check"):
        is_healthy("fastapi", {"Status": "running", "ExitCode": 0})


def test_a_one_shot_service_that_exited_0_completed() -> None:
    completed_successfully("migrate", {"Status": "exited", "ExitCode": 0})


@pytest.mark.parametrize(
    "state",
    [{"Status": "exited", "ExitCode": 1}, {"Status": "running", "ExitCode": 0}],
    ids=["failed", "still running"],
)
def test_a_one_shot_service_that_failed_or_runs_on_did_not_complete(state: dict[str, Any]) -> None:
    with pytest.raises(StackError, match="migrate should have exited with status 0"):
        completed_successfully("migrate", state)


def test_an_employee_read_back_the_same_through_both_apps_survived() -> None:
    answers: Answers = {"flask": (200, dict(WRITTEN)), "fastapi": (200, dict(WRITTEN))}

    assert lost_after_restart(WRITTEN, answers) == []


def test_an_employee_gone_after_the_restart_is_lost() -> None:
    answers: Answers = {"flask": (200, dict(WRITTEN)), "fastapi": (404, {"detail": "Not Found"})}

    (problem,) = lost_after_restart(WRITTEN, answers)

    assert problem.startswith("fastapi answered 404")


def test_an_employee_changed_by_the_restart_is_lost() -> None:
    changed = {**WRITTEN, "salary": 0}
    answers: Answers = {"flask": (200, changed), "fastapi": (200, changed)}

    assert len(lost_after_restart(WRITTEN, answers)) == 2


def test_a_one_shot_service_with_its_health_check_disabled_has_none() -> None:
    has_no_health_check("migrate", {"Status": "exited", "ExitCode": 0})


def test_a_one_shot_service_whose_health_check_runs_is_refused() -> None:
    state = {"Status": "exited", "ExitCode": 0, "Health": {"Status": "starting"}}

    with pytest.raises(StackError, match="healthcheck: disable"):
        has_no_health_check("migrate", state)


def test_docker_times_sort_whatever_their_number_of_fraction_digits() -> None:
    # Go's RFC 3339 drops trailing zeros: "…:12Z" is before "…:12.5Z", though "Z" > "." as text.
    times = ["2026-11-26T12:45:12.5Z", "2026-11-26T12:45:12Z", "2026-11-26T12:45:12.123456789Z"]

    assert sorted(times, key=docker_time) == [times[1], times[2], times[0]]


def test_a_server_started_after_the_migration_exited_waited_for_it() -> None:
    migrate = {"FinishedAt": "2026-11-26T12:45:12.900Z"}

    started_after_completion("flask", {"StartedAt": "2026-11-26T12:45:13.1Z"}, "migrate", migrate)


def test_a_server_started_before_the_migration_exited_did_not_wait() -> None:
    migrate = {"FinishedAt": "2026-11-26T12:45:12.900Z"}

    with pytest.raises(StackError, match=r"flask started at .*, before migrate had exited"):
        started_after_completion(
            "flask", {"StartedAt": "2026-11-26T12:45:12.1Z"}, "migrate", migrate
        )


def test_compose_passes_the_apps_every_setting_the_live_suite_expects_none_left_to_the_shell(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CORS_ORIGINS", "http://from-the-shell.example")
    every_setting = {name.upper() for name in Settings.model_fields}

    settings = live_suite_settings()

    # The scaled stack's own database, uploads volume and broker: compose fixes those.
    assert set(settings) == every_setting - {
        "DATABASE_URL",
        "UPLOAD_DIR",
        "JOBS",
        "JOBS_BROKER_URL",
    }
    assert settings["ENVIRONMENT"] == "test"
    assert settings["CORS_ORIGINS"] == "https://allowed.example"
    assert settings["MAX_BODY_BYTES"] == str(64 * 1024)
