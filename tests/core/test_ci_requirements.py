import pytest

from parity_tests.ci import require


def test_what_is_there_is_required_without_a_word(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")

    require(None, "CI needs it")


def test_what_is_missing_skips_a_local_run_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match=r"^go is not installed$"):
        require("go is not installed", "CI measures against Go")


def test_what_is_missing_fails_in_ci_saying_why_ci_needs_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CI", "true")

    # Any outcome is caught, so that a skip in CI fails this test instead of skipping it.
    with pytest.raises(
        BaseException, match=r"^go is not installed: CI measures against Go$"
    ) as outcome:
        require("go is not installed", "CI measures against Go")

    assert outcome.type is pytest.fail.Exception
