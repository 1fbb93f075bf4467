"""An upload the server accepted is processed even if the server dies before it could.

The 202 goes out before the counting starts, so a server killed in between (a crash, an OOM
kill, a deploy that does not wait) leaves the upload pending. The next start must finish it.
"""

import contextlib
import hashlib
import os
import signal
import time
from pathlib import Path

import httpx2
import pytest
from sqlalchemy import create_engine, text

from parity_tests.servers import Server, free_port, running

# Large enough that counting takes far longer than the kill that follows the 202.
LINES = 600_000
CONTENT = b"".join(b"line %d has five words\n" % number for number in range(LINES))
FINISH_TIMEOUT_SECONDS = 60.0


def descendants(pid: int) -> list[int]:
    """Every process below pid (gunicorn's workers), found in /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, pending = [], [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            found.append(child)
            pending.append(child)
    return found


def kill_at_once(server: Server) -> None:
    """SIGKILL the server and its workers: nothing gets to finish or clean up."""
    for pid in [*descendants(server.process.pid), server.process.pid]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    server.process.wait(10)


def stored_status(database_url: str, upload_id: str) -> str:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            status: str = connection.scalar(
                text("SELECT status FROM uploads WHERE id = :id"), {"id": upload_id}
            )
            return status
    finally:
        engine.dispose()


def wait_until_finished(url: str, upload_id: str) -> dict[str, object]:
    deadline = time.monotonic() + FINISH_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        upload: dict[str, object] = httpx2.get(f"{url}/uploads/{upload_id}").json()
        if upload["status"] != "pending":
            return upload
        time.sleep(0.1)
    pytest.fail(f"upload {upload_id} still pending {FINISH_TIMEOUT_SECONDS:.0f} s after restart")


@pytest.mark.parametrize("name", ["flask", "fastapi"])
def test_an_upload_left_pending_by_a_killed_server_is_processed_when_it_starts_again(
    server_environment: dict[str, str], workdir: Path, name: str
) -> None:
    environment = {**server_environment, "MAX_BODY_BYTES": str(2 * len(CONTENT))}
    log = workdir / f"{name}-recovery.log"
    with running(name, free_port(), environment, log) as server:
        accepted = httpx2.post(
            f"{server.url}/uploads", files={"file": ("big.txt", CONTENT)}, timeout=60
        )
        kill_at_once(server)
    assert accepted.status_code == 202, accepted.text
    upload_id = accepted.json()["id"]
    database_url = environment["DATABASE_URL"]
    assert stored_status(database_url, upload_id.replace("-", "")) == "pending", (
        "the server finished before it was killed: make CONTENT larger"
    )

    with running(name, free_port(), environment, log) as restarted:
        finished = wait_until_finished(restarted.url, upload_id)

    assert finished["status"] == "done"
    assert (finished["lines"], finished["words"]) == (LINES, LINES * 5)
    assert finished["sha256"] == hashlib.sha256(CONTENT).hexdigest()
