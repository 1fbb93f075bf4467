"""The bench database: migrated, seeded once with enough rows for the largest list, copied fresh
for every round so that one round's writes never weigh on the next round's reads."""

import shutil
from datetime import date, timedelta
from pathlib import Path

from shared.db import create_db_engine, create_session_factory
from shared.manage import migrate
from shared.models import Employee
from tools.bench.workloads import LIST_SIZES

SEEDED_EMPLOYEES = max(LIST_SIZES)
DEPARTMENTS = ("engineering", "research", "sales", "support")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def seeded_employees(count: int = SEEDED_EMPLOYEES) -> list[Employee]:
    first_day = date(2015, 1, 5)
    return [
        Employee(
            name=f"Employee {number:04d}",
            email=f"employee{number:04d}@example.com",
            department=DEPARTMENTS[number % len(DEPARTMENTS)],
            title="Engineer",
            salary=50_000 + number,
            hired_on=first_day + timedelta(days=number),
        )
        for number in range(1, count + 1)
    ]


def create_template(path: Path, count: int = SEEDED_EMPLOYEES) -> Path:
    """A migrated SQLite database with `count` employees, ids 1..count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    url = sqlite_url(path)
    migrate(url)
    engine = create_db_engine(url)
    try:
        with create_session_factory(engine)() as session:
            session.add_all(seeded_employees(count))
            session.commit()
    finally:
        engine.dispose()
    return path


def fresh_copy(template: Path, target: Path) -> Path:
    """A copy of the template for one round (WAL files of an earlier copy removed first)."""
    for leftover in (
        target,
        target.with_name(target.name + "-wal"),
        target.with_name(target.name + "-shm"),
    ):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(template, target)
    return target
