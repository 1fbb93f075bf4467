from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import text

from shared.db import create_db_engine
from shared.manage import MIGRATIONS, migrate, seed
from shared.models import Base
from shared.seed import DEMO_EMPLOYEES


def test_the_migrations_build_exactly_the_schema_the_models_map(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'schema.db'}"
    migrate(url)
    engine = create_db_engine(url)

    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)

    engine.dispose()
    assert differences == []


def test_seeding_adds_the_demo_employees_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'seed.db'}"
    migrate(url)

    assert seed(url) == len(DEMO_EMPLOYEES)
    assert seed(url) == 0


def _migrate_to(url: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, revision)


def _insert_employees(url: str, *emails: str) -> None:
    engine = create_db_engine(url)
    with engine.begin() as connection:
        for email in emails:
            connection.execute(
                text(
                    "INSERT INTO employees (name, email, department, title, salary, hired_on,"
                    " created_at, updated_at) VALUES ('N', :email, 'd', 't', 1, '2020-01-01',"
                    " '2020-01-01 00:00:00', '2020-01-01 00:00:00')"
                ),
                {"email": email},
            )
    engine.dispose()


def _emails(url: str) -> list[str]:
    engine = create_db_engine(url)
    with engine.connect() as connection:
        emails = list(connection.scalars(text("SELECT email FROM employees ORDER BY id")))
    engine.dispose()
    return emails


def test_upgrading_stores_emails_stored_before_the_rule_in_lower_case(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'emails.db'}"
    _migrate_to(url, "0001")
    _insert_employees(url, "Ada@Example.COM", "zoË@example.com")

    migrate(url)

    assert _emails(url) == ["ada@example.com", "zoë@example.com"]


def test_upgrading_refuses_emails_that_differ_only_in_case_and_changes_nothing(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'clash.db'}"
    _migrate_to(url, "0001")
    _insert_employees(url, "ada@example.com", "ADA@example.com")

    with pytest.raises(RuntimeError, match=r"ada@example\.com.*ADA@example\.com"):
        migrate(url)

    assert _emails(url) == ["ada@example.com", "ADA@example.com"]


def _employee_rows(url: str) -> list[tuple[object, ...]]:
    engine = create_db_engine(url)
    with engine.connect() as connection:
        rows = [
            tuple(row) for row in connection.execute(text("SELECT * FROM employees ORDER BY id"))
        ]
    engine.dispose()
    return rows


def _execute(url: str, statement: str) -> None:
    engine = create_db_engine(url)
    with engine.begin() as connection:
        connection.execute(text(statement))
    engine.dispose()


def test_upgrading_keeps_every_employee_and_never_gives_an_id_twice_afterwards(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'ids.db'}"
    _migrate_to(url, "0002")
    _insert_employees(url, *(f"e{n}@example.com" for n in range(1, 5)))
    _execute(url, "DELETE FROM employees WHERE id = 2")
    before = _employee_rows(url)

    migrate(url)
    _execute(url, "DELETE FROM employees WHERE id = 4")
    _insert_employees(url, "next@example.com")

    after = _employee_rows(url)
    assert after[:-1] == [row for row in before if row[0] != 4]
    assert after[-1][0] == 5


def test_downgrading_the_id_rule_keeps_every_employee(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'down.db'}"
    migrate(url)
    _insert_employees(url, "a@example.com", "b@example.com")
    before = _employee_rows(url)

    _downgrade_to(url, "0002")

    assert _employee_rows(url) == before


def _downgrade_to(url: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url)
    command.downgrade(config, revision)
