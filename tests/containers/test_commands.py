import sys
from pathlib import Path

import pytest

from tools.containers import commands
from tools.containers.commands import CommandError, run, stream


@pytest.fixture(autouse=True)
def logs_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(commands, "LOGS", tmp_path / "logs")
    monkeypatch.setattr(commands, "ROOT", tmp_path)
    return tmp_path / "logs"


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_a_command_output_is_returned_and_logged(logs_in: Path) -> None:
    output = run(
        python("print('out'); import sys; print('err', file=sys.stderr)"), log="x", timeout=30
    )

    assert output == "out\n"
    log = (logs_in / "x.log").read_text()
    assert log.startswith(f"$ {sys.executable} -c")
    assert "out\n" in log
    assert "err\n" in log


def test_a_failing_command_raises_with_the_end_of_its_log() -> None:
    with pytest.raises(CommandError, match=r"(?s)exited with status 3.*the reason"):
        run(python("import sys; print('the reason'); sys.exit(3)"), log="x", timeout=30)


def test_a_command_that_runs_too_long_is_stopped() -> None:
    with pytest.raises(CommandError, match="did not finish in 1 s"):
        run(python("import time; time.sleep(30)"), log="x", timeout=1)


def test_a_streamed_command_gives_its_status_and_last_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, last = stream(
        python("print('1 test'); print('5 passed in 0.1s'); print()"), log="y", timeout=30, env={}
    )

    assert (status, last) == (0, "5 passed in 0.1s")
    assert "1 test\n" in capsys.readouterr().out


def test_a_streamed_command_that_runs_too_long_is_stopped() -> None:
    with pytest.raises(CommandError, match="stopped after 1 s"):
        stream(python("import time; time.sleep(30)"), log="y", timeout=1, env={})
