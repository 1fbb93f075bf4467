import pytest

from tools.containers import __main__ as compose_run
from tools.containers.progress import Progress


@pytest.fixture
def host_without_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compose_run, "check_requirements", lambda progress: None)
    monkeypatch.setattr(compose_run, "why_not_here", lambda: "it needs root")

    def must_not_run(progress: Progress) -> None:
        raise AssertionError("the run went ahead on a host that cannot run it")

    monkeypatch.setattr(compose_run, "run_everything", must_not_run)


@pytest.mark.usefixtures("host_without_root")
def test_a_host_that_cannot_run_the_containers_skips_and_says_why(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("CI", raising=False)

    assert compose_run.main() == 0
    assert "cannot run here, it needs root: skipped" in capsys.readouterr().out


@pytest.mark.usefixtures("host_without_root")
def test_in_ci_a_host_that_cannot_run_the_containers_fails(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CI", "true")

    assert compose_run.main() == 1
    assert "cannot run here, it needs root: failing" in capsys.readouterr().out
