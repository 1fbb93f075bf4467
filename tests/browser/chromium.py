"""Debian's Chromium, driven by Playwright: no browser is downloaded, nothing leaves the machine.

`make` installs the `chromium` package when it is missing; Playwright only drives it, through
`executable_path`. A missing browser skips the browser tests with the reason, and fails them
in CI, where the browser is part of what is tested.
"""

import os
import shutil
from pathlib import Path

from parity_tests.ci import require

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = (
    "--headless",
    "--no-sandbox",  # root in a container has no user namespace for the sandbox
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # No update checks, field trials, sync or component downloads: the tests' own requests
    # are then the only ones the browser makes.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_missing_reason(path: Path = CHROMIUM) -> str | None:
    """Why Chromium cannot be launched here, or None when it can."""
    if path.is_file() and os.access(path, os.X_OK):
        return None
    found = shutil.which("chromium")
    hint = f" (one is on PATH at {found}: set CHROMIUM)" if found else ""
    return (
        f"no Chromium at {path}{hint}: `make` installs Debian's chromium package "
        "(apt-get install chromium)"
    )


def require_chromium(reason: str | None) -> None:
    """Skip with the reason when Chromium is missing; in CI, fail instead."""
    require(reason, "CI tests the apps in a browser, so Chromium must be there")
