"""A change and a deletion of the same employee at once, on each database."""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from parity_tests.ci import require
from parity_tests.contract.helpers import new_employee
from parity_tests.databases import (
    BACKENDS,
    Backend,
    fresh_database,
    postgres_unavailable_reason,
)
from shared.db import create_db_engine, create_session_factory
from shared.employees import create_employee, delete_employee, get_employee, update_employee
from shared.errors import NotFound
from shared.manage import migrate
from shared.models import Employee
from shared.schemas import EmployeeIn, EmployeePatch

# Long enough that, on a loaded machine, a writer that could commit has committed by then.
RACE_WINDOW_SECONDS = 1.0


@pytest.fixture(params=BACKENDS)
def sessions(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    backend: Backend = request.param
    reason = postgres_unavailable_reason() if backend == "postgresql" else None
    require(reason, "CI must test PostgreSQL")
    with fresh_database(backend, tmp_path) as url:
        migrate(url)
        engine = create_db_engine(url)
        yield create_session_factory(engine)
        engine.dispose()


def test_a_change_racing_a_deletion_of_the_same_row_is_applied_whole_never_a_500(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session:
        target = create_employee(
            session,
            EmployeeIn.model_validate(new_employee(email="raced@example.com")),
        ).id
    deleter_errors: list[BaseException] = []

    def delete_in_another_session() -> None:
        try:
            with sessions() as other:
                delete_employee(other, target)
        except BaseException as error:  # the thread's failure is the test's to report
            deleter_errors.append(error)

    deleter = threading.Thread(target=delete_in_another_session)
    changer = threading.get_ident()

    def race_a_deletion_after_the_row_is_read(*_: object) -> None:
        # The deletion starts once the change has read the row, and gets its chance to commit
        # before the change writes. When the read locked nothing (SQLite's two snapshots,
        # PostgreSQL's plain SELECT), the UPDATE then matched no row and SQLAlchemy raised
        # StaleDataError, a 500 in both apps.
        if threading.get_ident() == changer and deleter.ident is None:
            deleter.start()
            deleter.join(RACE_WINDOW_SECONDS)

    event.listen(Employee, "load", race_a_deletion_after_the_row_is_read)
    try:
        with sessions() as session:
            changed = update_employee(session, target, EmployeePatch(salary=1))
    finally:
        event.remove(Employee, "load", race_a_deletion_after_the_row_is_read)
        deleter.join()

    assert changed.salary == 1
    assert deleter_errors == []
    with sessions() as session, pytest.raises(NotFound):
        get_employee(session, target)
