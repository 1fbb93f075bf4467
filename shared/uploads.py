"""Uploads: store the file under a generated name, then count it in a background job."""

import hashlib
import re
import uuid
from pathlib import Path
from typing import IO

from sqlalchemy.orm import Session, sessionmaker

from shared.errors import NotFound
from shared.models import Upload, utcnow
from shared.schemas import UploadOut

CHUNK_BYTES = 64 * 1024
_UNSAFE_CHARACTERS = re.compile(r"[^A-Za-z0-9._-]+")


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
    session.add(upload)
    session.commit()
    return UploadOut.model_validate(upload)


def process_upload(
    session_factory: sessionmaker[Session], upload_dir: Path, upload_id: str
) -> None:
    """Count lines and words and hash the file; record the result or the reason it failed."""
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
    with session_factory() as session:
        upload = session.get(Upload, upload_id)
        if upload is None:
            return
        if error is None:
            upload.status, upload.lines, upload.words = "done", lines, words
            upload.sha256 = digest.hexdigest()
        else:
            upload.status, upload.error = "failed", error
        upload.finished_at = utcnow()
        session.commit()


def get_upload(session: Session, upload_id: uuid.UUID) -> UploadOut:
    upload = session.get(Upload, upload_id.hex)
    if upload is None:
        raise NotFound(f"Upload {upload_id} not found")
    return UploadOut.model_validate(upload)
