from typing import Any

import pytest

from containers.stack import StackError, completed_successfully, is_healthy, lost_after_restart
from parity_tests.targets import Framework

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
