"""Demo employees, so that a fresh `make up` has something to show."""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shared.db import writing
from shared.models import Employee
from shared.schemas import EmployeeIn

DEMO_EMPLOYEES = [
    EmployeeIn(
        name="Ada Lovelace",
        email="ada@example.com",
        department="engineering",
        title="Analyst",
        salary=120_000,
        hired_on=date(2020, 1, 6),
    ),
    EmployeeIn(
        name="Grace Hopper",
        email="grace@example.com",
        department="engineering",
        title="Compiler Lead",
        salary=135_000,
        hired_on=date(2019, 3, 11),
    ),
    EmployeeIn(
        name="Katherine Johnson",
        email="katherine@example.com",
        department="research",
        title="Mathematician",
        salary=118_000,
        hired_on=date(2021, 7, 19),
    ),
    EmployeeIn(
        name="Hedy Lamarr",
        email="hedy@example.com",
        department="research",
        title="Inventor",
        salary=110_000,
        hired_on=date(2022, 2, 1),
    ),
    EmployeeIn(
        name="Zoë Ångström",
        email="zoe@example.com",
        department="sales",
        title="Account <Lead> & Co",
        salary=90_000,
        hired_on=date(2023, 9, 4),
    ),
]


def seed_demo_employees(session: Session) -> int:
    """Add the demo employees if the table is empty; return how many were added. The check and
    the inserts are one writer's transaction, so two seeders at once add them once."""
    with writing(session):
        if session.scalar(select(func.count()).select_from(Employee)):
            return 0
        session.add_all(Employee(**employee.model_dump()) for employee in DEMO_EMPLOYEES)
        session.commit()
        return len(DEMO_EMPLOYEES)
