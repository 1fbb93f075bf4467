"""Engine and session factory: SQLite (WAL, busy timeout) by default, PostgreSQL by URL."""

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 5_000
# A PostgreSQL host that stops answering must fail a request, not hang it.
POSTGRES_CONNECT_TIMEOUT_SECONDS = 5

# The database cannot be reached or cannot answer now (down, unreachable, locked, every pooled
# connection busy): both apps answer 503 with this detail and Retry-After, never a 500 page.
UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (OperationalError, PoolTimeoutError)
UNAVAILABLE_DETAIL = "The database is unavailable; try again shortly."
RETRY_AFTER_SECONDS = 5


def _tune_sqlite(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # WAL lets the two apps read while one writes; the busy timeout makes a writer wait for
    # the lock instead of failing at once with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_db_engine(database_url: str) -> Engine:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        # pre_ping replaces a pooled connection the server dropped, so the apps recover on
        # their own once the database is back.
        return create_engine(
            url,
            pool_pre_ping=True,
            connect_args={"connect_timeout": POSTGRES_CONNECT_TIMEOUT_SECONDS},
        )
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _tune_sqlite)
    return engine


def create_session_factory(engine: Engine) -> sessionmaker[Session]:
    # Objects stay readable after commit, so a handler can serialise what it just saved.
    return sessionmaker(bind=engine, expire_on_commit=False)


def database_is_reachable(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError):
        return False
    return True
