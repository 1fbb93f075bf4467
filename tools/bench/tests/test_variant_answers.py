"""Each variant of tools.bench.variants answers as the FastAPI twin: the recipes' requests, and
the employees API's reads and writes in one sequence, each app on a fresh database."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sidebyside import Probe

from fastapi_app import create_app as create_fastapi_twin
from shared.settings import Settings
from tools.bench.database import create_template, fresh_copy, sqlite_url
from tools.bench.tests.answers import PROBES, Answer, fastapi_answers
from tools.bench.variants import fastapi_async_db, fastapi_async_deps

NEW = {
    "name": "New Person",
    "email": "new.person@example.com",
    "department": "research",
    "title": "Analyst",
    "salary": 1234,
    "hired_on": "2024-02-03",
}
# In order: the writes change what the later reads find.
EMPLOYEE_PROBES = (
    Probe("a department's list", "GET", "/employees?department=sales&limit=5"),
    Probe("a page past the first", "GET", "/employees?limit=1&offset=2"),
    Probe("a list too long", "GET", "/employees?limit=0"),
    Probe("a missing employee", "GET", "/employees/999"),
    Probe("a negative id", "GET", "/employees/-1"),
    Probe("a new employee", "POST", "/employees", json=NEW),
    Probe("the same email again", "POST", "/employees", json=NEW),
    Probe("an invalid new employee", "POST", "/employees", json={**NEW, "salary": -1}),
    Probe("an employee replaced", "PUT", "/employees/1", json={**NEW, "email": "one@example.com"}),
    Probe("an employee changed", "PATCH", "/employees/2", json={"title": "Lead"}),
    Probe("a change to a taken email", "PATCH", "/employees/2", json={"email": "one@example.com"}),
    Probe("an employee deleted", "DELETE", "/employees/3"),
    Probe("the deleted employee", "GET", "/employees/3"),
    Probe("a missing employee deleted", "DELETE", "/employees/3"),
    Probe("the list after the writes", "GET", "/employees?limit=10"),
)
ALL_PROBES = (*PROBES, *EMPLOYEE_PROBES)
VARIANTS: dict[str, Callable[[Settings], Any]] = {
    "async-db": fastapi_async_db.create_app,
    "async-deps": fastapi_async_deps.create_app,
}


# When a row was written: the moment of the write, which no two apps share.
TIMESTAMP = re.compile(rb'"(created_at|updated_at)":"[^"]*"')


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_template(tmp_path_factory.mktemp("template") / "twins.sqlite", 3)


def fresh_settings(template: Path, directory: Path) -> Settings:
    database = fresh_copy(template, directory / "twins.sqlite")
    return Settings(database_url=sqlite_url(database), upload_dir=directory / "uploads")


def without_write_times(answer: Answer) -> Answer:
    status, headers, body = answer
    # The body's length follows the timestamps' (a whole second prints no fraction).
    kept = [(name, value) for name, value in headers if name != "content-length"]
    return status, kept, TIMESTAMP.sub(rb'"\1":"(when written)"', body)


def answers(
    factory: Callable[[Settings], Any], template: Path, directory: Path
) -> dict[str, Answer]:
    directory.mkdir()
    app = factory(fresh_settings(template, directory))
    names = [probe.title for probe in ALL_PROBES]
    given = fastapi_answers(app, ALL_PROBES)
    return dict(zip(names, map(without_write_times, given), strict=True))


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_variant_answers_every_request_as_the_fastapi_twin(
    variant: str, template: Path, tmp_path: Path
) -> None:
    expected = answers(create_fastapi_twin, template, tmp_path / "twin")
    observed = answers(VARIANTS[variant], template, tmp_path / variant)
    assert observed == expected


def test_the_employee_requests_reach_what_they_are_meant_to(template: Path, tmp_path: Path) -> None:
    given = answers(create_fastapi_twin, template, tmp_path / "twin")
    statuses = {name: answer[0] for name, answer in given.items()}
    assert statuses["a new employee"] == 201
    assert statuses["the same email again"] == 409
    assert statuses["an employee replaced"] == 200
    assert statuses["a change to a taken email"] == 409
    assert statuses["an employee deleted"] == 204
    assert statuses["the deleted employee"] == 404
    assert statuses["a negative id"] == 422


def test_the_async_db_variant_reads_through_the_async_driver(
    template: Path, tmp_path: Path
) -> None:
    app = fastapi_async_db.create_app(fresh_settings(template, tmp_path))
    assert app.state.async_session_factory.kw["bind"].dialect.driver == "aiosqlite"
    assert fastapi_async_db.async_database_url("postgresql://u@h/db") == (
        "postgresql+asyncpg://u@h/db"
    )
