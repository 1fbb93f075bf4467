"""What the host must have: root, and Debian's docker.io, docker-compose and debootstrap."""

import os
import shutil
from pathlib import Path

from tools.containers.commands import run

# Each command this package runs, and the Debian package that provides it.
PACKAGES = {
    "dockerd": "docker.io",
    "docker": "docker.io",
    "docker-compose": "docker-compose",
    "debootstrap": "debootstrap",
}
# debootstrap checks the archive's signature with it; Debian hosts have it, others may not.
DEBIAN_KEYRING = Path("/usr/share/keyrings/debian-archive-keyring.gpg")
INSTALL_TIMEOUT_SECONDS = 600


def missing_packages() -> list[str]:
    missing = {package for command, package in PACKAGES.items() if shutil.which(command) is None}
    if not DEBIAN_KEYRING.exists():
        missing.add("debian-archive-keyring")
    return sorted(missing)


def why_not_here() -> str | None:
    """Why the compose test cannot run on this host, or None when it can."""
    if os.geteuid() != 0:
        return "it needs root: dockerd, debootstrap and apt-get run as root"
    missing = missing_packages()
    if missing and shutil.which("apt-get") is None:
        return f"{', '.join(missing)} missing, and no apt-get to install them"
    return None


def install(packages: list[str]) -> None:
    """apt-get the packages; their services are never used (the engine here is our own)."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update", "-qq"], log="packages", timeout=INSTALL_TIMEOUT_SECONDS, env=env)
    run(
        ["apt-get", "install", "--yes", "--no-install-recommends", *packages],
        log="packages",
        timeout=INSTALL_TIMEOUT_SECONDS,
        env=env,
    )
