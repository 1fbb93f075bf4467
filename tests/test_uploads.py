import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from shared.db import create_db_engine, create_session_factory
from shared.manage import migrate
from shared.uploads import (
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

    assert recover_pending_uploads(session_factory, upload_dir) == 2

    with session_factory() as session:
        done, failed = get_upload(session, left.id), get_upload(session, lost.id)
    assert (done.status, done.lines, done.words) == ("done", 2, 3)
    assert failed.status == "failed"
    assert recover_pending_uploads(session_factory, upload_dir) == 0


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
