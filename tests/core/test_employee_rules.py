"""The repository's paging and conflict rules, at their exact edges, on a fresh database."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from shared.db import create_db_engine, create_session_factory
from shared.employees import (
    create_employee,
    delete_employee,
    get_employee,
    list_employees,
    recently_hired,
    update_employee,
)
from shared.errors import Conflict, NotFound
from shared.manage import migrate
from shared.schemas import EmployeeIn, EmployeePatch, EmployeeQuery


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    url = f"sqlite:///{tmp_path / 'employees.db'}"
    migrate(url)
    engine = create_db_engine(url)
    with create_session_factory(engine)() as opened:
        yield opened
    engine.dispose()


def _hire(session: Session, number: int, department: str, hired_on: date) -> int:
    employee = EmployeeIn(
        name=f"Person {number}",
        email=f"person{number}@example.com",
        department=department,
        title="Engineer",
        salary=1000 + number,
        hired_on=hired_on,
    )
    return create_employee(session, employee).id


def test_a_page_holds_exactly_limit_rows_from_offset_and_counts_every_match(
    session: Session,
) -> None:
    ids = [_hire(session, n, "eng" if n % 2 else "ops", date(2020, 1, n + 1)) for n in range(7)]

    page = list_employees(session, EmployeeQuery(department="eng", limit=2, offset=1))

    assert [item.id for item in page.items] == [ids[3], ids[5]]
    assert (page.total, page.limit, page.offset) == (3, 2, 1)
    everyone = list_employees(session, EmployeeQuery(limit=100))
    assert [item.id for item in everyone.items] == ids
    assert everyone.total == 7


def test_a_page_past_the_end_is_empty_but_still_counts(session: Session) -> None:
    _hire(session, 1, "eng", date(2020, 1, 1))

    page = list_employees(session, EmployeeQuery(offset=1))

    assert (page.items, page.total) == ([], 1)


def test_a_department_filter_takes_that_department_alone_not_its_neighbours(
    session: Session,
) -> None:
    # One department sorts before the one asked for and one after it.
    hires = {
        department: _hire(session, n, department, date(2020, 1, n + 1))
        for n, department in enumerate(["design", "eng", "ops"])
    }

    page = list_employees(session, EmployeeQuery(department="eng"))

    assert ([item.id for item in page.items], page.total) == ([hires["eng"]], 1)


def test_a_department_with_nobody_in_it_is_an_empty_page_counting_zero(session: Session) -> None:
    _hire(session, 1, "eng", date(2020, 1, 1))

    page = list_employees(session, EmployeeQuery(department="sales"))

    assert (page.items, page.total) == ([], 0)


def test_the_newest_hire_comes_first_and_a_tie_goes_to_the_one_added_last(
    session: Session,
) -> None:
    first = _hire(session, 1, "eng", date(2021, 5, 1))
    later_same_day = _hire(session, 2, "eng", date(2021, 5, 1))
    older = _hire(session, 3, "eng", date(2019, 1, 1))

    assert [item.id for item in recently_hired(session, 3)] == [later_same_day, first, older]
    assert [item.id for item in recently_hired(session, 1)] == [later_same_day]


def test_a_second_employee_with_a_taken_email_is_a_conflict_naming_it(session: Session) -> None:
    _hire(session, 1, "eng", date(2020, 1, 1))

    with pytest.raises(Conflict, match=r"person1@example\.com already exists"):
        _hire(session, 1, "ops", date(2020, 1, 2))


def test_changing_an_email_to_a_taken_one_is_a_conflict_naming_the_new_one(
    session: Session,
) -> None:
    _hire(session, 1, "eng", date(2020, 1, 1))
    second = _hire(session, 2, "eng", date(2020, 1, 1))

    with pytest.raises(Conflict, match=r"person1@example\.com already exists"):
        update_employee(session, second, EmployeePatch(email="person1@example.com"))
    assert get_employee(session, second).email == "person2@example.com"


def test_an_employee_gone_is_not_found_for_every_operation(session: Session) -> None:
    gone = _hire(session, 1, "eng", date(2020, 1, 1))
    delete_employee(session, gone)

    for operation in (
        lambda: get_employee(session, gone),
        lambda: update_employee(session, gone, EmployeePatch(title="Lead")),
        lambda: delete_employee(session, gone),
    ):
        session.rollback()  # each app's request has a session of its own
        with pytest.raises(NotFound, match=f"Employee {gone} not found"):
            operation()
