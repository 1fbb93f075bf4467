"""Finding Debian's Chromium, and what a run does without it."""

from pathlib import Path

import pytest

from tests.browser.chromium import CHROMIUM, chromium_missing_reason, require_chromium


def test_an_executable_at_the_configured_path_is_enough(tmp_path: Path) -> None:
    browser = tmp_path / "chromium"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)

    assert chromium_missing_reason(browser) is None


def test_a_missing_browser_is_explained_with_how_to_install_it(tmp_path: Path) -> None:
    reason = chromium_missing_reason(tmp_path / "chromium")

    assert reason is not None
    assert "apt-get install chromium" in reason


def test_without_chromium_a_local_run_skips_with_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match="no Chromium"):
        require_chromium(f"no Chromium at {CHROMIUM}")


def test_without_chromium_ci_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception, match="CI tests the apps in a browser"):
        require_chromium(f"no Chromium at {CHROMIUM}")


def test_with_chromium_nothing_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")

    require_chromium(None)
