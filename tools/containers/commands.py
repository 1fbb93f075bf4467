"""External commands, each bounded in time, its output kept in a log and shown when it fails."""

import subprocess
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Everything this package creates: the engine's data, the base images' work, the logs.
WORK = ROOT / "var" / "compose"
LOGS = WORK / "logs"
TAIL_LINES = 40


class CommandError(RuntimeError):
    """A command failed or ran out of time; the message ends with the tail of its log."""


def tail(path: Path, lines: int = TAIL_LINES) -> str:
    if not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def run(
    argv: Sequence[str | Path],
    *,
    log: str,
    timeout: float,
    env: Mapping[str, str] | None = None,
    cwd: Path = ROOT,
    stdin: bytes | None = None,
) -> str:
    """Run `argv` to completion and return its standard output.

    Both output streams are appended to var/compose/logs/<log>.log, so a step's log holds every
    command it ran; a failure raises CommandError with the end of that log.
    """
    LOGS.mkdir(parents=True, exist_ok=True)
    log_path = LOGS / f"{log}.log"
    command = [str(part) for part in argv]
    with log_path.open("a", encoding="utf-8") as out:
        out.write(f"$ {' '.join(command)}\n")
    try:
        result = subprocess.run(  # noqa: S603 - our own commands, never a shell
            command,
            input=stdin,
            capture_output=True,
            cwd=cwd,
            env=dict(env) if env is not None else None,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        _append(log_path, error.stdout, error.stderr)
        raise CommandError(
            f"`{' '.join(command)}` did not finish in {timeout:.0f} s; its log "
            f"({log_path.relative_to(ROOT)}) ends:\n{tail(log_path)}"
        ) from error
    _append(log_path, result.stdout, result.stderr)
    if result.returncode != 0:
        raise CommandError(
            f"`{' '.join(command)}` exited with status {result.returncode}; its log "
            f"({log_path.relative_to(ROOT)}) ends:\n{tail(log_path)}"
        )
    return result.stdout.decode(errors="replace")


def _append(log_path: Path, *outputs: bytes | str | None) -> None:
    with log_path.open("a", encoding="utf-8") as out:
        for output in outputs:
            if output:
                text = output.decode(errors="replace") if isinstance(output, bytes) else output
                out.write(text if text.endswith("\n") else text + "\n")


def stream(
    argv: Sequence[str | Path], *, log: str, timeout: float, env: Mapping[str, str]
) -> tuple[int, str]:
    """Run `argv` with its output shown as it comes (and logged); its status and last line."""
    LOGS.mkdir(parents=True, exist_ok=True)
    command = [str(part) for part in argv]
    last_line = ""
    with (
        (LOGS / f"{log}.log").open("a", encoding="utf-8") as out,
        subprocess.Popen(  # noqa: S603 - our own commands, never a shell
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env=dict(env),
            text=True,
            errors="replace",
        ) as process,
    ):
        out.write(f"$ {' '.join(command)}\n")
        # The output pipe stays open until the process ends, so a timer enforces the limit.
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            process.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            assert process.stdout is not None
            for line in process.stdout:
                print(line, end="", flush=True)
                out.write(line)
                last_line = line.strip() or last_line
            status = process.wait()
        finally:
            timer.cancel()
    if timed_out.is_set():
        raise CommandError(f"`{' '.join(command)}` was stopped after {timeout:.0f} s")
    return status, last_line
