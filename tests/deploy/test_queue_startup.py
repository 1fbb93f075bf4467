"""Queue mode without a broker: every production server refuses to start, with one line that
names the broker (password hidden) and no traceback, instead of serving uploads it cannot queue
or restarting its workers forever."""

import os
import re
import subprocess
from pathlib import Path

import pytest

from parity_tests.servers import (
    PORT_VARIABLES,
    PRODUCTION_SERVERS,
    ROOT,
    ProductionServer,
    free_port,
    procfile_commands,
    server_environment,
)

# Nothing listens on port 1 of the loopback: the connection is refused at once.
NO_BROKER_URL = "amqp://guest:secret@127.0.0.1:1/"
REFUSAL = (
    "JOBS=queue but the job broker at amqp://guest:***@127.0.0.1:1/ cannot be used "
    "(Connection refused)"
)
STOP_TIMEOUT_SECONDS = 90
# gunicorn's arbiter stops with its worker's code 3 ("Worker failed to boot"), as does uvicorn
# with one process; uvicorn's supervisor (--workers 2, the Procfile's) stops too, but exits 0.
EXIT_CODES = {"gthread": 3, "uvicorn": 0, "gunicorn-uvicorn": 3}
# When both of gunicorn's workers fail at once, the arbiter's second HaltServer escapes it while
# it stops: Python's own exit code for an uncaught exception, after gunicorn's traceback.
HALTED_TWICE = 1
HALT_TRACEBACK = "gunicorn.errors.HaltServer: <HaltServer 'Worker failed to boot.' 3>"


def stopped_as_expected(server_id: str, returncode: int, said: str) -> bool:
    if returncode == EXIT_CODES[server_id]:
        return True
    return EXIT_CODES[server_id] == 3 and returncode == HALTED_TWICE and HALT_TRACEBACK in said


def tracebacks_outside_the_server(said: str) -> list[str]:
    """Each traceback in the output with a frame that is not gunicorn's own. When both of its
    workers fail to boot at once, gunicorn's arbiter raises HaltServer again while it stops
    and prints that traceback itself: the server's doing, and no frame of the app's."""
    return [
        block
        for block in said.split("Traceback (most recent call last):")[1:]
        if any(
            "/gunicorn/" not in path and not path.endswith("/bin/gunicorn")
            for path in re.findall(r'File "([^"]+)"', block)
        )
    ]


def test_a_traceback_through_the_app_is_not_the_servers_own() -> None:
    said = (
        "Traceback (most recent call last):\n"
        '  File "/venv/lib/python3.11/site-packages/gunicorn/arbiter.py", line 683\n'
        "gunicorn.errors.HaltServer: <HaltServer 'Worker failed to boot.' 3>\n"
        "Traceback (most recent call last):\n"
        '  File "/repo/shared/jobs.py", line 40, in connect\n'
        "pika.exceptions.AMQPConnectionError\n"
    )
    assert len(tracebacks_outside_the_server(said)) == 1


def test_gunicorn_halted_twice_stops_with_pythons_code_only_after_its_own_traceback() -> None:
    assert stopped_as_expected("gthread", 3, "")
    assert stopped_as_expected("gthread", 1, f"Traceback ...\n{HALT_TRACEBACK}\n")
    assert not stopped_as_expected("gthread", 1, "Traceback ...\nImportError: no module\n")
    assert not stopped_as_expected("uvicorn", 1, HALT_TRACEBACK)
    assert not stopped_as_expected("gthread", 0, "")


@pytest.mark.parametrize("server", PRODUCTION_SERVERS, ids=lambda server: server.id)
def test_queue_mode_without_a_broker_stops_the_server_with_one_line(
    server: ProductionServer, tmp_path: Path
) -> None:
    environment = server_environment(
        os.environ
        | {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'twins.db'}",
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "JOBS": "queue",
            "JOBS_BROKER_URL": NO_BROKER_URL,
            "HOST": "127.0.0.1",
            PORT_VARIABLES[server.app]: str(free_port()),
        }
    )
    command = server.command or procfile_commands()[server.app]

    finished = subprocess.run(
        ["/bin/sh", "-c", f"exec {command}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=STOP_TIMEOUT_SECONDS,
        check=False,
    )

    said = finished.stdout + finished.stderr
    refusals = [line for line in said.splitlines() if line.startswith(REFUSAL)]
    # Each worker process that tried says it once: the line names what to change.
    assert refusals, said
    assert all(line.endswith("or set JOBS_BROKER_URL, or JOBS=inline.") for line in refusals)
    assert tracebacks_outside_the_server(said) == []
    assert "secret" not in said
    assert stopped_as_expected(server.id, finished.returncode, said), finished.returncode
