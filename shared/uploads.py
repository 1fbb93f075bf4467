"""Uploads: store the file under a generated name, then count it in a background job."""

import hashlib
import logging
import re
import threading
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import IO

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from shared.db import UNAVAILABLE_ERRORS, writing
from shared.errors import NotFound
from shared.models import Upload, utcnow
from shared.schemas import UploadOut

CHUNK_BYTES = 64 * 1024
# A job that finds the database busy or away waits and tries again, this many times in all,
# the waits doubling from the first; then it leaves the upload pending for the next start.
PROCESSING_ATTEMPTS = 6
FIRST_RETRY_WAIT_SECONDS = 0.5
log = logging.getLogger(__name__)
_UNSAFE_CHARACTERS = re.compile(r"[^A-Za-z0-9._-]+")

# What both apps answer (400) to an upload without its file field.
MISSING_FILE_DETAIL = "Send the file as multipart/form-data in a field named 'file'."


def sanitise_filename(filename: str | None) -> str:
    """A display name only: the file is stored under its upload id, never under this name."""
    base = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE_CHARACTERS.sub("_", base).lstrip("._")[:100]
    return cleaned or "upload"


def stored_path(upload_dir: Path, upload_id: str) -> Path:
    return upload_dir / upload_id


def store_upload(
    session: Session, upload_dir: Path, filename: str | None, source: IO[bytes]
) -> UploadOut:
    upload_id = uuid.uuid4().hex
    upload_dir.mkdir(parents=True, exist_ok=True)
    size = 0
    with stored_path(upload_dir, upload_id).open("wb") as target:
        while chunk := source.read(CHUNK_BYTES):
            target.write(chunk)
            size += len(chunk)
    upload = Upload(id=upload_id, filename=sanitise_filename(filename), size=size)
    with writing(session):
        session.add(upload)
        session.commit()
    return UploadOut.model_validate(upload)


def process_upload(
    session_factory: sessionmaker[Session],
    upload_dir: Path,
    upload_id: str,
    *,
    attempts: int = PROCESSING_ATTEMPTS,
    first_wait: float = FIRST_RETRY_WAIT_SECONDS,
) -> None:
    """Count lines and words and hash the file; record the result or the reason it failed.

    The background job of both apps, so it never raises: an exception escaping a job that runs
    after the response makes gunicorn and uvicorn close the connection, and the client's next
    request on it is lost. A database that is busy or away is tried again (`attempts` in all);
    if it stays so, the upload stays pending and the next start recovers it.

    Idempotent: an upload that is no longer pending is left alone, and two processes that
    count the same file (a recovery racing the request's own job) record the same result.
    """
    wait = first_wait
    for attempt in range(1, attempts + 1):
        try:
            _process_once(session_factory, upload_dir, upload_id)
            return
        except UNAVAILABLE_ERRORS as error:
            if attempt == attempts:
                log.error("upload %s left pending: %s", upload_id, error)
                return
            log.warning("upload %s: attempt %d found the database unavailable", upload_id, attempt)
        except Exception:
            log.exception("upload %s left pending: processing failed", upload_id)
            return
        time.sleep(wait)
        wait *= 2


def _process_once(session_factory: sessionmaker[Session], upload_dir: Path, upload_id: str) -> None:
    with session_factory() as session:
        upload = session.get(Upload, upload_id)
        if upload is None or upload.status != "pending":
            return
    digest = hashlib.sha256()
    lines = words = 0
    error: str | None = None
    try:
        with stored_path(upload_dir, upload_id).open("rb") as source:
            for line in source:
                digest.update(line)
                lines += 1
                words += len(line.split())
    except OSError as failure:
        error = f"could not read the stored file: {failure.strerror}"
    with session_factory() as session, writing(session):
        upload = session.get(Upload, upload_id)
        if upload is None or upload.status != "pending":
            return
        if error is None:
            upload.status, upload.lines, upload.words = "done", lines, words
            upload.sha256 = digest.hexdigest()
        else:
            upload.status, upload.error = "failed", error
        upload.finished_at = utcnow()
        session.commit()


def recover_pending_uploads(
    session_factory: sessionmaker[Session], upload_dir: Path, accepted_before: datetime
) -> int:
    """Process every upload accepted before `accepted_before` and still pending: a server
    stopped between its 202 and its job.

    Each app runs this when it starts (in a thread, so that it serves meanwhile), with the
    moment it started: an upload accepted after that has a job of its own, and counting it
    here too would finish it before its 202 is sent. Another worker's job and a recovery may
    still count the same file; process_upload makes that harmless. Returns how many uploads
    were processed.
    """
    left_by_a_stopped_server = (Upload.status == "pending") & (Upload.created_at < accepted_before)
    try:
        with session_factory() as session:
            pending = list(session.scalars(select(Upload.id).where(left_by_a_stopped_server)))
    except SQLAlchemyError:
        # No database yet (not migrated, or unreachable): /health says so; nothing to recover.
        log.warning("upload recovery skipped: the uploads table cannot be read")
        return 0
    for done, upload_id in enumerate(pending, start=1):
        process_upload(session_factory, upload_dir, upload_id)
        log.info("recovered pending upload %s (%d of %d)", upload_id, done, len(pending))
    return len(pending)


def start_recovering_pending_uploads(
    session_factory: sessionmaker[Session], upload_dir: Path
) -> threading.Thread:
    thread = threading.Thread(
        target=recover_pending_uploads,
        # The moment is taken here, not in the thread, which may first run after a request.
        args=(session_factory, upload_dir, utcnow()),
        name="upload-recovery",
        daemon=True,  # a stop mid-recovery leaves the rest pending, for the next start
    )
    thread.start()
    return thread


def get_upload(session: Session, upload_id: uuid.UUID) -> UploadOut:
    upload = session.get(Upload, upload_id.hex)
    if upload is None:
        raise NotFound(f"Upload {upload_id} not found")
    return UploadOut.model_validate(upload)
