import hashlib
import time
import uuid
from typing import Any

import httpx2
import pytest
from sqlalchemy.orm import Session

from parity_tests.contract.moment_of_sending import request_looking_when_sent
from parity_tests.sides import Side
from shared import uploads
from shared.db import create_db_engine

POLL_INTERVAL_SECONDS = 0.02
POLL_DEADLINE_SECONDS = 10.0
CONTENT = b"the first line\nthe second line has six words\n\nlast\n"


def upload(client: httpx2.Client, name: str, content: bytes) -> httpx2.Response:
    return client.post("/uploads", files={"file": (name, content, "text/plain")})


def wait_until_finished(client: httpx2.Client, location: str) -> dict[str, Any]:
    deadline = time.monotonic() + POLL_DEADLINE_SECONDS
    while time.monotonic() < deadline:
        status: dict[str, Any] = client.get(location).json()
        if status["status"] != "pending":
            return status
        time.sleep(POLL_INTERVAL_SECONDS)
    pytest.fail(f"upload at {location} still pending after {POLL_DEADLINE_SECONDS} s")


def test_an_upload_is_still_pending_when_its_response_is_sent_and_counted_afterwards(
    side: Side,
) -> None:
    if side.app is None:
        pytest.skip("needs the app in-process, to look at the moment its response is sent")
    if side.settings.jobs == "queue":
        pytest.skip(
            "a queued job runs in a worker, which may finish it before the response is sent: "
            "the contract allows either status in the 202 (docs/jobs.md)"
        )
    engine = create_db_engine(side.settings.database_url)

    def upload_status(accepted: dict[str, str]) -> str:
        with Session(engine) as session:
            return uploads.get_upload(session, uuid.UUID(accepted["id"])).status

    response, status_when_sent = request_looking_when_sent(
        side.app, upload_status, "POST", "/uploads", files={"file": ("a.txt", CONTENT)}
    )

    assert response.status_code == 202
    assert status_when_sent == "pending"
    assert upload_status(response.json()) == "done"
    engine.dispose()


def test_an_upload_is_accepted_with_202_then_counted(client: httpx2.Client) -> None:
    response = upload(client, "notes.txt", CONTENT)

    assert response.status_code == 202
    accepted = response.json()
    assert accepted["status"] in ("pending", "done")
    assert accepted["size"] == len(CONTENT)
    assert response.headers["location"].endswith(f"/uploads/{accepted['id']}")
    finished = wait_until_finished(client, response.headers["location"])
    assert finished["status"] == "done"
    assert (finished["lines"], finished["words"]) == (4, 10)
    assert finished["sha256"] == hashlib.sha256(CONTENT).hexdigest()
    assert finished["filename"] == "notes.txt"


def test_an_upload_name_is_sanitised_and_the_file_stays_in_the_upload_folder(
    client: httpx2.Client, side: Side
) -> None:
    response = upload(client, "../../outside/evil name.txt", b"x\n")

    assert response.status_code == 202
    assert response.json()["filename"] == "evil_name.txt"
    if not side.live:
        upload_dir = side.settings.upload_dir
        assert (upload_dir / response.json()["id"].replace("-", "")).is_file()
        assert not (upload_dir.parent / "outside").exists()


def test_an_upload_over_the_size_limit_is_413(client: httpx2.Client, side: Side) -> None:
    response = upload(client, "big.bin", b"x" * (side.settings.max_body_bytes + 1))

    assert response.status_code == 413


def test_an_unknown_upload_is_404(client: httpx2.Client) -> None:
    response = client.get("/uploads/00000000-0000-4000-8000-000000000000")

    assert response.status_code == 404
    assert response.json() == {"detail": "Upload 00000000-0000-4000-8000-000000000000 not found"}
