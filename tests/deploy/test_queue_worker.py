"""A worker killed mid-job loses nothing: RabbitMQ hands the unacknowledged job to the next
worker, which records the upload's result once; a duplicate delivery records nothing.

The job is held mid-read by storing the upload as a named pipe: the worker blocks reading it,
and the test knows the worker is inside the job when the pipe has a reader. Then it kills that
worker process by its PID (SIGKILL: no clean-up, no acknowledgement) and puts the real file in
the pipe's place for the next worker.
"""

import errno
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from parity_tests.ci import require
from parity_tests.databases import Backend, fresh_database
from parity_tests.job_queues import broker_unavailable_reason, delete_queue, queue_settings
from parity_tests.sides import isolated_settings, prepare_database
from shared import uploads
from shared.db import create_db_engine, create_session_factory
from shared.jobs import UploadQueue, connect_upload_queue
from shared.models import Upload
from shared.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
CONTENT = b"alpha beta\ngamma\ndelta epsilon zeta\n"
DEADLINE_SECONDS = 30.0
POLL_SECONDS = 0.05


@pytest.fixture
def settings(database_backend: Backend, tmp_path: Path) -> Iterator[Settings]:
    require(broker_unavailable_reason(), "CI tests the queue mode, so RabbitMQ must run")
    with fresh_database(database_backend, tmp_path) as database_url:
        settings = queue_settings(isolated_settings(tmp_path, database_url), "killed-worker")
        prepare_database(settings)
        yield settings
        delete_queue(settings.jobs_queue)


@pytest.fixture
def session_factory(settings: Settings) -> Iterator[sessionmaker[Session]]:
    engine = create_db_engine(settings.database_url)
    yield create_session_factory(engine)
    engine.dispose()


@pytest.fixture
def upload_queue(
    settings: Settings, session_factory: sessionmaker[Session]
) -> Iterator[UploadQueue]:
    queue = connect_upload_queue(settings, session_factory)
    yield queue
    queue.close()


class WorkerProcess:
    """`python -m shared.jobs worker` as the Procfile runs it, its log in a file."""

    def __init__(self, settings: Settings, log: Path) -> None:
        self.log = log
        environment = os.environ | settings.as_environment()
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "shared.jobs", "worker", "--threads", "1"],
                cwd=ROOT,
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    @property
    def pid(self) -> int:
        return self.process.pid

    def said(self, text: str) -> int:
        return self.log.read_text().count(text)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=DEADLINE_SECONDS)


def wait_for(condition: str, check: object) -> None:
    assert callable(check)
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"still not {condition} after {DEADLINE_SECONDS} s")
        time.sleep(POLL_SECONDS)


def open_for_writing_once_read(pipe: Path) -> int:
    """The pipe's write end, once some process has it open for reading (the worker's job)."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while True:
        try:
            return os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno != errno.ENXIO:  # ENXIO: no reader yet
                raise
        if time.monotonic() > deadline:
            pytest.fail(f"no worker started reading the upload in {DEADLINE_SECONDS} s")
        time.sleep(POLL_SECONDS)


def upload_row(session_factory: sessionmaker[Session], upload_id: str) -> Upload:
    with session_factory() as session:
        upload = session.get(Upload, upload_id)
        assert upload is not None
        session.expunge(upload)
        return upload


def test_a_worker_killed_mid_job_loses_nothing_and_the_upload_is_processed_exactly_once(
    settings: Settings,
    session_factory: sessionmaker[Session],
    upload_queue: UploadQueue,
    tmp_path: Path,
) -> None:
    with session_factory() as session:
        upload_id = uploads.store_upload(
            session, settings.upload_dir, "a.txt", io.BytesIO(CONTENT)
        ).id.hex
    path = uploads.stored_path(settings.upload_dir, upload_id)
    path.unlink()
    os.mkfifo(path)
    with session_factory() as session:
        upload_queue.enqueue(session, upload_id)

    first = WorkerProcess(settings, tmp_path / "first-worker.log")
    try:
        held = open_for_writing_once_read(path)
        os.kill(first.pid, signal.SIGKILL)
        first.process.wait(timeout=DEADLINE_SECONDS)
        os.close(held)
    finally:
        first.stop()
    assert first.process.returncode == -signal.SIGKILL
    assert upload_row(session_factory, upload_id).status == "pending"

    path.unlink()
    path.write_bytes(CONTENT)
    second = WorkerProcess(settings, tmp_path / "second-worker.log")
    try:
        wait_for("processed", lambda: upload_row(session_factory, upload_id).status != "pending")
        processed = upload_row(session_factory, upload_id)

        # A duplicate delivery of the same job (what a worker killed after recording but
        # before acknowledging leaves behind) finds the upload finished.
        with session_factory() as session:
            upload_queue.enqueue(session, upload_id)
        wait_for("redelivered", lambda: second.said(f"upload {upload_id}: finished already"))
    finally:
        second.stop()

    assert (processed.status, processed.lines, processed.words) == ("done", 3, 6)
    assert upload_row(session_factory, upload_id).finished_at == processed.finished_at
    recorded = f"upload {upload_id}: result recorded"
    assert (first.said(recorded), second.said(recorded)) == (0, 1)
