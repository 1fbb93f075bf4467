"""The load run's verdict, shown failing on each kind of answer it exists to catch."""

from typing import Any

from tools.load.__main__ import traffic_problems


def results(statuses: dict[str, int], errors: list[str] | None = None) -> dict[str, Any]:
    summary = {"requests": sum(statuses.values()), "statuses": statuses}
    return {"apps": {"flask": summary, "fastapi": summary}, "errors": errors or []}


def test_a_run_of_2xx_answers_only_passes() -> None:
    assert traffic_problems(results({"200": 10, "201": 3, "204": 1})) == []


def test_a_single_5xx_fails_the_run() -> None:
    assert traffic_problems(results({"200": 10, "503": 1})) != []


def test_a_socket_error_fails_the_run() -> None:
    assert traffic_problems(results({"200": 10, "socket error": 1})) != []


def test_an_unexpected_status_that_locust_counted_as_failed_fails_the_run() -> None:
    assert traffic_problems(results({"200": 10}, ["flask POST /employees: 409 instead of 201"]))


def test_an_app_that_answered_nothing_fails_the_run() -> None:
    assert traffic_problems(results({})) != []
