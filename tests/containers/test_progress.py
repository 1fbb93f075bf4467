import pytest

from tools.containers.progress import Progress


def fail_in(progress: Progress, name: str, outcome: str) -> None:
    with progress.step(name) as step:
        step.outcome = outcome
        raise RuntimeError("the suite failed")


def test_each_step_says_what_it_did_and_the_summary_lists_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    progress = Progress()

    with progress.step("base image") as step:
        step.outcome = "cached"
    with pytest.raises(RuntimeError, match="the suite failed"):
        fail_in(progress, "parity suite", outcome="2 failed, 368 passed")

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "[compose] base image ..."
    assert lines[1].startswith("[compose] base image: cached (")
    assert lines[3].startswith("[compose] parity suite: FAILED: 2 failed, 368 passed (")
    summary = progress.summary().splitlines()
    assert summary[0].split()[-1] == "cached"
    assert summary[1].endswith("FAILED: 2 failed, 368 passed")
    assert summary[2].split()[0] == "total"
