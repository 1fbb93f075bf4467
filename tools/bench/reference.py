"""The reference hellos' tools: the Go program built once per run, and the runtimes' versions.

The Node.js hello runs as a script; the Go hello is compiled into a directory that the run puts
first on the servers' PATH, so that its subject starts like any other server, by name.
"""

import shutil
import subprocess
from pathlib import Path

from tools.bench.subjects import GO_HTTP, Subject

GO_BINARY = "hello-go"


class ReferenceError(RuntimeError):
    """A reference program could not be built (its runtime missing or the build failing)."""


def needs_go(subjects: tuple[Subject, ...] | list[Subject]) -> bool:
    return any(s.app.key == GO_HTTP.key for s in subjects)


def build_go(directory: Path) -> Path:
    """`go build` the Go hello into `directory`; the binary's path."""
    go = shutil.which("go")
    if go is None:
        raise ReferenceError("go is not installed: `make go` installs Debian's golang-go")
    directory.mkdir(parents=True, exist_ok=True)
    binary = directory / GO_BINARY
    completed = subprocess.run(  # noqa: S603 - the Go toolchain building our own program
        [go, "build", "-o", str(binary), GO_HTTP.target],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise ReferenceError(f"go build failed ({completed.returncode}):\n{completed.stderr}")
    return binary


def runtime_versions() -> dict[str, str]:
    """`node --version` and `go version`, or "not installed"."""
    found = {}
    for name, argument in (("node", "--version"), ("go", "version")):
        program = shutil.which(name)
        if program is None:
            found[name] = "not installed"
            continue
        completed = subprocess.run(  # noqa: S603 - a runtime's own version flag
            [program, argument], capture_output=True, text=True, check=False
        )
        found[name] = completed.stdout.strip() or completed.stderr.strip()
    return found
