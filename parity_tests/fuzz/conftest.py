"""The fuzz run's account of what it sent and what came back, printed at the end of the run."""

import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pytest

# `make fuzz` sets FUZZ_EXAMPLES; without it, `make test` runs the small seeded slice.
FULL_RUN_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0"))
SLICE_EXAMPLES = 4


@dataclass
class OperationRecord:
    takes_input: bool = True
    cases: int = 0
    statuses: Counter[tuple[int, int]] = field(default_factory=Counter)
    differences: Counter[str] = field(default_factory=Counter)


RECORDS = pytest.StashKey[dict[str, OperationRecord]]()


def record(
    config: pytest.Config,
    operation: str,
    takes_input: bool,
    statuses: tuple[int, int],
    found: tuple[str, ...],
) -> None:
    records = config.stash.setdefault(RECORDS, defaultdict(OperationRecord))
    entry = records[operation]
    entry.takes_input = takes_input
    entry.cases += 1
    entry.statuses[statuses] += 1
    entry.differences.update(found)


def too_few_cases(records: dict[str, OperationRecord], wanted: int) -> list[str]:
    """Operations that got fewer cases than asked. One without parameters or a body has a
    handful of distinct requests in all (itself, and other methods on its path): Hypothesis
    stops once it has sent each, so for those the count is what exists, not what was asked."""
    return [
        name
        for name, entry in sorted(records.items())
        if entry.takes_input and entry.cases < wanted
    ]


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    records = config.stash.get(RECORDS, {})
    if not records:
        return
    write = terminalreporter.write_line
    terminalreporter.section("differential fuzzing")
    write(f"{'operation':<32} {'cases':>6}  statuses, flask/fastapi: cases")
    for operation, entry in sorted(records.items()):
        statuses = ", ".join(
            f"{flask}/{fastapi}: {count}"
            for (flask, fastapi), count in sorted(entry.statuses.items())
        )
        every = "" if entry.takes_input else "  (no input: every distinct request)"
        write(f"{operation:<32} {entry.cases:>6}  {statuses}{every}")
    total = sum(entry.cases for entry in records.values())
    differences: Counter[str] = Counter()
    for entry in records.values():
        differences.update(entry.differences)
    seen = ", ".join(f"{name} ({count})" for name, count in differences.most_common())
    write(f"{total} cases in all; registered differences seen: {seen or 'none'}")
    short = too_few_cases(records, FULL_RUN_EXAMPLES) if FULL_RUN_EXAMPLES else []
    if short:
        write(f"FEWER THAN {FULL_RUN_EXAMPLES} CASES, a failed run: {', '.join(short)}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # A full run that sent some operation fewer cases than asked has not done its job.
    records = session.config.stash.get(RECORDS, {})
    if FULL_RUN_EXAMPLES and records and too_few_cases(records, FULL_RUN_EXAMPLES):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def default_pair_only(request: pytest.FixtureRequest) -> None:
    """The fuzzer holds the FastAPI twin to its own schema and tells FastAPI's differences from
    Flask's (recognise.py); compat mode's schema is held to its answers by
    tests/migration/compat/test_docs_in_compat.py. A skip here, not in the test, keeps the test's
    source, from which the slice's derandomised cases are drawn, unchanged."""
    from parity_tests.options import selected_pair
    from parity_tests.sides import DEFAULT_PAIR

    if "pair" in request.fixturenames and selected_pair(request.config) != DEFAULT_PAIR:
        pytest.skip("holds the FastAPI twin to its own schema: the default pair only")
