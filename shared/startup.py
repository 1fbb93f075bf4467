"""An app that cannot start says why in one line and exits with the code that servers read
as "failed to boot": gunicorn's arbiter and uvicorn's supervisor then stop, instead of
starting the same failing worker again and again."""

import sys
from collections.abc import Callable
from typing import TypeVar

from pydantic import ValidationError

# gunicorn's Arbiter.WORKER_BOOT_ERROR and uvicorn's STARTUP_FAILURE.
STARTUP_FAILURE = 3

Started = TypeVar("Started")


class StartupRefused(Exception):
    """The set-up cannot work (a broker out of reach): the message says what to change."""


def settings_error_line(error: ValidationError) -> str:
    problems = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem["loc"]).upper()
        problems.append(f"{where}: {problem['msg']}" if where else problem["msg"])
    return "invalid settings: " + "; ".join(problems)


def start_or_exit(start: Callable[[], Started]) -> Started:
    """What `start` returns (an app; a worker, when it stops), or one line on stderr and
    exit code STARTUP_FAILURE."""
    try:
        return start()
    except ValidationError as error:
        line = settings_error_line(error)
    except StartupRefused as error:
        line = str(error)
    print(line, file=sys.stderr, flush=True)
    raise SystemExit(STARTUP_FAILURE)
