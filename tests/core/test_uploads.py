import io
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from shared import db
from shared.db import create_db_engine, create_session_factory
from shared.manage import migrate
from shared.models import utcnow
from shared.schemas import UploadOut
from shared.uploads import (
    PROCESSING_ATTEMPTS,
    get_upload,
    process_upload,
    recover_pending_uploads,
    sanitise_filename,
    store_upload,
    stored_path,
)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("report.txt", "report.txt"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\notes.md", "notes.md"),
        ("my file (final).txt", "my_file_final_.txt"),
        (".bashrc", "bashrc"),
        ("", "upload"),
        (None, "upload"),
        ("....", "upload"),
        ("a" * 300, "a" * 100),
        ("naïve\x00.txt", "na_ve_.txt"),
    ],
)
def test_an_upload_name_is_reduced_to_a_safe_display_name(given: str | None, kept: str) -> None:
    assert sanitise_filename(given) == kept


@pytest.fixture
def storage(tmp_path: Path) -> Iterator[tuple[sessionmaker[Session], Path]]:
    url = f"sqlite:///{tmp_path / 'uploads.db'}"
    migrate(url)
    engine = create_db_engine(url)
    yield create_session_factory(engine), tmp_path / "uploads"
    engine.dispose()


def test_recovery_processes_what_a_stopped_server_left_pending(
    storage: tuple[sessionmaker[Session], Path],
) -> None:
    session_factory, upload_dir = storage
    with session_factory() as session:
        left = store_upload(session, upload_dir, "notes.txt", io.BytesIO(b"one two\nthree\n"))
        lost = store_upload(session, upload_dir, "gone.txt", io.BytesIO(b"x\n"))
    stored_path(upload_dir, lost.id.hex).unlink()

    assert recover_pending_uploads(session_factory, upload_dir, utcnow()) == 2

    with session_factory() as session:
        done, failed = get_upload(session, left.id), get_upload(session, lost.id)
    assert (done.status, done.lines, done.words) == ("done", 2, 3)
    assert failed.status == "failed"
    assert recover_pending_uploads(session_factory, upload_dir, utcnow()) == 0


def test_recovery_leaves_an_upload_accepted_after_the_server_started_to_its_own_job(
    storage: tuple[sessionmaker[Session], Path],
) -> None:
    session_factory, upload_dir = storage
    started = utcnow()
    with session_factory() as session:
        fresh = store_upload(session, upload_dir, "fresh.txt", io.BytesIO(b"a b\n"))

    assert recover_pending_uploads(session_factory, upload_dir, started) == 0

    with session_factory() as session:
        assert get_upload(session, fresh.id).status == "pending"


def test_processing_an_upload_twice_changes_nothing_the_second_time(
    storage: tuple[sessionmaker[Session], Path],
) -> None:
    session_factory, upload_dir = storage
    with session_factory() as session:
        upload = store_upload(session, upload_dir, "a.txt", io.BytesIO(b"a b\n"))
    process_upload(session_factory, upload_dir, upload.id.hex)
    with session_factory() as session:
        first = get_upload(session, upload.id)
    stored_path(upload_dir, upload.id.hex).write_bytes(b"changed behind its back\n")

    process_upload(session_factory, upload_dir, upload.id.hex)

    with session_factory() as session:
        assert get_upload(session, upload.id) == first


@pytest.fixture
def pending_upload(storage: tuple[sessionmaker[Session], Path]) -> UploadOut:
    session_factory, upload_dir = storage
    with session_factory() as session:
        return store_upload(session, upload_dir, "notes.txt", io.BytesIO(b"one two\nthree\n"))


@pytest.fixture
def database_locked_by_another_writer(
    storage: tuple[sessionmaker[Session], Path],
    pending_upload: UploadOut,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Callable[[], None]]:
    """Another connection holds SQLite's write lock until the returned function is called;
    the core's connections give up waiting for it after 50 ms."""
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 50)
    session_factory, _upload_dir = storage
    engine = session_factory.kw["bind"]
    engine.dispose()  # the pooled connections were made with the longer timeout
    path = engine.url.database
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    yield holder.rollback
    holder.close()


def test_an_upload_job_waits_for_a_locked_database_and_then_processes_the_file(
    storage: tuple[sessionmaker[Session], Path],
    pending_upload: UploadOut,
    database_locked_by_another_writer: Callable[[], None],
) -> None:
    session_factory, upload_dir = storage
    upload = pending_upload
    job = threading.Thread(
        target=process_upload,
        args=(session_factory, upload_dir, upload.id.hex),
        kwargs={"attempts": 20, "first_wait": 0.05},
    )
    job.start()
    time.sleep(0.3)
    database_locked_by_another_writer()
    job.join()

    with session_factory() as session:
        assert get_upload(session, upload.id).status == "done"


def test_an_upload_job_never_raises_and_leaves_the_upload_pending_when_the_database_stays_locked(
    storage: tuple[sessionmaker[Session], Path],
    pending_upload: UploadOut,
    database_locked_by_another_writer: Callable[[], None],
) -> None:
    # An exception escaping a job that runs after the response makes gunicorn and uvicorn
    # close the connection: the client's next request on it was lost (a socket error).
    session_factory, upload_dir = storage
    upload = pending_upload

    process_upload(session_factory, upload_dir, upload.id.hex, attempts=2, first_wait=0.01)

    database_locked_by_another_writer()
    with session_factory() as session:
        assert get_upload(session, upload.id).status == "pending"


class _UnavailableFirst:
    """A session factory whose database is away for the first `failures` sessions opened."""

    def __init__(self, session_factory: sessionmaker[Session], failures: int) -> None:
        self.session_factory = session_factory
        self.failures = failures
        self.opened = 0

    def __call__(self) -> Session:
        self.opened += 1
        if self.opened <= self.failures:
            raise OperationalError("SELECT 1", {}, sqlite3.OperationalError("unable to open"))
        return self.session_factory()


def test_an_upload_job_tries_six_times_in_all_waiting_twice_as_long_each_time(
    storage: tuple[sessionmaker[Session], Path],
    pending_upload: UploadOut,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session_factory, upload_dir = storage
    waits: list[float] = []
    monkeypatch.setattr(time, "sleep", waits.append)
    away = _UnavailableFirst(session_factory, failures=100)

    process_upload(away, upload_dir, pending_upload.id.hex)  # type: ignore[arg-type]

    assert away.opened == PROCESSING_ATTEMPTS == 6
    assert waits == [0.5, 1.0, 2.0, 4.0, 8.0]
    with session_factory() as session:
        assert get_upload(session, pending_upload.id).status == "pending"


def test_an_upload_job_whose_last_try_finds_the_database_processes_the_file(
    storage: tuple[sessionmaker[Session], Path],
    pending_upload: UploadOut,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session_factory, upload_dir = storage
    monkeypatch.setattr(time, "sleep", lambda seconds: None)
    away = _UnavailableFirst(session_factory, failures=PROCESSING_ATTEMPTS - 1)

    process_upload(away, upload_dir, pending_upload.id.hex)  # type: ignore[arg-type]

    with session_factory() as session:
        assert get_upload(session, pending_upload.id).status == "done"
