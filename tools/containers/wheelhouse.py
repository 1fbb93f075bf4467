"""The image's dependencies: uv.lock exported for pip, and a wheelhouse of exactly those files.

    python -m tools.containers.wheelhouse write|check

`requirements.txt` is what the Dockerfile installs, with `--require-hashes`; `make requirements`
writes it and the compose test refuses to run while it differs from the lock. The wheelhouse is
filled on the host, for the interpreter and C library of the image that installs it (not the
host's), so the build needs no network inside the container.
"""

import argparse
import difflib
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tools.containers.commands import ROOT, CommandError, run

# The header uv writes repeats this command line, so every export of one lock is identical.
EXPORT = (
    "export",
    "--frozen",
    "--no-dev",
    "--extra",
    "postgres",
    "--no-emit-project",
    "--format",
    "requirements-txt",
)
REQUIREMENTS = ROOT / "requirements.txt"
# Beside this module, inside the build context: the Dockerfile copies it (COPY
# tools/containers/wheels/), and it is named apart from this module, wheelhouse.py.
WHEELHOUSE = Path(__file__).resolve().parent / "wheels"
# The Makefile's tools environment: uv, and a pip to download with.
TOOLS = ROOT / ".tools" / "bin"
DOWNLOAD_TIMEOUT_SECONDS = 600
# The oldest glibc any manylinux wheel targets (manylinux1 is glibc 2.5).
_OLDEST_GLIBC_MINOR = 5
# Run in the image with no network: its Python version, C library version and machine.
_PROBE = (
    "import os, platform, sys; "
    "print(*sys.version_info[:2], os.confstr('CS_GNU_LIBC_VERSION').split()[1], platform.machine())"
)


def uv() -> Path:
    return Path(os.environ.get("UV", TOOLS / "uv"))


def exported_lock() -> str:
    return run([uv(), *EXPORT], log="requirements", timeout=120)


def staleness(committed: str, exported: str, limit: int = 12) -> str | None:
    """None when requirements.txt is the lock's export, else what differs."""
    if committed == exported:
        return None
    diff = difflib.unified_diff(
        committed.splitlines(), exported.splitlines(), "requirements.txt", "uv.lock", lineterm=""
    )
    shown = list(diff)[:limit]
    return "requirements.txt is not uv.lock's export (run `make requirements`):\n" + "\n".join(
        shown
    )


@dataclass(frozen=True)
class WheelTarget:
    """The interpreter and platform a wheel must fit."""

    python: tuple[int, int]
    glibc: tuple[int, int]
    machine: str

    @classmethod
    def parse(cls, probe_output: str) -> "WheelTarget":
        major, minor, glibc, machine = probe_output.split()
        glibc_major, glibc_minor = glibc.split(".")[:2]
        return cls((int(major), int(minor)), (int(glibc_major), int(glibc_minor)), machine)

    def __str__(self) -> str:
        python, glibc = (".".join(str(part) for part in pair) for pair in (self.python, self.glibc))
        return f"CPython {python}, glibc {glibc}, {self.machine}"

    def platforms(self) -> list[str]:
        """Every manylinux tag this glibc runs, newest first, with the legacy aliases.

        pip matches --platform exactly, so each compatible tag must be named.
        """
        major, newest = self.glibc
        if major != 2:
            raise ValueError(f"glibc {major}.{newest}: manylinux tags exist for glibc 2 only")
        perennial = [
            f"manylinux_2_{minor}_{self.machine}"
            for minor in range(newest, _OLDEST_GLIBC_MINOR - 1, -1)
        ]
        legacy = [
            f"{alias}_{self.machine}"
            for alias, minor in (("manylinux2014", 17), ("manylinux2010", 12), ("manylinux1", 5))
            if minor <= newest
        ]
        return perennial + legacy

    def pip_options(self) -> list[str]:
        version = "".join(str(part) for part in self.python)
        options = [
            "--python-version",
            ".".join(str(part) for part in self.python),
            "--implementation",
            "cp",
            "--abi",
            f"cp{version}",
        ]
        for platform in self.platforms():
            options += ["--platform", platform]
        return options


def image_target(image: str, env: Mapping[str, str]) -> WheelTarget:
    output = run(
        ["docker", "run", "--rm", "--network=none", image, "python3", "-c", _PROBE],
        log="wheelhouse",
        timeout=60,
        env=env,
    )
    return WheelTarget.parse(output)


def fill(target: WheelTarget) -> tuple[list[Path], bool]:
    """Every file requirements.txt names in the wheelhouse, each checked by its hash.

    First offline, from the wheelhouse itself: when that succeeds, nothing is missing. Else
    from PyPI. Returns the wheels, and whether any had to be downloaded.
    """
    pip_download: list[str | Path] = [
        TOOLS / "python",
        "-m",
        "pip",
        "download",
        "--disable-pip-version-check",
        "--progress-bar=off",
        "--only-binary=:all:",
        "--require-hashes",
        f"--requirement={REQUIREMENTS}",
        f"--dest={WHEELHOUSE}",
        *target.pip_options(),
    ]
    offline = ["--no-index", f"--find-links={WHEELHOUSE}"]
    try:
        run([*pip_download, *offline], log="wheelhouse", timeout=DOWNLOAD_TIMEOUT_SECONDS)
        downloaded = False
    except CommandError:
        run(pip_download, log="wheelhouse", timeout=DOWNLOAD_TIMEOUT_SECONDS)
        downloaded = True
    return sorted(WHEELHOUSE.glob("*.whl")), downloaded


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.containers.wheelhouse", description=__doc__
    )
    parser.add_argument("action", choices=["write", "check"])
    action = parser.parse_args(argv).action
    exported = exported_lock()
    if action == "write":
        REQUIREMENTS.write_text(exported)
        print(f"wrote {REQUIREMENTS.relative_to(ROOT)} from uv.lock")
        return 0
    problem = staleness(REQUIREMENTS.read_text(), exported)
    print(problem or "requirements.txt is uv.lock's export")
    return 1 if problem else 0


if __name__ == "__main__":
    sys.exit(main())
