"""What a test needs from the machine: skipped with the reason when it is missing, except in CI,
where everything the project relies on must run, so there the test fails instead."""

import pytest

from parity_tests.databases import must_not_skip


def require(missing: str | None, ci_needs_it: str) -> None:
    """Nothing when `missing` is None (all there); otherwise skip with it, or in CI fail, saying
    why CI needs it (`ci_needs_it`)."""
    if missing is None:
        return
    if must_not_skip():
        pytest.fail(f"{missing}: {ci_needs_it}")
    pytest.skip(missing)
