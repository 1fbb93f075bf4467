"""The upload job: how a file is stored, counted and recorded once, retried while the database
is away, recovered after a stop, and discarded when it cannot be handed to its job."""

import dataclasses
import io
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from shared import db, uploads
from shared.db import create_db_engine, create_session_factory
from shared.errors import NotFound
from shared.manage import migrate
from shared.models import Upload, utcnow
from shared.schemas import UploadOut
from shared.uploads import (
    PROCESSING_ATTEMPTS,
    discard_upload,
    get_upload,
    process_upload,
    recover_pending_uploads,
    sanitise_filename,
    start_recovering_pending_uploads,
    store_upload,
    stored_path,
)

CONTENT = b"one two\nthree\n"


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


class _ReadsRecorded(io.BytesIO):
    """A request body that notes how many bytes each read asked for."""

    def __init__(self, content: bytes) -> None:
        super().__init__(content)
        self.asked: list[int | None] = []

    def read(self, size: int | None = -1, /) -> bytes:
        self.asked.append(size)
        return super().read(size)


def test_a_stored_file_is_copied_64_kib_at_a_time_never_read_whole(
    storage: tuple[sessionmaker[Session], Path],
) -> None:
    # A body may be as large as the limit allows; a worker holds one piece of it at a time.
    session_factory, upload_dir = storage
    content = bytes(range(256)) * 512 + b"tail"  # two pieces of 64 KiB, then four bytes
    source = _ReadsRecorded(content)
    with session_factory() as session:
        upload = store_upload(session, upload_dir, "big.bin", source)

    assert source.asked == [65536, 65536, 65536, 65536]
    assert stored_path(upload_dir, upload.id.hex).read_bytes() == content


def test_an_upload_is_recorded_pending_with_its_exact_size(
    storage: tuple[sessionmaker[Session], Path],
) -> None:
    session_factory, upload_dir = storage
    with session_factory() as session:
        empty = store_upload(session, upload_dir, "empty.txt", io.BytesIO(b""))
        notes = store_upload(session, upload_dir, "my notes.txt", io.BytesIO(CONTENT))

    with session_factory() as session:
        recorded = [get_upload(session, upload.id) for upload in (empty, notes)]
    assert [(upload.size, upload.status) for upload in recorded] == [
        (0, "pending"),
        (len(CONTENT), "pending"),
    ]
    assert recorded[1].filename == "my_notes.txt"


def test_the_upload_directory_is_made_with_its_missing_parents(
    storage: tuple[sessionmaker[Session], Path], tmp_path: Path
) -> None:
    session_factory, _upload_dir = storage
    nested = tmp_path / "var" / "uploads" / "files"
    with session_factory() as session:
        upload = store_upload(session, nested, "notes.txt", io.BytesIO(CONTENT))

    assert stored_path(nested, upload.id.hex).read_bytes() == CONTENT


def test_a_reading_of_a_stored_file_is_fixed_once_made(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(CONTENT)

    found = uploads.count_stored_file(path)

    assert (found.lines, found.words, found.error) == (2, 3, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.lines = 0  # type: ignore[misc]


def test_a_file_that_cannot_be_read_has_no_counts_only_the_reason(tmp_path: Path) -> None:
    gone = uploads.count_stored_file(tmp_path / "gone")

    assert gone == uploads.Outcome(
        lines=None,
        words=None,
        sha256=None,
        error="could not read the stored file: No such file or directory",
    )


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


def test_recovery_leaves_an_upload_accepted_at_the_very_moment_the_server_started(
    storage: tuple[sessionmaker[Session], Path],
) -> None:
    session_factory, upload_dir = storage
    with session_factory() as session:
        fresh = store_upload(session, upload_dir, "fresh.txt", io.BytesIO(CONTENT))
        accepted = session.get(Upload, fresh.id.hex)
        assert accepted is not None
        started = accepted.created_at

    assert recover_pending_uploads(session_factory, upload_dir, started) == 0

    with session_factory() as session:
        assert get_upload(session, fresh.id).status == "pending"


def test_recovery_without_an_uploads_table_recovers_nothing_and_says_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'not-migrated.db'}")
    caplog.set_level(logging.WARNING, logger=uploads.__name__)
    try:
        recovered = recover_pending_uploads(
            create_session_factory(engine), tmp_path / "uploads", utcnow()
        )
    finally:
        engine.dispose()

    assert recovered == 0
    assert caplog.messages == ["upload recovery skipped: the uploads table cannot be read"]


def test_recovery_logs_each_upload_it_processes_as_one_of_how_many(
    storage: tuple[sessionmaker[Session], Path], caplog: pytest.LogCaptureFixture
) -> None:
    session_factory, upload_dir = storage
    with session_factory() as session:
        left = {
            store_upload(session, upload_dir, name, io.BytesIO(CONTENT)).id.hex
            for name in ("a.txt", "b.txt")
        }
    caplog.set_level(logging.INFO, logger=uploads.__name__)

    recover_pending_uploads(session_factory, upload_dir, utcnow())

    said = [
        message.removeprefix("recovered pending upload ").split(" ", 1)
        for message in caplog.messages
        if message.startswith("recovered pending upload ")
    ]
    assert {upload_id for upload_id, _ in said} == left
    assert [place for _, place in said] == ["(1 of 2)", "(2 of 2)"]


def test_recovery_at_start_up_runs_in_a_thread_that_a_stopping_server_does_not_wait_for(
    storage: tuple[sessionmaker[Session], Path],
) -> None:
    session_factory, upload_dir = storage
    with session_factory() as session:
        left = store_upload(session, upload_dir, "notes.txt", io.BytesIO(CONTENT))

    recovery = start_recovering_pending_uploads(session_factory, upload_dir)
    recovery.join(timeout=30)

    # A daemon thread: a stop mid-recovery leaves the rest pending, for the next start.
    assert (recovery.is_alive(), recovery.daemon) == (False, True)
    with session_factory() as session:
        assert get_upload(session, left.id).status == "done"


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


def stored(storage: tuple[sessionmaker[Session], Path], content: bytes = CONTENT) -> str:
    session_factory, upload_dir = storage
    with session_factory() as session:
        return store_upload(session, upload_dir, "a.txt", io.BytesIO(content)).id.hex


def row(session_factory: sessionmaker[Session], upload_id: str) -> dict[str, Any]:
    with session_factory() as session:
        upload = session.get(Upload, upload_id)
        assert upload is not None
        return {column: getattr(upload, column) for column in ("status", "lines", "sha256")} | {
            "finished_at": upload.finished_at
        }


# The job's two idempotence rules (docs/jobs.md), each on the input it exists to refuse.
# Rule 1: a finished upload is not counted again.


def test_a_delivery_for_a_finished_upload_records_nothing_and_reads_no_file(
    storage: tuple[sessionmaker[Session], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    session_factory, upload_dir = storage
    upload_id = stored(storage)
    assert uploads.process_upload_once(session_factory, upload_dir, upload_id) is True
    first = row(session_factory, upload_id)

    def must_not_read(_path: Path) -> uploads.Outcome:
        raise AssertionError("a finished upload's file was read again")

    monkeypatch.setattr(uploads, "count_stored_file", must_not_read)

    assert uploads.process_upload_once(session_factory, upload_dir, upload_id) is False
    assert row(session_factory, upload_id) == first


def test_a_pending_upload_is_what_the_first_rule_lets_through(
    storage: tuple[sessionmaker[Session], Path],
) -> None:
    session_factory, _upload_dir = storage
    upload_id = stored(storage)

    assert uploads.is_pending(session_factory, upload_id) is True
    assert uploads.is_pending(session_factory, "0" * 32) is False


# Rule 2: a result is recorded only over a pending upload (two jobs that both read "pending").


def test_of_two_jobs_that_counted_the_same_file_only_the_first_records_its_result(
    storage: tuple[sessionmaker[Session], Path],
) -> None:
    session_factory, _upload_dir = storage
    upload_id = stored(storage)
    # Both passed rule 1 before either recorded: this is the input rule 1 cannot catch.
    first = uploads.Outcome(lines=2, words=3, sha256="a" * 64)
    second = uploads.Outcome(lines=99, words=99, sha256="b" * 64)

    assert uploads.record_outcome(session_factory, upload_id, first) is True
    recorded = row(session_factory, upload_id)
    assert uploads.record_outcome(session_factory, upload_id, second) is False

    assert row(session_factory, upload_id) == recorded
    assert (recorded["status"], recorded["lines"], recorded["sha256"]) == ("done", 2, "a" * 64)


def test_a_result_is_recorded_over_its_own_upload_and_no_other_pending_one(
    storage: tuple[sessionmaker[Session], Path],
) -> None:
    session_factory, _upload_dir = storage
    # The recorded one sorts between the other two: an id compared any other way than equal
    # records the result over a neighbour too.
    before, counted, after = sorted(stored(storage) for _ in range(3))

    outcome = uploads.Outcome(lines=2, words=3, sha256="a" * 64)
    assert uploads.record_outcome(session_factory, counted, outcome) is True

    statuses = [row(session_factory, upload_id)["status"] for upload_id in (before, counted, after)]
    assert statuses == ["pending", "done", "pending"]


def test_a_failure_is_not_recorded_over_a_result_either(
    storage: tuple[sessionmaker[Session], Path],
) -> None:
    session_factory, upload_dir = storage
    upload_id = stored(storage)
    uploads.process_upload_once(session_factory, upload_dir, upload_id)

    gone = uploads.Outcome(error="could not read the stored file: No such file or directory")

    assert uploads.record_outcome(session_factory, upload_id, gone) is False
    assert row(session_factory, upload_id)["status"] == "done"


def test_an_unreadable_file_is_kept_as_failed_with_its_error(
    storage: tuple[sessionmaker[Session], Path],
) -> None:
    session_factory, upload_dir = storage
    upload_id = stored(storage)
    uploads.stored_path(upload_dir, upload_id).unlink()

    assert uploads.process_upload_once(session_factory, upload_dir, upload_id) is True
    with session_factory() as session:
        upload = session.get(Upload, upload_id)
        assert upload is not None
        assert (upload.status, upload.error) == (
            "failed",
            "could not read the stored file: No such file or directory",
        )


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


def test_an_upload_job_that_fails_for_another_reason_never_raises_nor_tries_again(
    storage: tuple[sessionmaker[Session], Path],
    pending_upload: UploadOut,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    session_factory, upload_dir = storage
    readings: list[Path] = []

    def broken(path: Path) -> uploads.Outcome:
        readings.append(path)
        raise RuntimeError("a bug in the counting")

    monkeypatch.setattr(uploads, "count_stored_file", broken)
    monkeypatch.setattr(time, "sleep", lambda seconds: None)

    process_upload(session_factory, upload_dir, pending_upload.id.hex)

    assert len(readings) == 1
    assert caplog.messages == [f"upload {pending_upload.id.hex} left pending: processing failed"]
    with session_factory() as session:
        assert get_upload(session, pending_upload.id).status == "pending"


def test_an_upload_jobs_retry_options_are_given_by_name_only(
    storage: tuple[sessionmaker[Session], Path], pending_upload: UploadOut
) -> None:
    # So that a wait in seconds is never taken for a number of attempts, nor the reverse.
    session_factory, upload_dir = storage

    with pytest.raises(TypeError, match="positional"):
        process_upload(session_factory, upload_dir, pending_upload.id.hex, 1)  # type: ignore[call-arg]

    with session_factory() as session:
        assert get_upload(session, pending_upload.id).status == "pending"


def test_discarding_an_upload_removes_its_row_and_its_file_and_nothing_else(
    storage: tuple[sessionmaker[Session], Path],
) -> None:
    session_factory, upload_dir = storage
    with session_factory() as session:
        # The discarded one sorts between the other two: an id compared any other way than
        # equal takes a neighbour with it, or leaves the discarded one behind.
        before, discarded, after = sorted(
            (store_upload(session, upload_dir, f"{n}.txt", io.BytesIO(CONTENT)) for n in range(3)),
            key=lambda upload: upload.id.hex,
        )
        discard_upload(session, upload_dir, discarded.id.hex)

    with session_factory() as session:
        assert [get_upload(session, kept.id) for kept in (before, after)] == [before, after]
        with pytest.raises(NotFound):
            get_upload(session, discarded.id)
    assert sorted(path.name for path in upload_dir.iterdir()) == [before.id.hex, after.id.hex]


def test_discarding_an_upload_whose_file_is_gone_still_removes_its_row(
    storage: tuple[sessionmaker[Session], Path], pending_upload: UploadOut
) -> None:
    # The queue discards an upload it could not hand on, then answers 503: never a 500.
    session_factory, upload_dir = storage
    stored_path(upload_dir, pending_upload.id.hex).unlink()

    with session_factory() as session:
        discard_upload(session, upload_dir, pending_upload.id.hex)

    with session_factory() as session, pytest.raises(NotFound):
        get_upload(session, pending_upload.id)
