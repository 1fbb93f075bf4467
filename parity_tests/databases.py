"""Fresh databases for test runs: a SQLite file, or a dedicated PostgreSQL database.

PostgreSQL is found at PARITY_POSTGRES_URL (default: the local server, user postgres). Each
database gets a unique name and is dropped afterwards, whatever happened in between.
"""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from types import ModuleType

Backend = Literal["sqlite", "postgresql"]
BACKENDS: tuple[Backend, ...] = ("sqlite", "postgresql")
ADMIN_URL = os.environ.get("PARITY_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


class PostgresUnavailableError(RuntimeError):
    pass


def _psycopg() -> "ModuleType | None":
    """psycopg, imported only when PostgreSQL is asked for: the `postgres` extra is optional,
    and an install without it must still run the SQLite suite."""
    try:
        import psycopg
    except ImportError:
        return None
    return psycopg


def postgres_unavailable_reason() -> str | None:
    """Why PostgreSQL cannot be used here, or None when it can."""
    psycopg = _psycopg()
    if psycopg is None:
        return "psycopg is not installed (install the project's `postgres` extra)"
    try:
        with psycopg.connect(ADMIN_URL, connect_timeout=3):
            return None
    except psycopg.Error as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error)
        return f"no PostgreSQL at {ADMIN_URL} ({first_line})"


def must_not_skip() -> bool:
    """In CI, PostgreSQL is part of what is tested: its absence is a failure, not a skip."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@contextmanager
def postgres_database(prefix: str = "twins_test") -> Iterator[str]:
    """A new, empty PostgreSQL database; yields its SQLAlchemy URL and drops it on exit."""
    reason = postgres_unavailable_reason()
    if reason:
        raise PostgresUnavailableError(reason)
    import psycopg
    from psycopg import sql

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield _sqlalchemy_url(name)
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _sqlalchemy_url(database: str) -> str:
    base = ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    return f"{base}/{database}"


@contextmanager
def fresh_database(backend: Backend, workdir: Path) -> Iterator[str]:
    """A new database of either kind, as a URL both apps and Alembic accept."""
    if backend == "postgresql":
        with postgres_database() as url:
            yield url
    else:
        yield f"sqlite:///{workdir / 'twins.db'}"
