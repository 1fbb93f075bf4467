"""The upload job on a task queue (JOBS=queue): Dramatiq on RabbitMQ, framework-free.

Both web apps only enqueue (`UploadQueue.enqueue`); a worker process consumes:

    python -m shared.jobs worker

The broker keeps the job on disk until a worker acknowledges it, and a worker acknowledges it
only once the job has returned (Dramatiq's default), so a worker killed mid-job leaves the
message unacknowledged and RabbitMQ hands it to the next worker. Processing is idempotent
(shared.uploads.record_outcome), so such a second delivery records one result, not two.
docs/jobs.md says why this queue, this library and this broker.
"""

import argparse
import logging
import signal
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from urllib.parse import urlsplit, urlunsplit

import dramatiq
import pika
import pika.exceptions
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from dramatiq.errors import BrokerError
from dramatiq.middleware import Retries, TimeLimit
from sqlalchemy.orm import Session, sessionmaker

from shared import uploads
from shared.db import UNAVAILABLE_ERRORS, create_db_engine, create_session_factory
from shared.settings import Settings
from shared.startup import StartupRefused, start_or_exit

log = logging.getLogger(__name__)

UPLOAD_ACTOR = "process_upload"
# A database that is busy or away: the job goes back to the broker and is tried again after
# 0.5 s, 1 s, 2 s ... at most a minute apart, about 16 minutes in all; then RabbitMQ keeps the
# message in the queue's dead-letter queue (QUEUE.XQ) and the upload stays pending.
RETRIES_WHILE_UNAVAILABLE = 20
MIN_BACKOFF_MS = 500
MAX_BACKOFF_MS = 60_000
# Counting a file of MAX_BODY_BYTES takes milliseconds; a read that hangs this long (a shared
# volume gone away) is given up and recorded as failed rather than holding a worker thread.
JOB_TIME_LIMIT_MS = 5 * 60 * 1000
# How long start-up and each enqueue wait for a broker that does not answer.
BROKER_TIMEOUT_SECONDS = 5
QUEUE_UNAVAILABLE_DETAIL = (
    "The job queue is unavailable; the upload was not kept. Try again shortly."
)


class JobQueueUnreachable(StartupRefused):
    """JOBS=queue and the broker cannot be reached at start-up: the app refuses to start."""


class JobQueueUnavailable(Exception):
    """The broker refused or lost an upload's job after start-up: the request answers 503."""


def public_broker_url(url: str) -> str:
    """The broker URL with its password hidden, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def broker_parameters(url: str) -> pika.URLParameters:
    parameters = pika.URLParameters(url)
    # pika waits 10 s per socket operation by default, and Dramatiq tries a publish several
    # times: an unanswering broker would hold a request for a minute.
    parameters.socket_timeout = BROKER_TIMEOUT_SECONDS
    parameters.blocked_connection_timeout = BROKER_TIMEOUT_SECONDS
    return parameters


def create_broker(settings: Settings) -> RabbitmqBroker:
    # confirm_delivery: an enqueue returns once RabbitMQ has taken the message (persistent,
    # on a durable queue), so a 202 is only sent for a job the broker holds.
    broker = RabbitmqBroker(
        confirm_delivery=True,
        middleware=[TimeLimit(time_limit=JOB_TIME_LIMIT_MS), Retries()],
    )
    broker.parameters = broker_parameters(settings.jobs_broker_url.get_secret_value())
    return broker


def retry_while_database_unavailable(retries: int, error: BaseException) -> bool:
    """Retry what may pass (the database busy or away), a bounded number of times; a job that
    failed for another reason would fail the same way again."""
    return isinstance(error, UNAVAILABLE_ERRORS) and retries < RETRIES_WHILE_UNAVAILABLE


def declare_upload_job(
    broker: RabbitmqBroker,
    queue_name: str,
    session_factory: sessionmaker[Session],
    upload_dir: Path,
) -> dramatiq.Actor[[str], None]:
    """The upload job as an actor: the web apps send it, a worker runs it."""

    def process_upload(upload_id: str) -> None:
        if uploads.process_upload_once(session_factory, upload_dir, upload_id):
            log.info("upload %s: result recorded", upload_id)
        else:
            log.info("upload %s: finished already; this delivery changed nothing", upload_id)

    declare = dramatiq.actor(
        broker=broker,
        actor_name=UPLOAD_ACTOR,
        queue_name=queue_name,
        retry_when=retry_while_database_unavailable,
        min_backoff=MIN_BACKOFF_MS,
        max_backoff=MAX_BACKOFF_MS,
    )
    return declare(process_upload)


@dataclass
class UploadQueue:
    """What a web app holds in queue mode: the broker and the job it sends there."""

    broker: RabbitmqBroker
    job: dramatiq.Actor[[str], None]
    broker_url: str
    upload_dir: Path

    def enqueue(self, session: Session, upload_id: str) -> None:
        """Hand the stored upload to its job; if the broker will not take it, discard the
        upload (no job would ever count it) and raise JobQueueUnavailable."""
        try:
            self.job.send(upload_id)
        except BrokerError as error:
            log.error("upload %s not queued at %s: %s", upload_id, self.broker_url, error)
            uploads.discard_upload(session, self.upload_dir, upload_id)
            raise JobQueueUnavailable(QUEUE_UNAVAILABLE_DETAIL) from None

    def close(self) -> None:
        self.broker.close()


def connect_upload_queue(settings: Settings, session_factory: sessionmaker[Session]) -> UploadQueue:
    """Reach the broker and declare the queue, or raise JobQueueUnreachable with one line
    that names the broker (without its password)."""
    broker = create_broker(settings)
    shown = public_broker_url(settings.jobs_broker_url.get_secret_value())
    job = declare_upload_job(broker, settings.jobs_queue, session_factory, settings.upload_dir)
    try:
        broker.declare_queue(settings.jobs_queue, ensure=True)
    except (BrokerError, pika.exceptions.AMQPError) as error:
        broker.close()
        reason = str(error) or type(error).__name__
        raise JobQueueUnreachable(
            f"JOBS=queue but the job broker at {shown} cannot be reached ({reason}): "
            "start RabbitMQ there, or set JOBS_BROKER_URL, or JOBS=inline."
        ) from None
    return UploadQueue(broker, job, shown, settings.upload_dir)


def run_worker(settings: Settings, threads: int, stop: threading.Event) -> None:
    """Consume the upload queue until `stop` is set, then finish the jobs in hand."""
    engine = create_db_engine(settings.database_url)
    queue = connect_upload_queue(settings, create_session_factory(engine))
    worker = dramatiq.Worker(queue.broker, worker_threads=threads)
    worker.start()
    log.info("worker consuming %r at %s", settings.jobs_queue, queue.broker_url)
    stop.wait()
    worker.stop()
    queue.close()
    engine.dispose()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m shared.jobs", description="Run the upload job's worker (JOBS=queue)."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    worker = commands.add_parser("worker", help="consume JOBS_QUEUE at JOBS_BROKER_URL")
    worker.add_argument("--threads", type=int, default=4, help="jobs run at once (default 4)")
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # pika reports every step of every connection at INFO.
    logging.getLogger("pika").setLevel(logging.WARNING)
    stop = threading.Event()

    def stop_on_signal(_signal: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGINT, stop_on_signal)
    start_or_exit(lambda: run_worker(Settings(), arguments.threads, stop))


if __name__ == "__main__":
    main()
