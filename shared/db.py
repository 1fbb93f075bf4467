"""Engine and session factory: SQLite (WAL, busy timeout, SQLAlchemy's own BEGIN) by default,
PostgreSQL by URL."""

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session, sessionmaker

from shared.writer_turns import WriterTurns

SQLITE_BUSY_TIMEOUT_MS = 5_000
# A PostgreSQL host that stops answering must fail a request, not hang it.
POSTGRES_CONNECT_TIMEOUT_SECONDS = 5
# The execution option that marks a session's connection as a writer's (see writing).
WRITING_OPTION = "twins_writing"
# What SQLite says when the busy timeout runs out; said too when a writer waits as long here.
LOCKED = "database is locked"

# The database cannot be reached or cannot answer now (down, unreachable, locked, every pooled
# connection busy): both apps answer 503 with this detail and Retry-After, never a 500 page.
UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (OperationalError, PoolTimeoutError)
UNAVAILABLE_DETAIL = "The database is unavailable; try again shortly."
RETRY_AFTER_SECONDS = 5


def _tune_sqlite(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # pysqlite's legacy transaction control sends BEGIN only before INSERT, UPDATE and DELETE,
    # so the read that loads a row and the write that changes it ran in two snapshots; with
    # it off, _begin_sqlite below starts every transaction (SQLAlchemy's documented recipe).
    dbapi_connection.isolation_level = None
    # WAL lets the two apps read while one writes; the busy timeout makes a writer wait for
    # the lock instead of failing at once with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    # In WAL mode, NORMAL syncs the log at checkpoints instead of at every commit: a commit no
    # longer waits for the disk (7 ms here; with FULL, `make load` queued writers past the busy
    # timeout). The database stays consistent, and a commit survives any crash of the apps or
    # servers; only an OS crash or power loss can undo the last commits before a checkpoint.
    # This is the setting SQLite documents as the good choice for most WAL applications.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    # A writer takes the write lock at BEGIN, waiting for it within the busy timeout. A
    # deferred transaction that reads first and then writes asks for the lock while it holds
    # a snapshot, and if another writer committed meanwhile SQLite fails it at once with
    # "database is locked" (SQLITE_BUSY_SNAPSHOT): no timeout can help it, only starting again.
    writing = connection.get_execution_options().get(WRITING_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


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
    tune_sqlite(engine)
    return engine


def tune_sqlite(engine: Engine) -> None:
    """Every connection of a SQLite `engine` set up as the apps' (an async engine's
    sync_engine included, whose driver takes the same settings)."""
    event.listen(engine, "connect", _tune_sqlite)
    event.listen(engine, "begin", _begin_sqlite)


def create_session_factory(engine: Engine) -> sessionmaker[Session]:
    # Objects stay readable after commit, so a handler can serialise what it just saved.
    return sessionmaker(bind=engine, expire_on_commit=False)


# Keyed by engine: each app has its own, and a disposed one takes its turns with it.
_SQLITE_TURNS: "WeakKeyDictionary[Engine, WriterTurns]" = WeakKeyDictionary()
_SQLITE_TURNS_GUARD = threading.Lock()


def _sqlite_writer_turns(engine: Engine) -> WriterTurns | None:
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    lock_path = Path(f"{database}-writer") if database and database != ":memory:" else None
    with _SQLITE_TURNS_GUARD:
        return _SQLITE_TURNS.setdefault(engine, WriterTurns(lock_path))


@contextmanager
def writing(session: Session) -> Iterator[None]:
    """The session's next transaction, as a writer's: what runs inside commits it (or it is
    rolled back on the way out). Enter it before the session's first statement.

    On SQLite the writers take turns (shared/writer_turns.py), waiting no longer than the busy
    timeout, and the transaction holds the write lock from its first statement, a read
    included, to its commit (BEGIN IMMEDIATE). On PostgreSQL it only starts the transaction;
    rows to change are locked as they are read.
    """
    if session.in_transaction():
        raise RuntimeError("writing() must start the session's transaction")
    turns = _sqlite_writer_turns(session.get_bind().engine)
    if turns is not None and not turns.take(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000):
        raise OperationalError("BEGIN IMMEDIATE", None, sqlite3.OperationalError(LOCKED))
    try:
        session.connection(execution_options={WRITING_OPTION: True})
        yield
    finally:
        if session.in_transaction():
            session.rollback()
        if turns is not None:
            turns.give_back()


def database_is_reachable(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError):
        return False
    return True
