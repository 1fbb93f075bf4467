"""Queue mode for tests: a RabbitMQ queue of a test's own on the local broker, and a worker
that consumes it.

Several test runs (and deployments) may share one broker: each test takes a queue named for
it alone and deletes it, with its retry and dead-letter queues, when it is done.
"""

import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pika
import pika.exceptions

from shared.jobs import broker_parameters, public_broker_url, run_worker
from shared.settings import Settings

# The broker the tests use: the machine's RabbitMQ (CI runs one too) unless told otherwise.
BROKER_URL = os.environ.get("JOBS_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/")
WORKER_THREADS = 2


def broker_unavailable_reason(url: str = BROKER_URL) -> str | None:
    """Why the broker cannot be used here, or None when it can."""
    try:
        pika.BlockingConnection(broker_parameters(url)).close()
    except pika.exceptions.AMQPError as error:
        return f"no RabbitMQ at {public_broker_url(url)} ({type(error).__name__})"
    return None


def queue_name_for(purpose: str) -> str:
    return f"test-{purpose}-{uuid.uuid4().hex[:12]}"


def delete_queue(name: str, url: str = BROKER_URL) -> None:
    """The queue and the two Dramatiq declares beside it: its delayed retries and dead letters."""
    connection = pika.BlockingConnection(broker_parameters(url))
    try:
        channel = connection.channel()
        for queue in (name, f"{name}.DQ", f"{name}.XQ"):
            channel.queue_delete(queue)
    finally:
        connection.close()


def queue_settings(settings: Settings, purpose: str) -> Settings:
    """The same settings in queue mode, on a new queue of the test broker."""
    return settings.model_copy(
        update={"jobs": "queue", "jobs_queue": queue_name_for(purpose)}
        | {"jobs_broker_url": Settings(jobs_broker_url=BROKER_URL).jobs_broker_url}
    )


@contextmanager
def worker_in_thread(settings: Settings) -> Iterator[None]:
    """A worker consuming `settings.jobs_queue` in this process until the `with` ends; then
    the queue is deleted."""
    stop = threading.Event()
    failures: list[BaseException] = []

    def work() -> None:
        try:
            run_worker(settings, WORKER_THREADS, stop)
        except BaseException as error:  # reported by the `with`, not lost in the thread
            failures.append(error)

    thread = threading.Thread(target=work, name=f"worker-{settings.jobs_queue}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=30)
        delete_queue(settings.jobs_queue)
    if failures:
        raise failures[0]
