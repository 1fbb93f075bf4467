"""A Docker engine of our own: Debian's dockerd, everything it keeps under var/compose/engine.

Its own data root, exec root, pidfile and socket, so it never meets another engine on this host,
and no bridge or firewall changes of its own: no docker0 (compose makes the stack's networks),
no iptables rules, no IP forwarding. Containers reach each other on their networks, the host
reaches published ports through docker-proxy on loopback, and nothing leaves the host.
"""

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from sidebyside.live import stop_gracefully

from tools.containers.commands import WORK, CommandError, run, tail

ENGINE = WORK / "engine"
READY_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 60.0
# sun_path holds 108 bytes; containerd's socket is the longest path under the exec root.
_LONGEST_SOCKET = "containerd/containerd.sock.ttrpc"
_UNIX_PATH_MAX = 107


class EngineError(RuntimeError):
    pass


@dataclass(frozen=True)
class EnginePaths:
    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def exec_root(self) -> Path:
        return self.root / "exec"

    @property
    def pidfile(self) -> Path:
        return self.root / "dockerd.pid"

    @property
    def socket(self) -> Path:
        return self.root / "docker.sock"

    @property
    def log(self) -> Path:
        return self.root / "dockerd.log"

    @property
    def client_config(self) -> Path:
        # An empty client configuration: the host's ~/.docker/config.json may carry proxies,
        # which the Docker client and docker-compose would inject into builds and containers.
        return self.root / "client-config"


def dockerd_argv(paths: EnginePaths) -> list[str]:
    return [
        "dockerd",
        f"--data-root={paths.data}",
        f"--exec-root={paths.exec_root}",
        f"--pidfile={paths.pidfile}",
        f"--host=unix://{paths.socket}",
        "--bridge=none",
        "--iptables=false",
        "--ip-forward=false",
    ]


def client_environment(paths: EnginePaths) -> dict[str, str]:
    """This process's environment, with every Docker client pointed at our engine alone."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DOCKER_", "COMPOSE_"))
    }
    return {
        **inherited,
        "DOCKER_HOST": f"unix://{paths.socket}",
        "DOCKER_CONFIG": str(paths.client_config),
    }


def _running_dockerd(pidfile: Path) -> int | None:
    """The PID in a pidfile if a dockerd still runs under it, else None."""
    try:
        pid = int(pidfile.read_text().strip())
        command = Path(f"/proc/{pid}/comm").read_text().strip()
    except (OSError, ValueError):
        return None
    return pid if command == "dockerd" else None


def check_paths(paths: EnginePaths) -> None:
    socket_path = paths.exec_root / _LONGEST_SOCKET
    if len(str(socket_path)) > _UNIX_PATH_MAX:
        raise EngineError(
            f"{socket_path} is longer than a Unix socket path may be ({_UNIX_PATH_MAX} bytes): "
            "run from a checkout with a shorter path"
        )
    earlier = _running_dockerd(paths.pidfile)
    if earlier is not None:
        raise EngineError(
            f"a dockerd from an earlier run still uses {paths.root} as PID {earlier}: "
            f"stop it (kill {earlier}) and run again"
        )
    paths.pidfile.unlink(missing_ok=True)
    paths.socket.unlink(missing_ok=True)


class Engine:
    """Our dockerd: `start()` returns the environment that points clients at it."""

    def __init__(self, paths: EnginePaths = EnginePaths(ENGINE)) -> None:
        self.paths = paths
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self) -> dict[str, str]:
        check_paths(self.paths)
        for directory in (self.paths.data, self.paths.exec_root, self.paths.client_config):
            directory.mkdir(parents=True, exist_ok=True)
        dockerd = shutil.which("dockerd")
        if dockerd is None:
            raise EngineError("dockerd is not installed")
        with self.paths.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - dockerd with our arguments
                [dockerd, *dockerd_argv(self.paths)[1:]],
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own session: a Ctrl-C reaches us alone, and we stop it in order.
                start_new_session=True,
            )
        env = client_environment(self.paths)
        try:
            self._wait_until_ready(env)
        except BaseException:
            self.stop()
            raise
        return env

    def _wait_until_ready(self, env: dict[str, str]) -> None:
        assert self.process is not None
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise EngineError(
                    f"dockerd exited with status {self.process.returncode}; "
                    f"{self.paths.log} ends:\n{tail(self.paths.log)}"
                )
            if self.paths.socket.exists():
                try:
                    run(["docker", "version"], log="engine", timeout=10, env=env)
                    return
                except CommandError:
                    pass
            time.sleep(0.5)
        raise EngineError(
            f"dockerd did not answer in {READY_TIMEOUT_SECONDS:.0f} s; "
            f"{self.paths.log} ends:\n{tail(self.paths.log)}"
        )

    def stop(self) -> int | None:
        """SIGTERM, as an init system stops it; SIGKILL only if it has not exited in time."""
        if self.process is None:
            return None
        try:
            return stop_gracefully(self.process, STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise EngineError(
                f"dockerd (PID {self.process.pid}) ignored SIGTERM for "
                f"{STOP_TIMEOUT_SECONDS:.0f} s and was killed; {self.paths.log} ends:\n"
                f"{tail(self.paths.log)}"
            ) from None
