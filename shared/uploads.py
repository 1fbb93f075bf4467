"""Uploads: store the file under a generated name, then count it in a background job."""

import hashlib
import logging
import re
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any, cast

from sqlalchemy import CursorResult, delete, select, update
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
    base = (filename or "").replace("\\", "/").rpartition("/")[2]
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
            process_upload_once(session_factory, upload_dir, upload_id)
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


@dataclass(frozen=True)
class Outcome:
    """What one reading of a stored file found: its counts, or why it could not be read."""

    # A file that could not be read has no counts, rather than counts of 0.
    lines: int | None = None
    words: int | None = None
    sha256: str | None = None
    error: str | None = None


def count_stored_file(path: Path) -> Outcome:
    digest = hashlib.sha256()
    lines = words = 0
    try:
        with path.open("rb") as source:
            for line in source:
                digest.update(line)
                lines += 1
                words += len(line.split())
    except OSError as failure:
        return Outcome(error=f"could not read the stored file: {failure.strerror}")
    return Outcome(lines=lines, words=words, sha256=digest.hexdigest())


def is_pending(session_factory: sessionmaker[Session], upload_id: str) -> bool:
    with session_factory() as session:
        upload = session.get(Upload, upload_id)
        return upload is not None and upload.status == "pending"


def record_outcome(
    session_factory: sessionmaker[Session], upload_id: str, outcome: Outcome
) -> bool:
    """Record the outcome over a pending upload only; True if this call recorded it.

    One conditional UPDATE, so that of two jobs that counted the same file (a redelivered
    message, a recovery racing the request's own job) exactly one records its result: the
    second finds the row no longer pending, on SQLite and PostgreSQL alike, and changes nothing.
    """
    result: dict[str, Any]
    if outcome.error is None:
        result = {"status": "done", "lines": outcome.lines, "words": outcome.words}
        result["sha256"] = outcome.sha256
    else:
        result = {"status": "failed", "error": outcome.error}
    still_pending = (Upload.id == upload_id) & (Upload.status == "pending")
    with session_factory() as session, writing(session):
        changed = session.execute(
            update(Upload).where(still_pending).values(**result, finished_at=utcnow())
        )
        session.commit()
    return cast("CursorResult[Any]", changed).rowcount == 1


def process_upload_once(
    session_factory: sessionmaker[Session], upload_dir: Path, upload_id: str
) -> bool:
    """Count the file and record the result, once; True if this call recorded it, False if
    the upload was finished (or discarded) already. A database that is busy or away raises
    one of UNAVAILABLE_ERRORS, for the caller to try again."""
    if not is_pending(session_factory, upload_id):
        return False
    outcome = count_stored_file(stored_path(upload_dir, upload_id))
    return record_outcome(session_factory, upload_id, outcome)


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


def discard_upload(session: Session, upload_dir: Path, upload_id: str) -> None:
    """Remove an upload that was stored but could not be handed to its job."""
    with writing(session):
        session.execute(delete(Upload).where(Upload.id == upload_id))
        session.commit()
    stored_path(upload_dir, upload_id).unlink(missing_ok=True)


def get_upload(session: Session, upload_id: uuid.UUID) -> UploadOut:
    upload = session.get(Upload, upload_id.hex)
    if upload is None:
        raise NotFound(f"Upload {upload_id} not found")
    return UploadOut.model_validate(upload)
