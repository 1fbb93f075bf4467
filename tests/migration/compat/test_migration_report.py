"""The migration guide is generated, and its stale check fails on a copy that no longer matches."""

from pathlib import Path

from sidebyside import Probe

from parity_tests.migration import SUMMARY_END, SUMMARY_START, check, feature_of

DOCUMENT = f"# Guide\n\n{SUMMARY_START}\n| a | 1 |\n{SUMMARY_END}\n\nper feature\n"
README = f"# Readme\n\n{SUMMARY_START}\n| a | 1 |\n{SUMMARY_END}\n"


def written(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_current_guide_and_readme_pass_the_stale_check(tmp_path: Path) -> None:
    fresh = written(tmp_path, "fresh.md", DOCUMENT)

    assert (
        check(fresh, written(tmp_path, "kept.md", DOCUMENT), written(tmp_path, "R.md", README))
        == []
    )


def test_a_guide_that_a_run_would_write_differently_is_stale(tmp_path: Path) -> None:
    fresh = written(tmp_path, "fresh.md", DOCUMENT.replace("per feature", "per feature, anew"))

    problems = check(
        fresh, written(tmp_path, "kept.md", DOCUMENT), written(tmp_path, "R.md", README)
    )

    assert any("anew" in line for line in problems)


def test_a_readme_summary_that_differs_is_stale(tmp_path: Path) -> None:
    fresh = written(tmp_path, "fresh.md", DOCUMENT.replace("| a | 1 |", "| a | 2 |"))

    problems = check(fresh, fresh, written(tmp_path, "R.md", README))

    assert problems == [f"{tmp_path / 'R.md'}: the migration summary differs from this run's"]


def test_a_probe_belongs_to_the_feature_that_serves_its_path() -> None:
    assert feature_of(Probe("y", "GET", "/employees/{id}", feature="x")) == "employees"
    assert feature_of(Probe("y", "GET", "/static/style.css", feature="x")) == "static"
    assert feature_of(Probe("y", "GET", "/no-such-page", feature="x")) == "other paths"
