"""The queue's retry rule and the set-up errors of queue mode (the upload job's own
idempotence rules are tested with it, in test_uploads.py)."""

import io
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from flask import Flask
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from fastapi_app import create_app as create_fastapi_app
from flask_app import create_app as create_flask_app
from flask_app.deps import get_resources
from parity_tests.ci import require
from parity_tests.job_queues import broker_unavailable_reason, delete_queue, queue_settings
from parity_tests.sides import isolated_settings, prepare_database
from shared.db import create_db_engine
from shared.jobs import (
    QUEUE_UNAVAILABLE_DETAIL,
    RETRIES_WHILE_UNAVAILABLE,
    UploadQueue,
    broker_parameters,
    public_broker_url,
    retry_while_database_unavailable,
)
from shared.models import Upload
from shared.settings import Settings
from shared.startup import STARTUP_FAILURE, settings_error_line, start_or_exit

CONTENT = b"one two\nthree\n"
# Nothing listens on port 1 of the loopback: a connection there is refused at once.
NO_BROKER_URL = "amqp://guest:secret@127.0.0.1:1/"


# The retry rule: what may pass is retried, a bounded number of times; nothing else is.

DATABASE_AWAY = OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))


def test_a_database_away_is_retried_until_the_retries_run_out() -> None:
    assert retry_while_database_unavailable(0, DATABASE_AWAY) is True
    assert retry_while_database_unavailable(RETRIES_WHILE_UNAVAILABLE - 1, DATABASE_AWAY) is True
    assert retry_while_database_unavailable(RETRIES_WHILE_UNAVAILABLE, DATABASE_AWAY) is False


def test_a_job_that_fails_for_another_reason_is_not_retried() -> None:
    assert retry_while_database_unavailable(0, ValueError("a bug")) is False


# Set-up errors.


def test_a_broker_url_shown_in_a_message_hides_its_password() -> None:
    assert public_broker_url(NO_BROKER_URL) == "amqp://guest:***@127.0.0.1:1/"
    assert public_broker_url("amqp://rabbit/") == "amqp://rabbit/"


@pytest.mark.parametrize(
    ("variables", "line"),
    [
        ({"JOBS": "celery"}, "invalid settings: JOBS: Input should be 'inline' or 'queue'"),
        (
            {"JOBS_BROKER_URL": "redis://127.0.0.1:6379/0"},
            "invalid settings: JOBS_BROKER_URL: Value error, "
            "JOBS_BROKER_URL must be an amqp:// or amqps:// URL",
        ),
        ({"JOBS_QUEUE": "a queue"}, "invalid settings: JOBS_QUEUE: String should match pattern"),
    ],
)
def test_a_bad_jobs_setting_stops_start_up_with_one_line(
    variables: dict[str, str],
    line: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)

    with pytest.raises(SystemExit) as stopped:
        start_or_exit(lambda: Settings(_env_file=None))

    assert stopped.value.code == STARTUP_FAILURE
    said = capsys.readouterr().err
    assert said.startswith(line)
    assert said.count("\n") == 1
    assert "Traceback" not in said


AppFactory = Callable[[Settings], Any]
FACTORIES = {"flask": create_flask_app, "fastapi": create_fastapi_app}


@pytest.mark.parametrize("create_app", FACTORIES.values(), ids=FACTORIES.keys())
def test_queue_mode_without_a_broker_refuses_to_start_naming_the_broker(
    create_app: AppFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = isolated_settings(tmp_path).model_copy(
        update={
            "jobs": "queue",
            "jobs_broker_url": Settings(jobs_broker_url=NO_BROKER_URL).jobs_broker_url,
        }
    )

    with pytest.raises(SystemExit) as stopped:
        start_or_exit(lambda: create_app(settings))

    assert stopped.value.code == STARTUP_FAILURE
    said = capsys.readouterr().err
    assert said.startswith(
        "JOBS=queue but the job broker at amqp://guest:***@127.0.0.1:1/ cannot be used "
        "(Connection refused)"
    )
    assert said.count("\n") == 1
    assert "secret" not in said


def test_the_inline_mode_needs_no_broker(tmp_path: Path) -> None:
    settings = isolated_settings(tmp_path).model_copy(
        update={"jobs_broker_url": Settings(jobs_broker_url=NO_BROKER_URL).jobs_broker_url}
    )

    with TestClient(create_fastapi_app(settings)) as client:
        assert client.get("/").status_code == 200
    assert create_flask_app(settings).test_client().get("/").status_code == 200


@pytest.fixture
def broker() -> None:
    require(broker_unavailable_reason(), "CI tests the queue mode, so RabbitMQ must run")


def upload_queue_of(app: Flask | FastAPI) -> UploadQueue:
    queue = app.state.upload_queue if isinstance(app, FastAPI) else get_upload_queue(app)
    assert isinstance(queue, UploadQueue)
    return queue


def get_upload_queue(app: Flask) -> UploadQueue | None:
    with app.app_context():
        return get_resources().upload_queue


def post_upload(app: Flask | FastAPI) -> tuple[int, Any]:
    """Status and body of one upload."""
    if isinstance(app, FastAPI):
        with TestClient(app) as client:
            answer = client.post("/uploads", files={"file": ("a.txt", CONTENT)})
            return answer.status_code, answer.json()
    response = app.test_client().post("/uploads", data={"file": (io.BytesIO(CONTENT), "a.txt")})
    return response.status_code, response.get_json()


@pytest.mark.parametrize("create_app", FACTORIES.values(), ids=FACTORIES.keys())
@pytest.mark.usefixtures("broker")
def test_a_broker_lost_after_start_up_makes_an_upload_a_503_and_keeps_nothing(
    create_app: AppFactory, tmp_path: Path
) -> None:
    settings = queue_settings(isolated_settings(tmp_path), "lost-broker")
    prepare_database(settings)
    app = create_app(settings)
    queue = upload_queue_of(app)
    try:
        # The broker goes away: every connection drops, and none can be opened again.
        queue.broker.close()
        queue.broker.parameters = broker_parameters(NO_BROKER_URL)

        assert post_upload(app) == (503, {"detail": QUEUE_UNAVAILABLE_DETAIL})
        engine = create_db_engine(settings.database_url)
        with Session(engine) as session:
            assert session.scalars(select(Upload.id)).all() == []
        engine.dispose()
        assert list(settings.upload_dir.iterdir()) == []
    finally:
        delete_queue(settings.jobs_queue)


def test_a_settings_error_without_a_field_is_still_one_line() -> None:
    with pytest.raises(ValidationError) as error:
        Settings(cors_origins=["*"], cors_allow_credentials=True, _env_file=None)

    assert settings_error_line(error.value).startswith(
        "invalid settings: Value error, CORS_ORIGINS='*'"
    )
