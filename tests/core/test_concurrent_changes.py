"""Two requests on the same employee at once, on each database: a change or a deletion racing
a deletion, and a read racing a change."""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
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
from shared.schemas import EmployeeIn, EmployeeOut, EmployeePatch

# Long enough that, on a loaded machine, a writer that could commit has committed by then.
RACE_WINDOW_SECONDS = 1.0
# Long enough that a read that does not wait is done by then, however loaded the machine.
READ_WINDOW_SECONDS = 5.0


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


def hired(sessions: sessionmaker[Session], email: str) -> EmployeeOut:
    with sessions() as session:
        return create_employee(session, EmployeeIn.model_validate(new_employee(email=email)))


@dataclass
class Race:
    errors: list[BaseException] = field(default_factory=list)
    done_within_window: bool = False


@contextmanager
def racing_after_the_row_is_read(other: Callable[[], object], window: float) -> Iterator[Race]:
    """While the block runs, its first read of an employee starts `other` in another thread
    and gives it `window` seconds before the block goes on to write.

    When that read locked nothing (SQLite's two snapshots, PostgreSQL's plain SELECT), a
    deletion in `other` commits within the window, and the write that follows matches no row.
    """
    race = Race()

    def run_other() -> None:
        try:
            other()
        except BaseException as error:  # the thread's failure is the test's to report
            race.errors.append(error)

    racer = threading.Thread(target=run_other)
    first = threading.get_ident()

    def start_the_other_after_the_read(*_: object) -> None:
        if threading.get_ident() == first and racer.ident is None:
            racer.start()
            racer.join(window)
            race.done_within_window = not racer.is_alive()

    event.listen(Employee, "load", start_the_other_after_the_read)
    try:
        yield race
    finally:
        event.remove(Employee, "load", start_the_other_after_the_read)
        if racer.ident is not None:
            racer.join()


def deleting(sessions: sessionmaker[Session], target: int) -> Callable[[], None]:
    """A deletion of the row in a session of its own, as another request makes it."""

    def delete_in_another_session() -> None:
        with sessions() as other:
            delete_employee(other, target)

    return delete_in_another_session


def test_a_change_racing_a_deletion_of_the_same_row_is_applied_whole_never_a_500(
    sessions: sessionmaker[Session],
) -> None:
    # Before the row was locked as it was read, SQLAlchemy raised StaleDataError here: a 500.
    target = hired(sessions, "raced@example.com").id

    with (
        racing_after_the_row_is_read(deleting(sessions, target), RACE_WINDOW_SECONDS) as race,
        sessions() as session,
    ):
        changed = update_employee(session, target, EmployeePatch(salary=1))

    assert changed.salary == 1
    assert race.errors == []
    with sessions() as session, pytest.raises(NotFound):
        get_employee(session, target)


def test_of_two_deletions_of_the_same_row_at_once_the_second_finds_it_gone(
    sessions: sessionmaker[Session],
) -> None:
    # A deletion that read an unlocked row would delete nothing and still answer 204.
    target = hired(sessions, "deleted-twice@example.com").id

    with (
        racing_after_the_row_is_read(deleting(sessions, target), RACE_WINDOW_SECONDS) as race,
        sessions() as session,
    ):
        delete_employee(session, target)

    assert [type(error) for error in race.errors] == [NotFound]


def test_a_read_of_a_row_being_changed_neither_waits_for_the_change_nor_sees_it(
    sessions: sessionmaker[Session],
) -> None:
    # Only a change locks the row it reads: a read that locked it too would queue behind
    # every writer of that row.
    before = hired(sessions, "read-while-changed@example.com")
    seen: list[int] = []

    def read_in_another_session() -> None:
        with sessions() as other:
            seen.append(get_employee(other, before.id).salary)

    with (
        racing_after_the_row_is_read(read_in_another_session, READ_WINDOW_SECONDS) as race,
        sessions() as session,
    ):
        update_employee(session, before.id, EmployeePatch(salary=before.salary + 1))

    assert (race.errors, race.done_within_window) == ([], True)
    assert seen == [before.salary]
