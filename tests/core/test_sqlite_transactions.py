"""How the core uses SQLite's transactions when several threads read and write one file at once."""

import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from shared import db
from shared.db import create_db_engine, create_session_factory, writing
from shared.employees import create_employee, get_employee, update_employee
from shared.manage import migrate
from shared.models import Employee
from shared.schemas import EmployeeIn, EmployeePatch


def employee(number: int) -> EmployeeIn:
    return EmployeeIn(
        name="Test Person",
        email=f"person-{number}@example.com",
        department="tests",
        title="Engineer",
        salary=100_000,
        hired_on=date(2024, 5, 1),
    )


@pytest.fixture
def database(tmp_path: Path) -> Iterator[tuple[Engine, sessionmaker[Session], Path]]:
    path = tmp_path / "twins.db"
    migrate(f"sqlite:///{path}")
    engine = create_db_engine(f"sqlite:///{path}")
    yield engine, create_session_factory(engine), path
    engine.dispose()


def insert_directly(path: Path, number: int) -> None:
    """A write by another process's connection, outside the core."""
    with sqlite3.connect(path, timeout=10) as other:
        other.execute(
            "INSERT INTO employees (name, email, department, title, salary, hired_on, "
            "created_at, updated_at) VALUES ('Other', ?, 'tests', 'x', 1, '2024-05-01', "
            "'2024-05-01 00:00:00', '2024-05-01 00:00:00')",
            (f"other-{number}@example.com",),
        )
    other.close()


def test_a_read_transaction_sees_one_snapshot_until_it_ends(
    database: tuple[Engine, sessionmaker[Session], Path],
) -> None:
    _engine, sessions, path = database
    count = select(func.count()).select_from(Employee)
    with sessions() as session:
        before = session.scalar(count) or 0
        insert_directly(path, 1)
        # pysqlite's legacy mode began no transaction for a SELECT: each read saw the latest.
        assert session.scalar(count) == before
    with sessions() as session:
        assert session.scalar(count) == before + 1


def test_a_writer_holds_the_database_from_its_first_read_to_its_commit(
    database: tuple[Engine, sessionmaker[Session], Path],
) -> None:
    _engine, sessions, path = database
    with sessions() as session, writing(session):
        session.scalar(select(func.count()).select_from(Employee))
        with sqlite3.connect(path, timeout=0) as other, pytest.raises(sqlite3.OperationalError):
            other.execute("BEGIN IMMEDIATE")
        other.close()
        session.commit()
    insert_directly(path, 2)


def test_a_session_that_already_read_cannot_become_a_writer(
    database: tuple[Engine, sessionmaker[Session], Path],
) -> None:
    _engine, sessions, _path = database
    with sessions() as session:
        session.scalar(select(func.count()).select_from(Employee))
        with pytest.raises(RuntimeError, match="writing"), writing(session):
            pass


def test_many_threads_writing_at_once_all_succeed_and_read_back(
    database: tuple[Engine, sessionmaker[Session], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each write reads its row first, as a PATCH does; 16 writers at once, bounded in count.
    _engine, sessions, _path = database
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 30_000)
    writers, rounds = 16, 10
    errors: list[BaseException] = []
    final: dict[int, int] = {}

    def write(number: int) -> None:
        try:
            with sessions() as session:
                employee_id = create_employee(session, employee(number)).id
            for salary in range(rounds):
                with sessions() as session:
                    update_employee(session, employee_id, EmployeePatch(salary=salary))
            final[employee_id] = rounds - 1
        except BaseException as error:  # the thread's failure is the test's to report
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    with sessions() as session:
        assert {key: get_employee(session, key).salary for key in final} == final


def test_a_writer_that_waits_too_long_for_its_turn_is_told_the_database_is_locked(
    database: tuple[Engine, sessionmaker[Session], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Both apps answer this error with 503 and Retry-After, as they do SQLite's own.
    _engine, sessions, _path = database
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 100)
    holding, done = threading.Event(), threading.Event()

    def hold_the_turn() -> None:
        with sessions() as session, writing(session):
            holding.set()
            done.wait(10)

    holder = threading.Thread(target=hold_the_turn)
    holder.start()
    try:
        holding.wait(10)
        with sessions() as session, pytest.raises(OperationalError, match="database is locked"):
            create_employee(session, employee(3))
    finally:
        done.set()
        holder.join()


# Four engines on one file stand for the four server processes of `make up`, 48 writers
# among them; each write holds the lock a few milliseconds, as a commit does on a busy machine.
WRITERS, ROUNDS, HOLD_SECONDS = 48, 12, 0.005
# Fairness counted in turns, not milliseconds, so that a loaded machine (a turn lasting
# longer) cannot fail it: 99 in 100 writes wait through at most four rounds of every other
# writer's turn. With the writers queued in order this measured 86 to 94 turns, on two cores
# kept busy besides; in SQLite's busy handler alone about 480, a writer that had waited a while
# sleeping up to 100 ms between tries and losing the lock to newcomers (with a hundred writers,
# past the busy timeout: 503).
FAIR_TURNS = 4 * WRITERS


def turns_waited_by_each_write(path: Path) -> list[int]:
    """How many other writes took the lock while each write waited for it."""
    engines = [create_db_engine(f"sqlite:///{path}") for _ in range(4)]
    factories = [create_session_factory(engine) for engine in engines]
    taken = 0  # changed only by the writer holding the lock
    waited: list[int] = []
    errors: list[BaseException] = []

    def write(number: int) -> None:
        nonlocal taken
        process = factories[number % len(factories)]
        try:
            for round_ in range(ROUNDS):
                before = taken
                with process() as session, writing(session):
                    session.add(Employee(**employee(number * ROUNDS + round_).model_dump()))
                    session.flush()
                    waited.append(taken - before)
                    taken += 1
                    time.sleep(HOLD_SECONDS)
                    session.commit()
        except BaseException as error:  # the thread's failure is the test's to report
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for engine in engines:
            engine.dispose()
    assert errors == []
    return sorted(waited)


def ninety_ninth_percentile(values: list[int]) -> int:
    return values[len(values) * 99 // 100]


def test_writers_of_several_processes_each_get_their_turn_within_four_rounds(
    database: tuple[Engine, sessionmaker[Session], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _engine, sessions, path = database
    # Time is not what this measures: no writer should run out of it.
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 120_000)

    waited = turns_waited_by_each_write(path)

    assert ninety_ninth_percentile(waited) <= FAIR_TURNS, waited[-20:]
    with sessions() as session:
        written = session.scalar(select(func.count()).select_from(Employee))
        assert written == WRITERS * ROUNDS


def test_in_sqlites_busy_handler_alone_some_writers_wait_far_longer_than_four_rounds(
    database: tuple[Engine, sessionmaker[Session], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The measure above, shown failing on what it exists to catch: no turns taken.
    _engine, _sessions, path = database
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 120_000)
    monkeypatch.setattr(db, "_sqlite_writer_turns", lambda engine: None)

    waited = turns_waited_by_each_write(path)

    assert ninety_ninth_percentile(waited) > FAIR_TURNS
