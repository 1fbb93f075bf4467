"""The matrix: enough sets, each locked in the repository, each holding the side it does not
move at the lock."""

from pathlib import Path

import pytest

from tools.drift import environments
from tools.drift.environments import (
    StaleLock,
    ensure_environment,
    inputs_line,
    lock_is_current,
    lock_path,
    requirements_in,
)
from tools.drift.run import first_failure
from tools.drift.sets import LOCKED, SETS, SMOKE, by_name


def test_the_matrix_has_at_least_ten_sets_each_locked_in_the_repository() -> None:
    assert len(SETS) >= 10
    assert [s.name for s in SETS if not lock_path(s).exists()] == []


def test_a_set_that_moves_flask_holds_fastapi_at_the_lock_and_lets_its_plugins_follow() -> None:
    wanted = by_name("flask-2.2").requirements()
    assert wanted["fastapi"] == f"=={LOCKED['fastapi']}"
    assert wanted["starlette"] == f"=={LOCKED['starlette']}"
    assert wanted["flask"] == "==2.2.*"
    assert wanted["flask-cors"] == ""  # the newest that allows Flask 2.2


def test_a_replaced_requirement_keeps_its_extras() -> None:
    assert "flask[async]==2.2.*" in requirements_in(by_name("flask-2.2"))


def test_each_lock_pins_what_its_set_asks_for() -> None:
    for version_set in SETS:
        pinned = Path(lock_path(version_set)).read_text()
        for package, specifier in version_set.requirements().items():
            if specifier.startswith("==") and not specifier.endswith("*"):
                assert f"\n{package}{specifier}\n" in f"\n{pinned}", (version_set.name, package)


def test_the_smoke_set_moves_both_frameworks() -> None:
    assert {"flask", "fastapi"} <= set(by_name(SMOKE).pins)


def test_a_failure_names_the_last_line_and_the_projects_own_frame() -> None:
    root = Path(__file__).resolve().parents[3]
    traceback = (
        "Traceback (most recent call last):\n"
        f'  File "{root}/fastapi_app/routes/employees.py", line 23, in <module>\n'
        '  File "/somewhere/site-packages/fastapi/params.py", line 9, in f\n'
        "AssertionError: Param: query can only be a request body\n"
    )
    assert first_failure(traceback) == (
        "AssertionError: Param: query can only be a request body "
        '(File "fastapi_app/routes/employees.py", line 23, in <module>)'
    )


def test_a_failure_in_a_sets_environment_names_it_from_the_checkout() -> None:
    root = Path(__file__).resolve().parents[3]
    traceback = (
        "Traceback (most recent call last):\n"
        f'  File "{root}/shared/settings.py", line 7, in <module>\n'
        f"ImportError: cannot import name 'x' ({root}/var/drift/envs/old/lib/pydantic/_utils.py)\n"
    )
    assert str(root) not in first_failure(traceback)
    assert "(var/drift/envs/old/lib/pydantic/_utils.py)" in first_failure(traceback)


def test_every_checked_in_lock_was_resolved_from_the_projects_current_requirements() -> None:
    assert [s.name for s in SETS if not lock_is_current(s)] == []


def test_a_lock_resolved_before_a_dependency_was_added_is_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    version_set = by_name(SMOKE)
    monkeypatch.setattr(environments, "LOCKS", tmp_path)
    (tmp_path / f"{SMOKE}.txt").write_text(f"{inputs_line(version_set)}\nflask==3.1.0\n")
    assert lock_is_current(version_set)
    monkeypatch.setattr(
        environments,
        "requirements_in",
        lambda s: [*requirements_in(s), "a-new-dependency>=1"],
    )
    assert not lock_is_current(version_set)


def test_a_test_run_refuses_a_stale_lock_rather_than_rewrite_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(environments, "LOCKS", tmp_path)
    stale = tmp_path / f"{SMOKE}.txt"
    stale.write_text("# resolved from inputs with sha256 0000\nflask==3.1.0\n")
    with pytest.raises(StaleLock, match=r"python -m tools\.drift lock"):
        ensure_environment(by_name(SMOKE), relock=False)
    assert stale.read_text().startswith("# resolved from inputs with sha256 0000")
