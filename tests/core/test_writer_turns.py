"""Turns to write one SQLite file, between threads and between processes."""

import multiprocessing
import threading
import time
from pathlib import Path

from shared.writer_turns import QueuedLock, WriterTurns


def take_in_this_process(lock_path: Path, timeout: float) -> bool:
    """Run in another process: its own WriterTurns on the same file."""
    return WriterTurns(lock_path).take(timeout)


def take_in_another_thread(turns: WriterTurns, timeout: float) -> bool:
    taken: list[bool] = []
    thread = threading.Thread(target=lambda: taken.append(turns.take(timeout)))
    thread.start()
    thread.join()
    if taken[0]:
        turns.give_back()
    return taken[0]


def test_another_process_waits_while_a_turn_is_held_and_gets_it_once_given_back(
    tmp_path: Path,
) -> None:
    lock_path = tmp_path / "twins.db-writer"
    turns = WriterTurns(lock_path)
    with multiprocessing.get_context("spawn").Pool(1) as other_process:
        assert turns.take(timeout=1)
        assert other_process.apply(take_in_this_process, (lock_path, 0.1)) is False
        turns.give_back()
        assert other_process.apply(take_in_this_process, (lock_path, 5)) is True


def test_another_thread_waits_while_a_turn_is_held_and_gets_it_once_given_back(
    tmp_path: Path,
) -> None:
    turns = WriterTurns(tmp_path / "twins.db-writer")
    assert turns.take(timeout=1)
    assert take_in_another_thread(turns, timeout=0.05) is False
    turns.give_back()
    assert take_in_another_thread(turns, timeout=1) is True


def queue_up(lock: QueuedLock, name: str, order: list[str], timeout: float) -> threading.Thread:
    """A thread that waits for the lock, notes its turn and gives it back; returned once it
    is in the queue."""

    def wait_for_the_turn() -> None:
        if lock.acquire(timeout):
            order.append(name)
            lock.release()

    ahead = lock.queued
    thread = threading.Thread(target=wait_for_the_turn)
    thread.start()
    while lock.queued == ahead and thread.is_alive():
        time.sleep(0.001)
    return thread


def test_threads_get_their_turns_in_the_order_they_asked_for_them() -> None:
    lock, order = QueuedLock(), list[str]()
    assert lock.acquire(timeout=1)
    threads = [queue_up(lock, name, order, timeout=5) for name in "abcdef"]
    lock.release()
    for thread in threads:
        thread.join()
    assert order == list("abcdef")


def test_a_thread_that_gives_up_leaves_the_queue_to_those_behind_it() -> None:
    lock, order = QueuedLock(), list[str]()
    assert lock.acquire(timeout=1)
    impatient = queue_up(lock, "impatient", order, timeout=0.05)
    patient = queue_up(lock, "patient", order, timeout=5)
    impatient.join()
    assert lock.queued == 1
    lock.release()
    patient.join()
    assert order == ["patient"]
    assert lock.acquire(timeout=0)  # given back by the last, free again
