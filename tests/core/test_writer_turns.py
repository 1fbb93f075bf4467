"""Turns to write one SQLite file, between threads and between processes."""

import multiprocessing
import threading
from pathlib import Path

from shared.writer_turns import WriterTurns


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
